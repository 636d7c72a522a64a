package org.zhengce.democity;

import java.time.LocalDate;
import java.util.List;

/**
 * A household of the demo city, as its departments know it.
 *
 * @param index its place in the city (0-based); stories' households come after the city's
 * @param number the household number (户号), 12 digits: the district 110105 and a serial
 * @param members the head first
 * @param monthlyIncomePerHeadFen what an economic check would find, in fen per head per month
 */
public record Household(
        int index,
        String number,
        Community community,
        String address,
        String headName,
        String phone,
        List<Resident> members,
        long monthlyIncomePerHeadFen,
        boolean assetsAboveLimit,
        Standing standing) {

    public Household {
        members = List.copyOf(members);
    }

    public Resident head() {
        return members.get(0);
    }

    /** Members under 16 or 60 and over on {@code day}: the model's dependants (被抚养/赡养人). */
    public long dependantsOn(LocalDate day) {
        return members.stream()
                .filter(m -> m.ageOn(day) < 16 || m.ageOn(day) >= 60)
                .count();
    }

    @Override
    public String toString() {
        return "Household[" + number + ", " + community.code() + ", " + members.size() + " members, " + standing + "]";
    }
}
