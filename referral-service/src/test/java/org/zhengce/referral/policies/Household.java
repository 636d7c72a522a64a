package org.zhengce.referral.policies;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A small builder of {@link HouseholdFacts} for rule tests: by default three members, income 2,000 yuan a head (above
 * Beijing's dibao line, below its low-income line), no assets, no medical costs, no one elderly, disabled, ill, in
 * school or out of work, and in no programme.
 */
final class Household {

    private int members = 3;
    private @Nullable Long incomeFen = 200_000L;
    private @Nullable Long assetsFen = 0L;
    private @Nullable Long medicalFen = 0L;
    private int elderly;
    private int children;
    private int disabled;
    private int severelyDisabled;
    private int seriouslyIll;
    private int students;
    private int unemployed;
    private boolean withoutCapacityOrSupport;
    private boolean dangerousHousing;
    private boolean disasterAffected;
    private boolean orphan;
    private Set<String> programmes = Set.of();

    static Household of(int members) {
        Household household = new Household();
        household.members = members;
        return household;
    }

    /** Monthly income per head in yuan (null: unknown). */
    Household incomeYuan(@Nullable Integer yuan) {
        incomeFen = yuan == null ? null : yuan * 100L;
        return this;
    }

    Household assetsYuan(@Nullable Integer yuan) {
        assetsFen = yuan == null ? null : yuan * 100L;
        return this;
    }

    /** Medical costs paid over twelve months, in yuan (null: unknown). */
    Household medicalYuan(@Nullable Integer yuan) {
        medicalFen = yuan == null ? null : yuan * 100L;
        return this;
    }

    Household elderly(int count) {
        elderly = count;
        return this;
    }

    Household children(int count) {
        children = count;
        return this;
    }

    Household disabled(int count, int severely) {
        disabled = count;
        severelyDisabled = severely;
        return this;
    }

    Household seriouslyIll(int count) {
        seriouslyIll = count;
        return this;
    }

    Household students(int count) {
        students = count;
        return this;
    }

    Household unemployed(int count) {
        unemployed = count;
        return this;
    }

    Household withoutCapacityOrSupport() {
        withoutCapacityOrSupport = true;
        return this;
    }

    Household dangerousHousing() {
        dangerousHousing = true;
        return this;
    }

    Household disasterAffected() {
        disasterAffected = true;
        return this;
    }

    Household orphan() {
        orphan = true;
        return this;
    }

    Household in(String... codes) {
        programmes = Set.of(codes);
        return this;
    }

    HouseholdFacts facts() {
        return new HouseholdFacts(
                members,
                incomeFen,
                assetsFen,
                medicalFen,
                elderly,
                children,
                disabled,
                severelyDisabled,
                seriouslyIll,
                students,
                unemployed,
                withoutCapacityOrSupport,
                dangerousHousing,
                disasterAffected,
                orphan,
                programmes);
    }
}
