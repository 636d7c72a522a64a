package org.zhengce.registry.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.zhengce.registry.store.SubjectConfig;
import org.zhengce.registry.subjects.DataContracts;
import org.zhengce.registry.subjects.RegistryException;
import org.zhengce.registry.subjects.SchemaRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies whatever their content type (Confluent's JSON types, plain JSON or
 * {@code application/octet-stream}), ignoring fields this registry does not use ({@code references}
 * must be empty, {@code normalize} in a body changes nothing: see {@code AvroSchemas}).
 */
@Component
class RequestBodies {

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SchemaBody(
            @Nullable String schema,
            @Nullable String schemaType,
            @Nullable List<Object> references,
            @Nullable Integer id,
            @Nullable Integer version,
            @Nullable JsonNode metadata,
            @Nullable JsonNode ruleSet) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConfigBody(
            @Nullable String compatibility,
            @Nullable String compatibilityLevel,
            @Nullable Boolean normalize,
            @Nullable String compatibilityGroup,
            @Nullable Boolean validateFields,
            @Nullable String alias,
            @Nullable JsonNode defaultMetadata,
            @Nullable JsonNode overrideMetadata,
            @Nullable JsonNode defaultRuleSet,
            @Nullable JsonNode overrideRuleSet) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModeBody(@Nullable String mode) {}

    SchemaRequest schema(byte @Nullable [] body) {
        SchemaBody parsed = read(body, SchemaBody.class);
        if (parsed == null) {
            return new SchemaRequest(null, null, List.of(), null, null);
        }
        return new SchemaRequest(
                parsed.schema(),
                parsed.schemaType(),
                parsed.references() == null ? List.of() : parsed.references(),
                parsed.id(),
                parsed.version(),
                DataContracts.metadata(parsed.metadata()),
                DataContracts.ruleSet(parsed.ruleSet()));
    }

    /** The settings a {@code PUT /config} sets; the level as {@code compatibility} (or {@code compatibilityLevel}). */
    SubjectConfig config(byte @Nullable [] body) {
        ConfigBody parsed = read(body, ConfigBody.class);
        if (parsed == null) {
            return SubjectConfig.NONE;
        }
        return new SubjectConfig(
                parsed.compatibility() != null ? parsed.compatibility() : parsed.compatibilityLevel(),
                parsed.normalize(),
                parsed.compatibilityGroup(),
                parsed.validateFields(),
                parsed.alias(),
                DataContracts.metadata(parsed.defaultMetadata()),
                DataContracts.metadata(parsed.overrideMetadata()),
                DataContracts.ruleSet(parsed.defaultRuleSet()),
                DataContracts.ruleSet(parsed.overrideRuleSet()));
    }

    @Nullable
    String mode(byte @Nullable [] body) {
        ModeBody parsed = read(body, ModeBody.class);
        return parsed == null ? null : parsed.mode();
    }

    private <T> @Nullable T read(byte @Nullable [] body, Class<T> type) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readValue(body, type);
        } catch (JacksonException e) {
            throw new RegistryException(400, 400, "Malformed JSON request body: " + e.getOriginalMessage());
        }
    }
}
