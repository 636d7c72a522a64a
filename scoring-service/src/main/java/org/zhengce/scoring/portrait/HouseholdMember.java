package org.zhengce.scoring.portrait;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;

/**
 * A member of the household (家庭成员), as the last registration, change or join reported them.
 *
 * @param person the member's pseudonym value
 * @param since when the member first appeared in this household (kept across later household changes)
 * @param source the event that last stated the member's details (relation, birth date, sex)
 */
public record HouseholdMember(
        String person, RelationToHead relationToHead, LocalDate birthDate, Sex sex, Instant since, Source source) {

    /** Age in whole years on a day (0 before the first birthday, and for a birth date after the day). */
    public int ageOn(LocalDate day) {
        return day.isBefore(birthDate) ? 0 : Period.between(birthDate, day).getYears();
    }

    boolean sameDetails(HouseholdMember other) {
        return relationToHead == other.relationToHead && birthDate.equals(other.birthDate) && sex == other.sex;
    }
}
