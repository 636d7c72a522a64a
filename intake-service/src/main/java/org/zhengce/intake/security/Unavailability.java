package org.zhengce.intake.security;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.zhengce.kit.web.UnavailableAnswers;

/**
 * A request that fails because intake's database (or Kafka, or the registry) does not answer, wherever it fails (an
 * API key looked up in the security chain while PostgreSQL restarts), is answered 503 with Retry-After, never 500: the
 * department sends it again.
 */
@Configuration(proxyBeanMethods = false)
class Unavailability {

    @Bean
    UnavailableAnswers unavailableAnswers(ServerCodecConfigurer codecs) {
        return new UnavailableAnswers(codecs, Duration.ofSeconds(30));
    }
}
