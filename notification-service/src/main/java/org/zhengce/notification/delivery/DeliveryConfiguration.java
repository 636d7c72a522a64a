package org.zhengce.notification.delivery;

import io.netty.channel.ChannelOption;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;
import org.zhengce.notification.alerts.AlertMetrics;
import org.zhengce.notification.alerts.AlertTiming;
import org.zhengce.notification.alerts.Escalations;
import org.zhengce.notification.outbox.AlertEventOutbox;
import reactor.netty.http.client.HttpClient;

/** The dispatcher with its own HTTP client (Reactor Netty, connect and response timeouts) and breakers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliverySettings.class)
class DeliveryConfiguration {

    @Bean
    WebhookDispatcher webhookDispatcher(
            DeliveryStore store,
            DeliverySettings settings,
            AlertTiming timing,
            AlertEventOutbox outbox,
            Escalations escalations,
            TransactionalOperator transactions,
            AlertMetrics metrics,
            Clock clock) {
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()))
                .responseTimeout(settings.timeout());
        WebClient http = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(client))
                .build();
        return new WebhookDispatcher(
                store,
                http,
                new EndpointBreakers(settings.circuitBreaker(), clock),
                settings,
                timing,
                outbox,
                escalations,
                transactions,
                metrics,
                clock);
    }
}
