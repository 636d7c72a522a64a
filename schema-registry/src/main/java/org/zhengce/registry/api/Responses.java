package org.zhengce.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.registry.store.DataContractJson;
import org.zhengce.registry.store.SchemaVersion;
import org.zhengce.registry.store.SubjectConfig;
import tools.jackson.databind.JsonNode;

/**
 * The response bodies, field for field those of Confluent Platform 8's registry: fields that are not
 * set are left out, as Confluent leaves them out.
 */
final class Responses {

    private Responses() {}

    /**
     * What registering answers (Confluent Platform 8): the id, and the version holding the schema
     * with its GUID, data contract and schema. {@code schemaType} is left out for Avro, as Confluent
     * leaves it out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RegisteredSchema(
            int id,
            int version,
            String guid,
            @Nullable JsonNode metadata,
            @Nullable JsonNode ruleSet,
            String schema) {

        static RegisteredSchema of(SchemaVersion version) {
            return new RegisteredSchema(
                    version.id(),
                    version.version(),
                    version.guid(),
                    json(version.metadata()),
                    json(version.ruleSet()),
                    version.schema());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SubjectSchema(
            String subject,
            int version,
            int id,
            String guid,
            @Nullable JsonNode metadata,
            @Nullable JsonNode ruleSet,
            String schema) {

        static SubjectSchema of(SchemaVersion version) {
            return new SubjectSchema(
                    version.subject(),
                    version.version(),
                    version.id(),
                    version.guid(),
                    json(version.metadata()),
                    json(version.ruleSet()),
                    version.schema());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SchemaText(
            String schema,
            @Nullable JsonNode metadata,
            @Nullable JsonNode ruleSet,
            @Nullable Integer maxId) {

        static SchemaText of(SchemaVersion version, @Nullable Integer maxId) {
            return new SchemaText(version.schema(), json(version.metadata()), json(version.ruleSet()), maxId);
        }
    }

    record SubjectVersion(String subject, int version) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CompatibilityCheck(
            @JsonProperty("is_compatible") boolean isCompatible,
            @Nullable List<String> messages) {}

    record CompatibilityLevelConfig(String compatibilityLevel) {}

    /**
     * A subject's or the global settings, every field Confluent keeps that is set. {@code GET /config}
     * names the level {@code compatibilityLevel}; {@code PUT /config} answers the fields it was given
     * and names the level {@code compatibility}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConfigAnswer(
            @Nullable String alias,
            @Nullable Boolean normalize,
            @Nullable Boolean validateFields,
            @Nullable String compatibility,
            @Nullable String compatibilityLevel,
            @Nullable String compatibilityGroup,
            @Nullable JsonNode defaultMetadata,
            @Nullable JsonNode overrideMetadata,
            @Nullable JsonNode defaultRuleSet,
            @Nullable JsonNode overrideRuleSet) {

        static ConfigAnswer of(SubjectConfig config) {
            return answer(config, null, config.compatibilityLevel());
        }

        static ConfigAnswer update(SubjectConfig config) {
            return answer(config, config.compatibilityLevel(), null);
        }

        private static ConfigAnswer answer(
                SubjectConfig config, @Nullable String compatibility, @Nullable String compatibilityLevel) {
            return new ConfigAnswer(
                    config.alias(),
                    config.normalize(),
                    config.validateFields(),
                    compatibility,
                    compatibilityLevel,
                    config.compatibilityGroup(),
                    json(config.defaultMetadata()),
                    json(config.overrideMetadata()),
                    json(config.defaultRuleSet()),
                    json(config.overrideRuleSet()));
        }
    }

    record ModeConfig(String mode) {}

    private static @Nullable JsonNode json(@Nullable String canonical) {
        return canonical == null ? null : DataContractJson.parse(canonical);
    }

    record ErrorMessage(@JsonProperty("error_code") int errorCode, String message) {}
}
