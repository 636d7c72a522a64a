package org.zhengce.faults.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zhengce.democity.DemoCity;
import org.zhengce.intake.DepartmentEvent;

class CsvRowTest {

    private static final Instant AS_OF = Instant.parse("2026-11-20T02:00:00Z");

    private static DepartmentEvent registration() {
        return DemoCity.builder()
                .seed(15)
                .households(1)
                .build()
                .registrations(AS_OF, "csv")
                .findFirst()
                .orElseThrow();
    }

    @Test
    void registrationBecomesOneRowWithTheEnvelopeAndTheFactsPaths() {
        DepartmentEvent registration = registration();

        List<String> lines = CsvRow.file(registration).lines().toList();

        assertThat(lines).hasSize(2);
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header)
                .startsWith("eventId", "occurredAt", "reportedAt", "householdNumber", "communityCode")
                .contains("fact.members[0].identity.identityNumber", "fact.members[0].relationToHead");
        assertThat(lines.get(1)).startsWith(registration.getEventId() + ",");
    }

    @Test
    void cellWithACommaOrAQuoteIsQuoted() {
        DepartmentEvent registration = registration();
        registration.setEventId("CA-csv-1,\"2\"");

        String row = CsvRow.file(registration).lines().toList().get(1);

        assertThat(row).startsWith("\"CA-csv-1,\"\"2\"\"\",");
    }
}
