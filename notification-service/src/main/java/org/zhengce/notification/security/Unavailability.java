package org.zhengce.notification.security;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.zhengce.kit.web.UnavailableAnswers;

/**
 * A request that fails because notification's database or Kafka does not answer, wherever it fails (an audit row written in
 * the security chain, a query in a controller), is answered 503 with Retry-After, never 500: the caller sends it
 * again.
 */
@Configuration(proxyBeanMethods = false)
class Unavailability {

    @Bean
    UnavailableAnswers unavailableAnswers(ServerCodecConfigurer codecs) {
        return new UnavailableAnswers(codecs, Duration.ofSeconds(30));
    }
}
