package org.zhengce.scoring.queries;

import io.netty.channel.ChannelOption;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.reactive.function.client.WebClient;
import org.zhengce.scoring.audit.ForwardedQueries;
import org.zhengce.scoring.streams.ScoringStreams;
import reactor.netty.http.client.HttpClient;

/**
 * The topology's stores as this instance holds them (the Kafka Streams binder's interactive-query service), where
 * the other instances are, the client instances ask each other with, and the
 * stores' gauges: {@code scoring.unresolved.persons} (persons waiting here for their household) and
 * {@code scoring.portraits} (about how many portraits this instance holds).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuerySettings.class)
class QueryConfiguration {

    /** Seconds a caller should wait before asking again while the streams rebalance. */
    static final String RETRY_AFTER_SECONDS = "2";

    @Bean
    LocalStores localStores(InteractiveQueryService queries) {
        return new LocalStores(queries);
    }

    @Bean
    Instances instances(InteractiveQueryService queries, ScoringStreams streams) {
        return new Instances(queries, streams);
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
