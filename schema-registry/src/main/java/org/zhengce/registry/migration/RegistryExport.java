package org.zhengce.registry.migration;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The export file: the global settings and mode, then every subject (soft-deleted ones too) with its own settings,
 * mode and versions in version order. Settings are Confluent's {@code GET /config} answers as given.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryExport(
        int format, @Nullable JsonNode config, @Nullable String mode, List<SubjectExport> subjects) {

    static final int FORMAT = 1;

    /** One subject: its own settings and mode (none when it inherits the global ones) and its versions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubjectExport(
            String subject,
            @Nullable JsonNode config,
            @Nullable String mode,
            List<VersionExport> versions) {}

    /** One version as Confluent answers it, and whether it is soft-deleted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionExport(
            int version,
            int id,
            String schema,
            @Nullable String schemaType,
            @Nullable JsonNode references,
            @Nullable JsonNode metadata,
            @Nullable JsonNode ruleSet,
            boolean deleted) {}

    /** How many versions there are in all. */
    public int versionCount() {
        return subjects.stream().mapToInt(subject -> subject.versions().size()).sum();
    }
}
