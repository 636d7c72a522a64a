package org.zhengce.faults.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.democity.DemoCity;
import org.zhengce.democity.Incidents;
import org.zhengce.democity.IntakeJson;
import org.zhengce.democity.Story;
import org.zhengce.events.Department;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.schemas.identity.IdentityNumbers;

/**
 * A steady load of the demo city's department events through all four ways in, one thread per way, each sending the
 * next bundle (an incident's one to three events, or a scripted story that tips a household over the warning line)
 * every {@code interval}. Before it starts, civil affairs registers every household and the departments send their
 * standing records (NDJSON). A delivery that failed because of a kill is sent again, the same events with the same
 * ids, until intake answers for good; {@link #stop()} sends no new bundle and returns once every event sent has its
 * answer.
 */
public final class Load {

    private static final Logger log = LoggerFactory.getLogger(Load.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(3);
    private static final int STORY_EVERY = 12;

    /**
     * @param households how many of the demo city's households
     * @param seed the demo city's and the incidents' seed
     * @param interval the pause between two bundles of one way
     */
    public record Settings(int households, long seed, Duration interval) {}

    private final IntakeHttp intake;
    private final DepartmentTopicProducer topics;
    private final AcceptedEvents events;
    private final Settings settings;
    private final DemoCity city;
    private final Incidents incidents;
    private final Map<Department, String> keys = new EnumMap<>(Department.class);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private long bundles;
    private int stories;

    private Load(URI intake, String bootstrapServers, String registryUrl, Settings settings, AcceptedEvents events) {
        this.intake = new IntakeHttp(intake);
        this.topics = new DepartmentTopicProducer(bootstrapServers, registryUrl);
        this.events = events;
        this.settings = settings;
        this.city = DemoCity.builder()
                .seed(settings.seed())
                .households(settings.households())
                .build();
        this.incidents = city.incidents(settings.seed(), "inc");
    }

    /**
     * Issues each department a key, registers the city and its standing records, then starts the four ways' threads.
     */
    public static Load start(
            URI intake,
            String adminApiKey,
            String bootstrapServers,
            String registryUrl,
            Settings settings,
            AcceptedEvents events)
            throws IOException, InterruptedException {
        Load load = new Load(intake, bootstrapServers, registryUrl, settings, events);
        for (Department department : Department.values()) {
            String key = load.intake.issueKey(adminApiKey, department.name());
            if (key != null) {
                load.keys.put(department, key);
            }
        }
        Instant asOf = Instant.now().minusSeconds(60);
        load.deliver(
                Way.NDJSON,
                Stream.concat(load.city.registrations(asOf, "reg"), load.city.standingRecords(asOf, "std"))
                        .toList());
        log.info("load: {} households registered with their standing records", settings.households());
        for (Way way : Way.values()) {
            Thread thread = new Thread(() -> load.run(way), "load-" + way.name().toLowerCase(java.util.Locale.ROOT));
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    /** Sends no new bundle; returns once every event sent has intake's answer for good, or {@code timeout} passed. */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopping.set(true);
        Instant deadline = Instant.now().plus(timeout);
        for (Thread thread : threads) {
            thread.join(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
        }
        boolean answered = threads.stream().noneMatch(Thread::isAlive);
        if (answered) {
            topics.close();
        }
        return answered;
    }

    private void run(Way way) {
        try {
            while (!stopping.get()) {
                Instant next = Instant.now().plus(settings.interval());
                deliver(way, nextBundle());
                Duration wait = Duration.between(Instant.now(), next);
                if (!wait.isNegative()) {
                    Thread.sleep(wait.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("load: the {} way stopped: {}", way, e.toString());
        }
    }

    /** The next incident, or every {@value #STORY_EVERY}th bundle a story with a fresh label. */
    private synchronized List<DepartmentEvent> nextBundle() {
        bundles++;
        // a second before now: intake allows no clock skew
        Instant now = Instant.now().minusSeconds(1);
        if (bundles % STORY_EVERY == 1) {
            stories++;
            Story story = city.stories(now, "s" + stories).get(stories % 4);
            List<DepartmentEvent> bundle = new ArrayList<>(story.baseline());
            bundle.addAll(story.trigger());
            return bundle;
        }
        return incidents.next(now);
    }

    /** Delivers {@code bundle} in order through {@code way} until every event has its answer for good. */
    private void deliver(Way way, List<DepartmentEvent> bundle) throws InterruptedException {
        for (DepartmentEvent event : bundle) {
            events.sent(event.getEventId());
            IdentityNumbers.find(new String(IntakeJson.line(event), StandardCharsets.UTF_8))
                    .forEach(found -> events.identityNumber(found.digits()));
        }
        if (way == Way.NDJSON) {
            // one request per run of one department's events (a request carries one department's key)
            int from = 0;
            while (from < bundle.size()) {
                int to = from + 1;
                while (to < bundle.size()
                        && to - from < 200
                        && bundle.get(to).getDepartment() == bundle.get(from).getDepartment()) {
                    to++;
                }
                deliverLines(bundle.subList(from, to));
                from = to;
            }
            return;
        }
        for (DepartmentEvent event : bundle) {
            Duration backoff = Duration.ofMillis(200);
            while (true) {
                Answer answer = switch (way) {
                    case JSON -> intake.single(key(event), event);
                    case CSV -> intake.csv(key(event), event);
                    case TOPIC -> topics.send(event);
                    case NDJSON -> throw new IllegalStateException("sent above");
                };
                if (record(event, way, answer)) {
                    break;
                }
                Thread.sleep(backoff.toMillis());
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
    }

    private void deliverLines(List<DepartmentEvent> run) throws InterruptedException {
        List<DepartmentEvent> open = run;
        Duration backoff = Duration.ofMillis(200);
        while (!open.isEmpty()) {
            List<Answer> answers = intake.lines(key(open.get(0)), open);
            List<DepartmentEvent> again = new ArrayList<>();
            for (int i = 0; i < open.size(); i++) {
                if (!record(open.get(i), Way.NDJSON, answers.get(i))) {
                    again.add(open.get(i));
                }
            }
            open = again;
            if (!open.isEmpty()) {
                Thread.sleep(backoff.toMillis());
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
    }

    /** Records a final answer; false when the event must be sent again. */
    private boolean record(DepartmentEvent event, Way way, Answer answer) {
        if (answer instanceof Answer.Accepted) {
            events.accepted(event.getEventId(), way);
            return true;
        }
        if (answer instanceof Answer.Refused refused) {
            events.refused(event.getEventId(), way + " " + refused.reason());
            log.warn("load: {} event {} refused: {}", way, event.getEventId(), refused.reason());
            return true;
        }
        if (answer instanceof Answer.Again again && again.reason().equals("500")) {
            events.serverError(event.getEventId(), way);
        }
        events.repeated();
        return false;
    }

    private String key(DepartmentEvent event) {
        String key = keys.get(event.getDepartment());
        if (key == null) {
            throw new IllegalStateException("intake knows no department " + event.getDepartment());
        }
        return key;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
