package org.zhengce.democity;

import java.time.LocalDate;
import java.time.Period;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.DisabilityType;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;

/**
 * A member of a household. {@link #toString()} masks the identity number; nothing else of this record should be
 * logged.
 *
 * @param identityNumber fictitious (region {@value IdentityNumbers#REGION}), valid, unique in the city
 * @param illness a certified serious or chronic illness, or null
 * @param disabilityGrade 1 (most severe) to 4, or 0 for none
 * @param disabilityCertified whether the disabled persons' federation has certified it (only then is it reported)
 */
public record Resident(
        String identityNumber,
        String name,
        RelationToHead relation,
        LocalDate birthDate,
        Sex sex,
        Activity activity,
        @Nullable IllnessCategory illness,
        int disabilityGrade,
        @Nullable DisabilityType disabilityType,
        boolean disabilityCertified) {

    /** Age in whole years on {@code day}. */
    public int ageOn(LocalDate day) {
        return Period.between(birthDate, day).getYears();
    }

    public boolean disabled() {
        return disabilityGrade > 0;
    }

    @Override
    public String toString() {
        return "Resident[" + IdentityNumbers.mask(identityNumber) + ", " + relation + ", " + birthDate.getYear() + ", "
                + sex + ", " + activity + "]";
    }
}
