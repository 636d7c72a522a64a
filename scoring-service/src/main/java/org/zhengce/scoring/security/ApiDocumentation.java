package org.zhengce.scoring.security;

import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.kit.security.SwaggerSignIn;

/** The OpenAPI document's title and how to authenticate (a bearer JWT with roles and jurisdictions claims). */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    private static final String BEARER = "bearerJwt";

    @Bean
    OpenApiCustomizer scoringDocumentation() {
        return openApi -> {
            openApi.info(new Info()
                    .title("scoring-service: household portraits, scores and models")
                    .version("1")
                    .description("A household's portrait and score with the reasons (which department's fact moved"
                            + " which dimension by how many points), the shadow report of a candidate model, the"
                            + " persons not yet resolved to a household, and model publishing. Authenticate with a"
                            + " bearer JWT of the platform's identity provider: its roles claim (PLATFORM_ADMIN,"
                            + " SUPERVISOR, ADVISOR, SOCIAL_WORKER) opens endpoints, its jurisdictions claim (area"
                            + " codes: a district's 6 digits, a street's 9, a community's 12) limits which"
                            + " households a caller sees; a platform admin sees all and alone publishes models."
                            + " Errors are RFC 9457 problem details; 503 with Retry-After while the streams"
                            + " rebalance."));
            SwaggerSignIn.requireBearerJwt(openApi, BEARER);
        };
    }
}
