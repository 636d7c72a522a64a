package org.zhengce.scoring.queries;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.reactive.function.client.WebClient;
import org.zhengce.scoring.audit.ForwardedQueries;
import reactor.netty.http.client.HttpClient;

/**
 * The interactive-query service over the topology's stores, the client instances ask each other with, and the
 * stores' gauges: {@code scoring.unresolved.persons} (persons waiting here for their household) and
 * {@code scoring.portraits} (about how many portraits this instance holds).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuerySettings.class)
class QueryConfiguration {

    /** Seconds a caller should wait before asking again while the streams rebalance. */
    static final String RETRY_AFTER_SECONDS = "2";

    @Bean
    CurrentQueryService scoringQueries(StreamsBuilderFactoryBean streams) {
        // a few quick tries, then 503 with Retry-After: the caller waits, not a server thread
        return new CurrentQueryService(
                streams,
                new RetryTemplate(RetryPolicy.builder()
                        .maxRetries(2)
                        .delay(Duration.ofMillis(100))
                        .build()));
    }

    @Bean
    LocalStores localStores(CurrentQueryService scoringQueries) {
        return new LocalStores(scoringQueries);
    }

    @Bean
    Instances instances(CurrentQueryService scoringQueries, StreamsBuilderFactoryBean streams) {
        return new Instances(scoringQueries, streams);
    }

    @Bean
    Peers peers(QuerySettings settings, ForwardedQueries forwarded) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        settings.peerTimeout().toMillis())
                .responseTimeout(settings.peerTimeout());
        WebClient client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                // signed, so that the instance asked leaves the question's audit to this one
                .filter(forwarded.signing())
                .build();
        return new Peers(client, settings);
    }

    @Bean
    StoreGauges storeGauges(LocalStores stores) {
        return new StoreGauges(stores);
    }

    /** 503: a forwarded question reached an instance that no longer holds the household. */
    static ErrorResponseException moved(String household, HostInfo owner) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "household " + household + " has moved to instance " + Instances.describe(owner) + "; try again");
        problem.setTitle("Household moved");
        ErrorResponseException moved = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
        moved.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return moved;
    }
}
