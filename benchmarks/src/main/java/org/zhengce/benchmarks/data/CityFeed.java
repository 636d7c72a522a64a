package org.zhengce.benchmarks.data;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.zhengce.democity.DemoCity;
import org.zhengce.democity.HouseholdEvents;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.PersonPseudonym;

/**
 * The demo city's department events as intake publishes them ({@code HouseholdEvent}s, persons by pseudonym), for the
 * cases that start after intake (serde, scoring): every household registered first, then the departments' standing
 * records, then incidents over the year before {@link #AS_OF}. The same seed gives the same events, record for record.
 */
public final class CityFeed {

    /** The end of the generated year: every event happened and was reported before it. */
    public static final Instant AS_OF = Instant.parse("2026-04-01T00:00:00Z");

    private CityFeed() {}

    /** {@code count} events of a city of {@code max(100, count / 8)} households; equal seeds give equal lists. */
    public static List<HouseholdEvent> generate(long seed, int count) {
        return stream(seed, Math.max(100, count / 8), count).toList();
    }

    /**
     * The same, lazily and of any size: {@code records} events of a city of {@code households}, held one at a time (a
     * back-fill of Guangzhou's 8.3 million records over Wuchang's 130,000 households takes constant memory).
     */
    public static Stream<HouseholdEvent> stream(long seed, int households, long records) {
        DemoCity city = DemoCity.builder().seed(seed).households(households).build();
        HouseholdEvents published = new HouseholdEvents();
        return city.history(records, AS_OF, "bench").map(published::of);
    }

    /** The Kafka key intake gives an event: its subject's household number or pseudonym, UTF-8. */
    public static byte[] key(HouseholdEvent event) {
        String subject = event.getSubject() instanceof HouseholdNumber household
                ? household.getValue()
                : ((PersonPseudonym) event.getSubject()).getValue();
        return subject.getBytes(StandardCharsets.UTF_8);
    }
}
