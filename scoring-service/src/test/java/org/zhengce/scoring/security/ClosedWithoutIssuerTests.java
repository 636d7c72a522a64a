package org.zhengce.scoring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.kit.audit.AuditRecord;
import org.zhengce.kit.audit.AuditTrail;
import org.zhengce.kit.audit.AuditedRequests;
import reactor.core.publisher.Mono;

/**
 * Without a JWT issuer (no {@code issuer-uri}, no {@code jwk-set-uri}) the service cannot tell who calls: every
 * endpoint but health is closed, and says why; a household read refused so is still audited.
 */
@WebFluxTest(controllers = ClosedWithoutIssuerTests.Endpoints.class)
@Import({SecurityConfiguration.class, ClosedWithoutIssuerTests.Endpoints.class, ClosedWithoutIssuerTests.Audit.class})
class ClosedWithoutIssuerTests {

    /** The records the chain's audit filter appends, kept in memory (this slice has no database). */
    static final class RecordedTrail extends AuditTrail {

        final List<AuditRecord> records = new CopyOnWriteArrayList<>();

        RecordedTrail() {
            super(mock(DatabaseClient.class));
        }

        @Override
        public Mono<Void> append(AuditRecord record) {
            records.add(record);
            return Mono.empty();
        }

        /** No database here, so no role to check. */
        @Override
        public void run(org.springframework.boot.ApplicationArguments args) {}
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Audit {

        @Bean
        RecordedTrail recordedTrail() {
            return new RecordedTrail();
        }

        @Bean
        AuditedRequests auditedRequests(RecordedTrail trail) {
            return new AuditedRequests(
                    trail,
                    Clock.systemUTC(),
                    List.of(AuditedRequests.Rule.reads("/households/{household}/score", "household-score")));
        }
    }

    /** Stand-ins answering on the paths the security chain guards. */
    @RestController
    static class Endpoints {

        @GetMapping({"/actuator/health", "/actuator/info", "/v3/api-docs", "/households/{household}/score"})
        String answer() {
            return "answered";
        }
    }

    @Autowired
    private WebTestClient http;

    @Autowired
    private RecordedTrail trail;

    @Test
    void healthStaysOpen() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void everythingElseIsClosedSayingWhy() {
        for (String path : new String[] {"/households/110105001001-0001/score", "/actuator/info", "/v3/api-docs"}) {
            http.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("API closed");
        }
        assertThat(trail.records).singleElement().satisfies(record -> {
            assertThat(record.actor()).isEqualTo("anonymous");
            assertThat(record.subject()).isEqualTo("household-score");
            assertThat(record.subjectId()).isEqualTo("110105001001-0001");
            assertThat(record.allowed()).isFalse();
        });
    }
}
