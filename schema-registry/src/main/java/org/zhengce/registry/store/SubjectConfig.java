package org.zhengce.registry.store;

import org.jspecify.annotations.Nullable;

/**
 * The settings of a subject or of the registry ({@code /config}), as Confluent keeps them; every
 * field is optional. Metadata and rule sets are canonical JSON.
 */
public record SubjectConfig(
        @Nullable String compatibilityLevel,
        @Nullable Boolean normalize,
        @Nullable String compatibilityGroup,
        @Nullable Boolean validateFields,
        @Nullable String alias,
        @Nullable String defaultMetadata,
        @Nullable String overrideMetadata,
        @Nullable String defaultRuleSet,
        @Nullable String overrideRuleSet) {

    public static final SubjectConfig NONE = new SubjectConfig(null, null, null, null, null, null, null, null, null);

    public static SubjectConfig ofLevel(String compatibilityLevel) {
        return new SubjectConfig(compatibilityLevel, null, null, null, null, null, null, null, null);
    }

    /** These settings with every field {@code update} sets replaced, as Confluent's {@code PUT /config} does. */
    public SubjectConfig updatedWith(SubjectConfig update) {
        return new SubjectConfig(
                either(update.compatibilityLevel, compatibilityLevel),
                either(update.normalize, normalize),
                either(update.compatibilityGroup, compatibilityGroup),
                either(update.validateFields, validateFields),
                either(update.alias, alias),
                either(update.defaultMetadata, defaultMetadata),
                either(update.overrideMetadata, overrideMetadata),
                either(update.defaultRuleSet, defaultRuleSet),
                either(update.overrideRuleSet, overrideRuleSet));
    }

    private static <T> @Nullable T either(@Nullable T preferred, @Nullable T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
