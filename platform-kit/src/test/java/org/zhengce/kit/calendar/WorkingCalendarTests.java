package org.zhengce.kit.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

class WorkingCalendarTests {

    private final WorkingCalendar calendar = WorkingCalendar.shipped();

    @Test
    void aDeadlineOverSpringFestivalSkipsTheHolidaysAndCountsTheAdjustedSaturday() {
        // Friday 13 February 2026: Saturday the 14th is worked, the 15th to the 23rd are off
        LocalDate friday = LocalDate.of(2026, 2, 13);
        assertThat(calendar.plusWorkingDays(friday, 1)).isEqualTo(LocalDate.of(2026, 2, 14));
        assertThat(calendar.plusWorkingDays(friday, 3)).isEqualTo(LocalDate.of(2026, 2, 25));
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 18)))
                .as("a Wednesday of Spring Festival")
                .isFalse();
        // 2025: the Sunday before Spring Festival is worked, the festival runs from the 28th to 4 February
        assertThat(calendar.plusWorkingDays(LocalDate.of(2025, 1, 24), 1)).isEqualTo(LocalDate.of(2025, 1, 26));
        assertThat(calendar.plusWorkingDays(LocalDate.of(2025, 1, 27), 1)).isEqualTo(LocalDate.of(2025, 2, 5));
    }

    @Test
    void labourDayIsSkippedAndTheSaturdayAfterItIsWorked() {
        assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 4, 30), 1)).isEqualTo(LocalDate.of(2026, 5, 6));
        assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 5, 8), 1)).isEqualTo(LocalDate.of(2026, 5, 9));
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 5, 16)))
                .as("an ordinary Saturday")
                .isFalse();
        assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 5, 8), 0)).isEqualTo(LocalDate.of(2026, 5, 8));
    }

    @Test
    void theShippedYearsHoldEveryPublishedDayOff() {
        assertThat(calendar.years()).containsExactly(2025, 2026);
        assertThat(daysOff(2025)).as("2025: 1 + 8 + 3 + 5 + 3 + 8 days").isEqualTo(28);
        assertThat(daysOff(2026)).as("2026: 3 + 9 + 3 + 5 + 3 + 3 + 7 days").isEqualTo(33);
        assertThat(calendar.sources().get(2026)).contains("2026年部分节假日安排");
    }

    @Test
    void aYearWithoutAScheduleCountsMondayToFridayAndIsNamedOnceItIsDue() {
        assertThat(calendar.plusWorkingDays(LocalDate.of(2027, 2, 5), 1)).isEqualTo(LocalDate.of(2027, 2, 8));
        assertThat(calendar.unscheduledYears(LocalDate.of(2026, 6, 1))).isEmpty();
        assertThat(calendar.unscheduledYears(LocalDate.of(2026, 12, 7))).containsExactly(2027);
        assertThat(calendar.unscheduledYears(LocalDate.of(2027, 3, 1))).containsExactly(2027);
    }

    @Test
    void aCityAddsAYearAndReplacesAShippedOneWithItsOwnHoliday() {
        WorkingCalendar city = WorkingCalendar.china(List.of(file("2027", """
                        {"year": 2027, "source": "city test schedule",
                         "holidays": [{"name": "春节", "from": "2027-02-05", "to": "2027-02-11"}],
                         "workdays": [{"name": "春节调休", "date": "2027-02-13"}]}"""), file("2026", """
                        {"year": 2026, "source": "the city's own 2026",
                         "holidays": [{"name": "a local holiday", "from": "2026-03-02", "to": "2026-03-02"}],
                         "workdays": []}""")));
        assertThat(city.years()).containsExactly(2025, 2026, 2027);
        assertThat(city.unscheduledYears(LocalDate.of(2026, 12, 7))).isEmpty();
        assertThat(city.plusWorkingDays(LocalDate.of(2027, 2, 4), 1)).isEqualTo(LocalDate.of(2027, 2, 12));
        assertThat(city.isWorkingDay(LocalDate.of(2027, 2, 13))).isTrue();
        assertThat(city.isWorkingDay(LocalDate.of(2026, 3, 2))).isFalse();
        assertThat(city.isWorkingDay(LocalDate.of(2026, 2, 18)))
                .as("replaced: no Spring Festival in it")
                .isTrue();
        assertThat(city.sources().get(2026)).isEqualTo("the city's own 2026");
    }

    @Test
    void aScheduleThatCannotBeRightIsRefusedNamingItsFileAndTheDay() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WorkingCalendar.china(List.of(file("friday", """
                        {"year": 2027, "source": "s", "holidays": [],
                         "workdays": [{"name": "x", "date": "2027-02-12"}]}"""))))
                .withMessageContaining("friday")
                .withMessageContaining("2027-02-12 is a FRIDAY");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WorkingCalendar.china(List.of(file("other-year", """
                        {"year": 2027, "source": "s", "workdays": [],
                         "holidays": [{"name": "x", "from": "2026-12-31", "to": "2027-01-01"}]}"""))))
                .withMessageContaining("falls on 2026-12-31, outside the schedule's year");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WorkingCalendar.china(List.of(file("typo", """
                        {"year": 2027, "source": "s", "holidays": [], "workday": []}"""))))
                .withMessageContaining("typo");
        String schedule = """
                {"year": 2027, "source": "s", "holidays": [], "workdays": []}""";
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WorkingCalendar.china(List.of(file("a", schedule), file("b", schedule))))
                .withMessageContaining("two schedules for 2027");
    }

    private static long daysOff(int year) {
        YearSchedule schedule = WorkingCalendar.read(new ClassPathResource("working-calendar/cn/" + year + ".json"));
        return schedule.holidays().stream()
                .mapToLong(h -> h.from().datesUntil(h.to().plusDays(1)).count())
                .sum();
    }

    private static Resource file(String name, String json) {
        return new ByteArrayResource(json.getBytes(StandardCharsets.UTF_8), name);
    }
}
