package org.zhengce.kit.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Swagger UI signs in at the platform's authorisation server: the OpenAPI document gets an OAuth2 security scheme with
 * the authorization-code flow at the issuer's endpoints (Spring Authorization Server's
 * {@code <issuer>/oauth2/authorize} and {@code <issuer>/oauth2/token}), required by every operation. The client, PKCE
 * and the scopes Swagger UI asks for are springdoc's {@code springdoc.swagger-ui.oauth.*} settings. Without
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} the document has no such scheme. A service
 * {@code @Import}s it.
 */
@Configuration(proxyBeanMethods = false)
public class SwaggerSignIn {

    public static final String SCHEME = "oauth2AuthorizationCode";

    @Bean
    OpenApiCustomizer authorizationCodeScheme(
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri) {
        String issuer = StringUtils.trimTrailingCharacter(issuerUri.strip(), '/');
        return openApi -> {
            if (issuer.isEmpty()) {
                return;
            }
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            components.addSecuritySchemes(
                    SCHEME,
                    new SecurityScheme()
                            .type(SecurityScheme.Type.OAUTH2)
                            .description("Sign in at the platform's authorisation server (" + issuer + ")")
                            .flows(new OAuthFlows()
                                    .authorizationCode(new OAuthFlow()
                                            .authorizationUrl(issuer + "/oauth2/authorize")
                                            .tokenUrl(issuer + "/oauth2/token")
                                            .scopes(new Scopes()
                                                    .addString("openid", "who you are")
                                                    .addString("profile", "your name")))));
            openApi.components(components);
            openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME, List.of("openid", "profile")));
        };
    }

    /**
     * Adds to {@code openApi} an HTTP bearer scheme named {@code name} for a JWT obtained elsewhere (pasted into
     * Swagger UI's Authorize dialog), required by every operation.
     */
    public static void requireBearerJwt(OpenAPI openApi, String name) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        components.addSecuritySchemes(
                name,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT"));
        openApi.components(components);
        openApi.addSecurityItem(new SecurityRequirement().addList(name));
    }
}
