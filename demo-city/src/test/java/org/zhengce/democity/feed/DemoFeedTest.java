package org.zhengce.democity.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.zhengce.democity.DemoCity;
import org.zhengce.democity.Story;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.ResidentIdentity;

class DemoFeedTest {

    @Test
    void registersTheCityThenSendsTheStoriesThenATrickleAndStopsCleanly() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(DemoFeed.class);
        logger.addAppender(logged);
        try (StubIntake intake = new StubIntake(2)) {
            DemoFeed feed = DemoFeed.builder()
                    .intake(intake.uri())
                    .adminApiKey(StubIntake.ADMIN_KEY)
                    .seed(11)
                    .households(60)
                    .eventsPerSecond(20)
                    .batchSize(50)
                    .build();
            feed.start();
            int baseline = 60 + 4;
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(feed.phase()).isEqualTo(DemoFeed.Phase.TRICKLE));
            int afterStories = intake.accepted.size();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(intake.accepted.size()).isGreaterThan(afterStories + 20));
            feed.close();
            assertThat(feed.phase()).isEqualTo(DemoFeed.Phase.STOPPED);
            int stoppedAt = intake.requests.get();

            assertThat(intake.problems).isEmpty();
            assertThat(intake.refusedWith429.get()).isEqualTo(2);
            assertThat(feed.summary().retries()).isEqualTo(2);
            List<DepartmentEvent> accepted = List.copyOf(intake.accepted);
            // civil affairs registers every household before any department reports about them
            assertThat(accepted.subList(0, baseline))
                    .allSatisfy(e -> assertThat(e.getFact()).isInstanceOf(HouseholdRegistered.class));
            assertThat(accepted.subList(baseline, accepted.size()))
                    .noneSatisfy(e -> assertThat(e.getFact()).isInstanceOf(HouseholdRegistered.class));
            // every story's trigger arrived, in order
            List<String> ids =
                    accepted.stream().map(DepartmentEvent::getEventId).toList();
            for (Story story : feed.city().stories(java.time.Instant.now(), "x")) {
                List<String> trigger = story.trigger().stream()
                        .map(e -> e.getEventId().replace("-x-", "-"))
                        .toList();
                List<String> sent = ids.stream()
                        .filter(id -> id.contains(story.household().number() + "-S"))
                        .map(id -> id.replaceFirst("-d[0-9]{8}-", "-"))
                        .toList();
                assertThat(sent).isEqualTo(trigger);
            }
            Set<Department> departments =
                    accepted.stream().map(DepartmentEvent::getDepartment).collect(Collectors.toSet());
            assertThat(departments)
                    .contains(
                            Department.CIVIL_AFFAIRS,
                            Department.HEALTH,
                            Department.MEDICAL_INSURANCE,
                            Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                            Department.EDUCATION,
                            Department.COMMUNITY);
            // nothing is sent once closed
            assertThat(intake.requests.get()).isEqualTo(stoppedAt);

            // no log line holds an identity number the feed sent, nor a key
            Set<String> identities = accepted.stream()
                    .flatMap(e -> e.getSubject() instanceof ResidentIdentity r
                            ? java.util.stream.Stream.of(r.getIdentityNumber())
                            : e.getFact() instanceof HouseholdRegistered h
                                    ? h.getMembers().stream()
                                            .map(m -> m.getIdentity().getIdentityNumber())
                                    : java.util.stream.Stream.empty())
                    .collect(Collectors.toSet());
            assertThat(identities).isNotEmpty();
            assertThat(logged.list).isNotEmpty().allSatisfy(line -> {
                String text = line.getFormattedMessage();
                assertThat(text).doesNotContainPattern("990101[0-9]{11}[0-9X]").doesNotContain("secret");
            });
            assertThat(accepted.stream().filter(e -> e.getSubject() instanceof HouseholdNumber))
                    .isNotEmpty();
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void withoutTheAdminKeyTheDepartmentsTheCityReportsAsNeedKeysAndADepartmentAddedSinceDoesNot() {
        DemoFeed.Builder builder = DemoFeed.builder();
        DemoCity.reportingDepartments().forEach(department -> builder.departmentApiKey(department, "k.s"));

        assertThat(DemoCity.reportingDepartments())
                .contains(Department.CIVIL_AFFAIRS, Department.COMMUNITY)
                .doesNotContain(Department.OTHER, Department.PUBLIC_SECURITY);
        assertThat(builder.build()).isNotNull();
    }

    @Test
    void withoutTheAdminKeyEveryDepartmentNeedsAKey() {
        assertThatIllegalStateException()
                .isThrownBy(() -> DemoFeed.builder()
                        .departmentApiKey(Department.HEALTH, "k.s")
                        .build())
                .withMessageContaining("admin API key");
    }
}
