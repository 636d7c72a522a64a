package org.zhengce.registry;

import java.util.List;
import java.util.Map;

/** Fixed Avro schemas for the tests: a record that evolves version by version. */
public final class Fixtures {

    /** v1: one required field. */
    public static final String USER_V1 = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"org.zhengce.test\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";

    /** {@link #USER_V1} reformatted: other whitespace, attributes in another order. */
    public static final String USER_V1_REFORMATTED =
            "{\n  \"fields\" : [ { \"type\" : \"string\", \"name\" : \"id\" } ],\n"
                    + "  \"namespace\" : \"org.zhengce.test\",\n  \"type\" : \"record\",\n  \"name\" : \"User\"\n}";

    /** {@link #USER_V1} with a doc: a different schema. */
    public static final String USER_V1_WITH_DOC =
            "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"org.zhengce.test\",\"doc\":\"A user\","
                    + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";

    /** v2: adds an optional field with a default; compatible both ways with v1. */
    public static final String USER_V2 =
            "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"org.zhengce.test\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"string\"},"
                    + "{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null}]}";

    /**
     * v3: drops the default of {@code email}. Reads v2 data (which has email) but not v1 data
     * (which has none): BACKWARD compatible with v2, not with v1.
     */
    public static final String USER_V3 =
            "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"org.zhengce.test\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"string\"},"
                    + "{\"name\":\"email\",\"type\":[\"null\",\"string\"]}]}";

    /** Adds a required field: BACKWARD incompatible, FORWARD compatible. */
    public static final String USER_WITH_REQUIRED_AGE =
            "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"org.zhengce.test\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\"}]}";

    /** Drops the only field: BACKWARD compatible with v1 (new reader needs nothing), FORWARD not. */
    public static final String USER_WITHOUT_FIELDS =
            "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"org.zhengce.test\",\"fields\":[]}";

    /** Another record entirely. */
    public static final String ORDER = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"org.zhengce.test\","
            + "\"fields\":[{\"name\":\"amountFen\",\"type\":\"long\"}]}";

    public static final String NOT_JSON = "{\"type\":\"record\",\"name\":";

    public static final String UNKNOWN_TYPE =
            "{\"type\":\"record\",\"name\":\"Broken\",\"fields\":[{\"name\":\"x\",\"type\":\"Missing\"}]}";

    /** A data contract: metadata with an owner and release, and a CEL rule on {@link #ORDER}'s amount. */
    public static final Map<String, Object> CONTRACT = Map.of(
            "metadata",
            Map.of("properties", Map.of("owner", "intake", "release", "1")),
            "ruleSet",
            Map.of(
                    "domainRules",
                    List.of(Map.of(
                            "name", "nonNegative",
                            "kind", "CONDITION",
                            "mode", "WRITE",
                            "type", "CEL",
                            "expr", "message.amountFen >= 0"))));

    private Fixtures() {}

    /** A schema with the given record name and a single long field, for tests that need many. */
    public static String record(String name) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"org.zhengce.test\","
                + "\"fields\":[{\"name\":\"value\",\"type\":\"long\"}]}";
    }
}
