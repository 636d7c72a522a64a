package org.zhengce.scoring.audit;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.zhengce.kit.audit.AuditTrail;
import org.zhengce.kit.audit.AuditTrailConfiguration;
import org.zhengce.kit.audit.AuditedRequests;
import org.zhengce.kit.audit.AuditedRequests.Rule;
import org.zhengce.kit.crypto.CryptoSuite;
import org.zhengce.kit.crypto.KeyRing;
import org.zhengce.kit.crypto.KeyedHash;

/**
 * The trail (which also checks at start-up that scoring's database role may only append to it), its verify endpoint
 * for admins, and the requests audited as they are answered, but for questions forwarded by another instance.
 */
@Configuration(proxyBeanMethods = false)
@Import(AuditTrailConfiguration.class)
@EnableConfigurationProperties(AuditSettings.class)
class AuditConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean
    ForwardedQueries forwardedQueries(AuditSettings settings, ObjectProvider<Clock> clock) {
        String secret = settings.peerSecret();
        if (secret == null) {
            log.info("scoring-service: no scoring.audit.peer-secret: a question forwarded by another instance is"
                    + " audited there and here");
            return new ForwardedQueries(null, settings.forwardedWithin(), clock.getIfAvailable(Clock::systemUTC));
        }
        KeyedHash peers = new KeyedHash(
                CryptoSuite.STANDARD,
                KeyRing.fromBase64("scoring.audit.peer-secret", java.util.Map.of("peers", secret), "peers"));
        return new ForwardedQueries(peers, settings.forwardedWithin(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    AuditedRequests auditedRequests(AuditTrail trail, ObjectProvider<Clock> clock, ForwardedQueries forwarded) {
        return new AuditedRequests(
                        trail,
                        clock.getIfAvailable(Clock::systemUTC),
                        List.of(
                                Rule.reads("/households/{household}/portrait", "household-portrait"),
                                Rule.reads("/households/{household}/score", "household-score"),
                                Rule.any("/households/**", "household"),
                                Rule.reads("/shadow-report", "shadow-report"),
                                Rule.reads("/unresolved-persons", "unresolved-persons"),
                                new Rule(HttpMethod.POST, "/models", "scoring-model"),
                                new Rule(HttpMethod.POST, "/models/{version}/retire", "scoring-model"),
                                Rule.any("/admin/**", "admin")))
                .unless(forwarded::isForwarded);
    }
}
