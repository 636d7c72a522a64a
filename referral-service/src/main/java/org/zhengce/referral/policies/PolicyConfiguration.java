package org.zhengce.referral.policies;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Settings, and the scheduler that refreshes the library from the database. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PolicySettings.class)
@EnableScheduling
class PolicyConfiguration {}
