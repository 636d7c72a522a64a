package org.zhengce.democity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.zhengce.intake.DepartmentEvent;

/**
 * The demo city: {@code households} households in the six communities of Chaoyang's 建外 and 朝外 streets, with the
 * department events that describe them, all deterministic from a seed (same seed, same households, same events,
 * record for record, on every JVM: {@link java.util.Random} is specified to the bit).
 *
 * <p>Nothing is held per household or per event: household {@code i} is computed from (seed, i) when asked for (only
 * the rare identity number drawn twice is remembered, to be replaced), and the event streams are lazy, so a city of
 * Wuchang's 130,000 households takes a few hundred kilobytes and a stream of Guangzhou's 8.3 million records constant
 * memory.
 *
 * <pre>{@code
 * DemoCity city = DemoCity.builder().seed(20261201L).households(300).build();
 * city.registrations(asOf, "d20261201")   // civil affairs registers every household
 * city.standingRecords(asOf, "d20261201") // then each department's standing records
 * city.stories(asOf, "d20261201")         // four scripted households that surely warn
 * city.incidents(seed, "t1")              // what happens next, one incident at a time
 * city.history(8_300_000, asOf, "bf1")    // a back-fill: all of the above, spread over the year before asOf
 * }</pre>
 *
 * Events are intake's {@link DepartmentEvent}s (identity numbers in clear, all fictitious: region
 * {@value IdentityNumbers#REGION}); {@link IntakeJson} writes them as intake's JSON and {@link HouseholdEvents} turns
 * them into the pseudonymised {@code HouseholdEvent}s intake would publish.
 */
public final class DemoCity {

    /** The day the population is drawn for: ages are counted to it, so birth dates do not move with the clock. */
    public static final LocalDate DEFAULT_CENSUS_DAY = LocalDate.of(2026, 11, 1);

    /** The most households: household numbers are the district and six digits, and 900001 on are the stories'. */
    public static final int MAX_HOUSEHOLDS = 899_999;

    private final long seed;
    private final Population population;

    private DemoCity(Builder builder) {
        this.seed = builder.seed;
        this.population = new Population(builder.seed, builder.households, builder.censusDay);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The departments the city's events come from: every department of the data standard it has facts for, not
     * necessarily every Department symbol (one just added to the data standard reports nothing here yet).
     */
    public static java.util.Set<org.zhengce.events.Department> reportingDepartments() {
        return Events.departments();
    }

    public long seed() {
        return seed;
    }

    /** Households, the stories' not counted. */
    public int size() {
        return population.count();
    }

    /** Household {@code index} (0 to {@code size() - 1}), the same on every call. */
    public Household household(int index) {
        return population.household(index);
    }

    /** Every household, in index order, computed as the stream is walked. */
    public Stream<Household> households() {
        return IntStream.range(0, size()).mapToObj(this::household);
    }

    /**
     * Civil affairs' registration of every household ({@code HouseholdRegistered}, the members with their identity
     * numbers), reported at {@code asOf}. Ids {@code CA-<label>-<household number>-REG}.
     */
    public Stream<DepartmentEvent> registrations(Instant asOf, String label) {
        Events.checkLabel(label);
        return households().map(h -> Baseline.registration(seed, h, label, asOf));
    }

    /**
     * What every department already holds, household by household, reported at {@code asOf}: certified illnesses
     * (health) and disabilities (disabled persons' federation), students (education), pensions and registered
     * unemployment (human resources), programmes with their last economic check (civil affairs).
     */
    public Stream<DepartmentEvent> standingRecords(Instant asOf, String label) {
        Events.checkLabel(label);
        return households().flatMap(h -> Baseline.records(seed, h, label, asOf).stream());
    }

    /**
     * The four scripted stories, their households after the city's (numbers 110105900001 to 4), their triggers
     * happening in the days before {@code at} and reported at {@code at}.
     */
    public List<Story> stories(Instant at, String label) {
        Events.checkLabel(label);
        return Stories.all(seed, size(), label, at);
    }

    /** What happens next in the city, one incident at a time (see {@link Incidents}); {@code streamSeed} picks which. */
    public Incidents incidents(long streamSeed, String label) {
        return new Incidents(this, seed * 1_000_003L + streamSeed, label);
    }

    /**
     * A back-fill of exactly {@code records} events (fewer only if {@code records} is smaller than the standing
     * records): every registration, then every standing record, then incidents spread evenly over the year before
     * {@code asOf}, each reported at most two days after it happened and never after {@code asOf}. Lazy: nothing is
     * held but the current incident's one to three events.
     */
    public Stream<DepartmentEvent> history(long records, Instant asOf, String label) {
        if (records < 0) {
            throw new IllegalArgumentException("records must not be negative: " + records);
        }
        Events.checkLabel(label);
        Iterator<DepartmentEvent> baseline = Stream.concat(registrations(asOf, label), standingRecords(asOf, label))
                .iterator();
        Incidents incidents = incidents(0, label);
        long year = Duration.ofDays(365).toMillis();
        Iterator<DepartmentEvent> all = new Iterator<>() {
            private final ArrayDeque<DepartmentEvent> pending = new ArrayDeque<>(4);
            private long produced;
            private long baselineCount;

            @Override
            public boolean hasNext() {
                return produced < records;
            }

            @Override
            public DepartmentEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                produced++;
                if (baseline.hasNext()) {
                    baselineCount++;
                    return baseline.next();
                }
                while (pending.isEmpty()) {
                    long left = Math.max(1, records - baselineCount);
                    double progress = (double) (produced - baselineCount) / left;
                    Instant at = asOf.minusMillis(year).plusMillis((long) (progress * year));
                    long lag = Math.min(Duration.ofHours(48).toMillis(), asOf.toEpochMilli() - at.toEpochMilli());
                    Instant reported = at.plusMillis((long) (lag * 0.5));
                    pending.addAll(incidents.next(reported));
                }
                return pending.poll();
            }
        };
        return StreamSupport.stream(
                Spliterators.spliterator(all, records, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** How a city is made. */
    public static final class Builder {

        private long seed = 20261201L;
        private int households = 300;
        private LocalDate censusDay = DEFAULT_CENSUS_DAY;

        private Builder() {}

        /** The seed; default 20261201. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How many households, 1 to {@value #MAX_HOUSEHOLDS}; default 300 (the demo), 130,000 is Wuchang. */
        public Builder households(int households) {
            if (households < 1 || households > MAX_HOUSEHOLDS) {
                throw new IllegalArgumentException("households must be 1 to " + MAX_HOUSEHOLDS + ", was " + households);
            }
            this.households = households;
            return this;
        }

        /** The day ages are drawn for; default {@link #DEFAULT_CENSUS_DAY}. */
        public Builder censusDay(LocalDate censusDay) {
            this.censusDay = censusDay;
            return this;
        }

        public DemoCity build() {
            return new DemoCity(this);
        }
    }
}
