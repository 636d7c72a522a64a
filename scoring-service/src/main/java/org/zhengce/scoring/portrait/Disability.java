package org.zhengce.scoring.portrait;

import org.jspecify.annotations.Nullable;
import org.zhengce.events.DisabilityType;

/**
 * 残疾认定 {@code DisabilityCertified}: grade 1 (一级, most severe) to 4 (四级); kept for as long as the person is a
 * member.
 */
public record Disability(@Nullable String person, int grade, DisabilityType type, Source source) implements Fact {}
