package org.zhengce.registry.store;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.registry.store.RegistryEvent.CompatibilityCleared;
import org.zhengce.registry.store.RegistryEvent.CompatibilitySet;
import org.zhengce.registry.store.RegistryEvent.MaxIdNoted;
import org.zhengce.registry.store.RegistryEvent.ModeCleared;
import org.zhengce.registry.store.RegistryEvent.ModeSet;
import org.zhengce.registry.store.RegistryEvent.SchemaVersionErased;
import org.zhengce.registry.store.RegistryEvent.SchemaVersionSaved;
import org.zhengce.registry.store.RegistryEvent.SoftDeleteMarkerErased;
import org.zhengce.registry.store.RegistryEvent.SubjectSoftDeleted;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes events as the JSON keys and values of the {@code _schemas} topic, in the layout of
 * Confluent's registry where one exists: {@code {"keytype":"SCHEMA","subject":"s","version":1,
 * "magic":1}} to {@code {"subject","version","id","schema","deleted"}}, {@code CONFIG} and {@code
 * MODE} keys with a {@code null} subject for the global setting, {@code DELETE_SUBJECT}, and
 * tombstones for permanent deletes. {@code MAX_ID} is ours: the id high-water mark.
 *
 * <p>Keys are written field by field in a fixed order so that equal keys are equal bytes, which
 * log compaction relies on.
 */
final class StoreCodec {

    private static final Logger log = LoggerFactory.getLogger(StoreCodec.class);

    private static final String SCHEMA = "SCHEMA";
    private static final String CONFIG = "CONFIG";
    private static final String MODE = "MODE";
    private static final String DELETE_SUBJECT = "DELETE_SUBJECT";
    private static final String MAX_ID = "MAX_ID";

    private final JsonMapper json = JsonMapper.builder().build();

    /** A record's bytes; {@code value} is {@code null} for a tombstone. */
    record Encoded(byte[] key, byte @Nullable [] value) {}

    Encoded encode(RegistryEvent event) {
        if (event instanceof SchemaVersionSaved saved) {
            SchemaVersion version = saved.version();
            ObjectNode value = json.createObjectNode()
                    .put("subject", version.subject())
                    .put("version", version.version())
                    .put("id", version.id())
                    .put("schema", version.schema())
                    .put("deleted", version.deleted());
            putJson(value, "metadata", version.metadata());
            putJson(value, "ruleSet", version.ruleSet());
            return new Encoded(schemaKey(version.subject(), version.version()), bytes(value));
        } else if (event instanceof SchemaVersionErased erased) {
            return new Encoded(schemaKey(erased.subject(), erased.version()), null);
        } else if (event instanceof SubjectSoftDeleted deleted) {
            ObjectNode value =
                    json.createObjectNode().put("subject", deleted.subject()).put("version", deleted.upToVersion());
            return new Encoded(subjectKey(DELETE_SUBJECT, deleted.subject()), bytes(value));
        } else if (event instanceof SoftDeleteMarkerErased erased) {
            return new Encoded(subjectKey(DELETE_SUBJECT, erased.subject()), null);
        } else if (event instanceof CompatibilitySet set) {
            ObjectNode value = configValue(set.config());
            return new Encoded(subjectKey(CONFIG, set.subject()), bytes(value));
        } else if (event instanceof CompatibilityCleared cleared) {
            return new Encoded(subjectKey(CONFIG, cleared.subject()), null);
        } else if (event instanceof ModeSet set) {
            ObjectNode value = json.createObjectNode().put("mode", set.mode());
            return new Encoded(subjectKey(MODE, set.subject()), bytes(value));
        } else if (event instanceof ModeCleared cleared) {
            return new Encoded(subjectKey(MODE, cleared.subject()), null);
        } else if (event instanceof MaxIdNoted noted) {
            ObjectNode key = json.createObjectNode().put("keytype", MAX_ID).put("magic", 0);
            return new Encoded(bytes(key), bytes(json.createObjectNode().put("maxId", noted.maxId())));
        }
        throw new IllegalArgumentException("Unknown event " + event);
    }

