package org.zhengce.benchmarks.scoring;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.zhengce.benchmarks.data.CityFeed;
import org.zhengce.democity.DemoCity;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;

/**
 * A department history of any length in constant memory, for the back-fill: {@link #city}, a city's history as it
 * comes (the back-fill's), or {@link #of}, {@link CityFeed} one chunk at a time (the first back-fill's).
 *
 * <p>{@code CityFeed.generate} returns a list (8.3 million events would not fit a 2 GiB heap) and numbers its
 * households from 1 in every list. So each chunk of {@value #CHUNK} events comes from its own seed ({@code seed +
 * chunk}), with its own households (a chunk's {@value #CHUNK}/8 households and their members: pseudonyms are drawn
 * from the chunk's seed, so they differ between chunks), and this class renumbers them: household numbers become
 * {@code 4401<chunk, 3 digits><CityFeed's 6 digits>} and event ids carry one sequence over the whole history. A
 * city of {@code records / 8} households, each household's facts within one chunk of the history.
 */
final class BackfillHistory implements Iterator<HouseholdEvent> {

    static final int CHUNK = 100_000;

    private final long seed;
    private final long records;
    private long produced;
    private int chunk = -1;
    private List<HouseholdEvent> current = List.of();
    private int position;

    private BackfillHistory(long seed, long records) {
        this.seed = seed;
        this.records = records;
    }

    /**
     * The {@code records} events of the back-fill from {@code seed}: the one place to swap in another generator
     * (demo-city's lazy feed) once it exists.
     */
    static Iterator<HouseholdEvent> of(long seed, long records) {
        return new BackfillHistory(seed, records);
    }

    /**
     * A city's history of {@code records} events from {@code seed}, lazily ({@link CityFeed#stream}, nothing held but
     * the current incident): {@code records / eventsPerHousehold} households (at least 100, at most the demo city's
     * {@value DemoCity#MAX_HOUSEHOLDS}), each registered, then the departments' standing records, then incidents
     * spread over the year, so that a household's events recur throughout the history, tens per household as in a
     * city's files (Guangzhou's 8.3 million records over about 300,000 households: 28).
     */
    static Iterator<HouseholdEvent> city(long seed, long records, int eventsPerHousehold) {
        return CityFeed.stream(seed, households(records, eventsPerHousehold), records)
                .iterator();
    }

    /** The households of {@link #city}'s history. */
    static int households(long records, int eventsPerHousehold) {
        if (eventsPerHousehold < 1) {
            throw new IllegalArgumentException(
                    "bench.backfill.events-per-household must be at least 1, was " + eventsPerHousehold);
        }
        return (int) Math.max(100, Math.min(DemoCity.MAX_HOUSEHOLDS, records / eventsPerHousehold));
    }

    @Override
    public boolean hasNext() {
        return produced < records;
    }

    @Override
    public HouseholdEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the history's " + records + " events are all given");
        }
        if (position == current.size()) {
            chunk++;
            current = CityFeed.generate(seed + chunk, (int) Math.min(CHUNK, records - produced));
            position = 0;
        }
        HouseholdEvent event = current.get(position);
        // at most one chunk is held: the previous list is dropped when the next is generated
        position++;
        produced++;
        if (event.getSubject() instanceof HouseholdNumber household) {
            String value = household.getValue();
            event.setSubject(new HouseholdNumber(
                    String.format(Locale.ROOT, "4401%03d%s", chunk, value.substring(value.length() - 6))));
        }
        String eventId = event.getEventId();
        event.setEventId(
                eventId.substring(0, eventId.lastIndexOf('-') + 1) + String.format(Locale.ROOT, "%09d", produced));
        return event;
    }
}
