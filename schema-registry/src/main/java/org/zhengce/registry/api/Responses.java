package org.zhengce.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.registry.store.SchemaVersion;

/**
 * The response bodies, field for field those of Confluent's registry: clients are strict about
 * unknown fields, so nothing is added.
 */
final class Responses {

    private Responses() {}

    record RegisteredId(int id) {}

    record SubjectSchema(String subject, int version, int id, String schema) {

        static SubjectSchema of(SchemaVersion version) {
            return new SubjectSchema(version.subject(), version.version(), version.id(), version.schema());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SchemaText(String schema, @Nullable Integer maxId) {}

    record SubjectVersion(String subject, int version) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CompatibilityCheck(
            @JsonProperty("is_compatible") boolean isCompatible,
            @Nullable List<String> messages) {}

    record CompatibilityLevelConfig(String compatibilityLevel) {}

    record CompatibilityUpdate(String compatibility) {}

    record ModeConfig(String mode) {}

    record ErrorMessage(@JsonProperty("error_code") int errorCode, String message) {}
}