    /**
     * Decodes one record. Records this registry does not use (Confluent's {@code NOOP}, contexts,
     * tombstones of delete markers) decode to nothing.
     *
     * @throws StoreException when the record is not valid JSON of a known layout
     */
    Optional<RegistryEvent> decode(byte[] keyBytes, byte @Nullable [] valueBytes) {
        try {
            JsonNode key = json.readTree(keyBytes);
            String keytype = key.path("keytype").asString("");
            @Nullable JsonNode value = valueBytes == null ? null : json.readTree(valueBytes);
            switch (keytype) {
                case SCHEMA:
                    return Optional.of(schemaEvent(key, value));
                case CONFIG:
                    return Optional.of(
                            value == null
                                    ? new CompatibilityCleared(subject(key))
                                    : new CompatibilitySet(subject(key), config(value)));
                case MODE:
                    return Optional.of(
                            value == null
                                    ? new ModeCleared(subject(key))
                                    : new ModeSet(subject(key), text(value, "mode")));
                case DELETE_SUBJECT:
                    return Optional.of(
                            value == null
                                    ? new SoftDeleteMarkerErased(text(key, "subject"))
                                    : new SubjectSoftDeleted(
                                            text(value, "subject"),
                                            value.path("version").asInt()));
                case MAX_ID:
                    return value == null
                            ? Optional.empty()
                            : Optional.of(new MaxIdNoted(value.path("maxId").asInt()));
                default:
                    log.debug("Skipping record with key type '{}'", keytype);
                    return Optional.empty();
            }
        } catch (JacksonException e) {
            throw new StoreException("Record is not valid registry JSON", e);
        }
    }

    private RegistryEvent schemaEvent(JsonNode key, @Nullable JsonNode value) {
        String subject = text(key, "subject");
        int version = key.path("version").asInt();
        if (value == null) {
            return new SchemaVersionErased(subject, version);
        }
        return new SchemaVersionSaved(new SchemaVersion(
                subject,
                version,
                value.path("id").asInt(),
                text(value, "schema"),
                value.path("deleted").asBoolean(false),
                jsonText(value, "metadata"),
                jsonText(value, "ruleSet")));
    }

    private ObjectNode configValue(SubjectConfig config) {
        ObjectNode value = json.createObjectNode();
        if (config.compatibilityLevel() != null) {
            value.put("compatibilityLevel", config.compatibilityLevel());
        }
        if (config.normalize() != null) {
            value.put("normalize", config.normalize());
        }
        if (config.compatibilityGroup() != null) {
            value.put("compatibilityGroup", config.compatibilityGroup());
        }
        if (config.validateFields() != null) {
            value.put("validateFields", config.validateFields());
        }
        if (config.alias() != null) {
            value.put("alias", config.alias());
        }
        putJson(value, "defaultMetadata", config.defaultMetadata());
        putJson(value, "overrideMetadata", config.overrideMetadata());
        putJson(value, "defaultRuleSet", config.defaultRuleSet());
        putJson(value, "overrideRuleSet", config.overrideRuleSet());
        return value;
    }

    private SubjectConfig config(JsonNode value) {
        return new SubjectConfig(
                optionalText(value, "compatibilityLevel"),
                value.path("normalize").isBoolean() ? value.path("normalize").booleanValue() : null,
                optionalText(value, "compatibilityGroup"),
                value.path("validateFields").isBoolean()
                        ? value.path("validateFields").booleanValue()
                        : null,
                optionalText(value, "alias"),
                jsonText(value, "defaultMetadata"),
                jsonText(value, "overrideMetadata"),
                jsonText(value, "defaultRuleSet"),
                jsonText(value, "overrideRuleSet"));
    }

    /** Embeds canonical JSON text as a nested object, as Confluent's records carry it. */
    private void putJson(ObjectNode node, String field, @Nullable String canonicalJson) {
        if (canonicalJson != null) {
            node.set(field, json.readTree(canonicalJson));
        }
    }

    /** A nested object as canonical JSON text; records written before data contracts have none. */
    private @Nullable String jsonText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isObject() ? DataContractJson.canonical(value) : null;
    }

    private static @Nullable String optionalText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }

    private byte[] schemaKey(String subject, int version) {
        ObjectNode key = json.createObjectNode()
                .put("keytype", SCHEMA)
                .put("subject", subject)
                .put("version", version)
                .put("magic", 1);
        return bytes(key);
    }

    private byte[] subjectKey(String keytype, @Nullable String subject) {
        ObjectNode key = json.createObjectNode().put("keytype", keytype);
        if (subject == null) {
            key.putNull("subject");
        } else {
            key.put("subject", subject);
        }
        return bytes(key.put("magic", 0));
    }

    private static @Nullable String subject(JsonNode key) {
        JsonNode subject = key.path("subject");
        return subject.isString() ? subject.stringValue() : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString()) {
            throw new StoreException("Record has no text field '" + field + "': " + node);
        }
        return value.stringValue();
    }

    private byte[] bytes(JsonNode node) {
        return json.writeValueAsBytes(node);
    }
}
