package org.zhengce.referral.policies;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.zhengce.events.Department;
import org.zhengce.events.Programme;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The versioned policy-library file (e.g. {@code demo-city/policy-library.yaml}), as read. */
record PolicyLibraryFile(@Nullable String version, @Nullable List<FileProgramme> programmes) {

    /** A programme with its parameters per jurisdiction code. */
    record FileProgramme(
            String code,
            String nameZh,
            String nameEn,
            Programme symbol,
            @Nullable List<ProgrammeDefinition.Condition> conditions,
            @Nullable String estimatedMonthlyAmountFen,
            @Nullable List<String> excludedBy,
            @Nullable List<Department> shareWith,
            @Nullable Department competentDepartment,
            @Nullable Map<String, Map<String, BigDecimal>> parameters) {

        ProgrammeDefinition definition() {
            return new ProgrammeDefinition(
                    code,
                    nameZh,
                    nameEn,
                    symbol,
                    conditions == null ? List.of() : conditions,
                    estimatedMonthlyAmountFen,
                    excludedBy == null ? List.of() : excludedBy,
                    shareWith == null ? List.of() : shareWith,
                    competentDepartment);
        }
    }

    List<FileProgramme> programmeList() {
        return programmes == null ? List.of() : programmes;
    }

    List<ProgrammeDefinition> definitions() {
        return programmeList().stream().map(FileProgramme::definition).toList();
    }

    /** {@code programme -> jurisdiction -> name -> value}. */
    Map<String, Map<String, Map<String, BigDecimal>>> parameters() {
        Map<String, Map<String, Map<String, BigDecimal>>> all = new LinkedHashMap<>();
        programmeList()
                .forEach(programme ->
                        all.put(programme.code(), programme.parameters() == null ? Map.of() : programme.parameters()));
        return all;
    }

    /**
     * Reads the file and compiles it (every expression parsed and checked).
     *
     * @throws IllegalStateException naming the setting, the file, the programme and the field that is wrong
     */
    static PolicyLibraryFile read(Resource resource) {
        String where = "referral.policies.library: " + resource.getDescription();
        PolicyLibraryFile file;
        try (InputStream in = resource.getInputStream()) {
            file = YAMLMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build()
                    .readValue(in, PolicyLibraryFile.class);
        } catch (IOException | JacksonException e) {
            throw new IllegalStateException(where + " cannot be read: " + e.getMessage(), e);
        }
        if (file.version() == null || file.version().isBlank()) {
            throw new IllegalStateException(where + ": version is missing");
        }
        try {
            RuleBook.of(file.definitions(), file.parameters(), 0);
        } catch (InvalidRuleException e) {
            throw new IllegalStateException(where + ": " + e.getMessage(), e);
        }
        return file;
    }
}
