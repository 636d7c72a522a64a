package org.zhengce.referral.jurisdictions;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JurisdictionSettings.class)
class JurisdictionConfiguration {}
