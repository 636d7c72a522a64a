package org.zhengce.intake.communities;

import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.intake.validation.CommunityDirectory;
import org.zhengce.kit.jurisdictions.JurisdictionFeed;

/**
 * The known communities from referral's directory (the {@code jurisdictions} topic), unless a fixed list is configured
 * ({@code intake.pipeline.communities}: intake running without referral, e.g. its tests without a broker).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${intake.pipeline.communities:}'.isEmpty()")
@EnableConfigurationProperties(CommunitiesConfiguration.FeedSettings.class)
public class CommunitiesConfiguration {

    /**
     * How the {@code jurisdictions} topic is read ({@code intake.jurisdictions.*}).
     *
     * @param catchUpWithin how long start-up waits for the records already on the topic before the service is ready
     *     (then it starts with what it has read and follows the rest)
     */
    @ConfigurationProperties("intake.jurisdictions")
    record FeedSettings(@DefaultValue("PT60S") Duration catchUpWithin) {

        FeedSettings {
            if (catchUpWithin.isNegative() || catchUpWithin.isZero()) {
                throw new IllegalArgumentException(
                        "intake.jurisdictions.catch-up-within must be positive, was " + catchUpWithin);
            }
        }
    }

    @Bean
    JurisdictionFeed jurisdictionFeed(KafkaProperties kafkaProperties, FeedSettings settings) {
        return JurisdictionFeed.of(kafkaProperties, "intake-service-jurisdictions", settings.catchUpWithin());
    }

    /** A community is known when referral's directory, as last read, has it. */
    @Bean
    CommunityDirectory communityDirectory(JurisdictionFeed jurisdictions) {
        return jurisdictions::hasCommunity;
    }
}
