package org.zhengce.schemas.serde;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.jspecify.annotations.Nullable;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.registry.SchemaRegistryClient;
import org.zhengce.schemas.registry.SubjectNameStrategy;
import org.zhengce.schemas.registry.TopicNameStrategy;

/**
 * The serde settings, read from a Kafka config map under Confluent's key names. Parsing fails fast
 * with a {@link ConfigException} naming the missing or invalid key.
 *
 * @param registryUrls base URLs of the registry, tried in order; empty when a client is supplied
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or {@code null}
 * @param specificAvroKeyType generated class to read keys into, or {@code null} to take the class
 *     named by the writer schema
 * @param specificAvroValueType the same for values
 * @param publishDataContracts whether auto-registration sends the data contract the data standard publishes with a
 *     schema ({@code contracts/<full name>.json}, ADR 0029)
 * @param ruleExecution whether the domain rules of the version written or read run (ADR 0029)
 */
public record SerdeConfig(
        List<URI> registryUrls,
        @Nullable String basicAuthUserInfo,
        boolean autoRegisterSchemas,
        boolean useLatestVersion,
        SubjectNameStrategy keySubjectNameStrategy,
        SubjectNameStrategy valueSubjectNameStrategy,
        boolean specificAvroReader,
        @Nullable Class<?> specificAvroKeyType,
        @Nullable Class<?> specificAvroValueType,
        int maxSchemasPerSubject,
        boolean publishDataContracts,
        boolean ruleExecution) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    public static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";
    /**
     * Ours: auto-registration sends the data standard's contract of the schema (default false: the topic's owner
     * publishes it, ADR 0029; a writer without it lands on the contract the owner registered).
     */
    public static final String PUBLISH_DATA_CONTRACTS = "publish.data.contracts";
    /** Ours: run the domain rules of the version's contract (default true, as Confluent's serdes do). */
    public static final String RULE_EXECUTION = "rule.execution";
    /** The {@code Producer<byte[], byte[]>} that the rules' {@code DLQ} action sends with. */
    public static final String RULE_DLQ_PRODUCER = org.zhengce.schemas.rules.DomainRules.DLQ_PRODUCER;

    public SerdeConfig {
        registryUrls = List.copyOf(registryUrls);
    }

    /** Parses {@code configs}; {@code schema.registry.url} is required. */
    public static SerdeConfig parse(Map<String, ?> configs) {
        return parse(configs, true);
    }

    /**
     * Parses {@code configs}; pass {@code registryUrlRequired = false} when the caller brings its own
     * {@link SchemaRegistryClient}.
     */
    public static SerdeConfig parse(Map<String, ?> configs, boolean registryUrlRequired) {
        List<URI> urls = urls(configs.get(SCHEMA_REGISTRY_URL));
        if (urls.isEmpty() && registryUrlRequired) {
            throw new ConfigException(SCHEMA_REGISTRY_URL + " is required");
        }
        String userInfo = userInfo(configs, urls);
        return new SerdeConfig(
                urls.stream().map(SerdeConfig::withoutUserInfo).toList(),
                userInfo,
                bool(configs, AUTO_REGISTER_SCHEMAS, true),
                bool(configs, USE_LATEST_VERSION, false),
                strategy(configs, KEY_SUBJECT_NAME_STRATEGY),
                strategy(configs, VALUE_SUBJECT_NAME_STRATEGY),
                bool(configs, SPECIFIC_AVRO_READER, false),
                type(configs, SPECIFIC_AVRO_KEY_TYPE),
                type(configs, SPECIFIC_AVRO_VALUE_TYPE),
                positiveInt(configs, MAX_SCHEMAS_PER_SUBJECT, HttpSchemaRegistryClient.DEFAULT_CACHE_CAPACITY),
                bool(configs, PUBLISH_DATA_CONTRACTS, false),
                bool(configs, RULE_EXECUTION, true));
    }

    /** A new HTTP client for these settings. */
    public SchemaRegistryClient newClient() {
        if (registryUrls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL + " is required");
        }
        return new HttpSchemaRegistryClient(
                registryUrls, basicAuthUserInfo, maxSchemasPerSubject, HttpSchemaRegistryClient.DEFAULT_TIMEOUT);
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        return isKey ? keySubjectNameStrategy : valueSubjectNameStrategy;
    }

    public @Nullable Class<?> specificAvroType(boolean isKey) {
        return isKey ? specificAvroKeyType : specificAvroValueType;
    }

    private static List<URI> urls(@Nullable Object value) {
        List<URI> urls = new ArrayList<>();
        if (value == null) {
            return urls;
        }
        List<?> parts =
                value instanceof List<?> list ? list : List.of(value.toString().split(","));
        for (Object part : parts) {
            String url = part.toString().strip();
            if (url.isEmpty()) {
                continue;
            }
            try {
                URI uri = new URI(url);
                boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
                if (!http || uri.getHost() == null) {
                    throw new ConfigException(SCHEMA_REGISTRY_URL, value, "'" + url + "' is not an http(s) URL");
                }
                urls.add(uri);
            } catch (URISyntaxException e) {
                throw new ConfigException(SCHEMA_REGISTRY_URL, value, "'" + url + "' is not a URL: " + e.getMessage());
            }
        }
        return urls;
    }

    private static @Nullable String userInfo(Map<String, ?> configs, List<URI> urls) {
        Object source = configs.get(BASIC_AUTH_CREDENTIALS_SOURCE);
        String sourceName = source == null ? "URL" : source.toString().strip().toUpperCase(Locale.ROOT);
        switch (sourceName) {
            case "USER_INFO" -> {
                Object userInfo = configs.get(BASIC_AUTH_USER_INFO);
                if (userInfo == null || !userInfo.toString().contains(":")) {
                    throw new ConfigException(BASIC_AUTH_USER_INFO + " is required as user:password when "
                            + BASIC_AUTH_CREDENTIALS_SOURCE + " is USER_INFO");
                }
                return userInfo.toString();
            }
            case "URL" -> {
                return urls.stream()
                        .map(URI::getRawUserInfo)
                        .filter(info -> info != null)
                        .map(info -> URLDecoder.decode(info, StandardCharsets.UTF_8))
                        .findFirst()
                        .orElse(null);
            }
            default ->
                throw new ConfigException(
                        BASIC_AUTH_CREDENTIALS_SOURCE, source, "supported sources are USER_INFO and URL");
        }
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, uri, e.getMessage());
        }
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = value.toString().strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(key, value, "must be true or false");
    }

    private static int positiveInt(Map<String, ?> configs, String key, int defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            int number = value instanceof Number n
                    ? n.intValue()
                    : Integer.parseInt(value.toString().strip());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "must be a positive integer");
        }
        throw new ConfigException(key, value, "must be a positive integer");
    }

    private static SubjectNameStrategy strategy(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            return new TopicNameStrategy();
        }
        if (value instanceof SubjectNameStrategy strategy) {
            return strategy;
        }
        try {
            return SubjectNameStrategy.named(
                    value instanceof Class<?> type
                            ? type.getName()
                            : value.toString().strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, value, e.getMessage());
        }
    }

    private static @Nullable Class<?> type(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            return null;
        }
        Class<?> type;
        try {
            type = value instanceof Class<?> given
                    ? given
                    : Class.forName(
                            value.toString().strip(),
                            true,
                            Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(key, value, "class not found");
        }
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new ConfigException(key, value, "must be a generated Avro SpecificRecord class");
        }
        return type;
    }
}
