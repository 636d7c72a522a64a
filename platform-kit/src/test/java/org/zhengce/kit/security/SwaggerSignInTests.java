package org.zhengce.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwaggerSignInTests {

    @Test
    void documentSignsInAtTheIssuersAuthorizationCodeEndpoints() {
        OpenAPI openApi = new OpenAPI();

        new SwaggerSignIn().authorizationCodeScheme(" http://auth.local:9000/ ").customise(openApi);

        SecurityScheme scheme = openApi.getComponents().getSecuritySchemes().get(SwaggerSignIn.SCHEME);
        assertThat(scheme.getType()).isEqualTo(SecurityScheme.Type.OAUTH2);
        OAuthFlow flow = scheme.getFlows().getAuthorizationCode();
        assertThat(flow.getAuthorizationUrl()).isEqualTo("http://auth.local:9000/oauth2/authorize");
        assertThat(flow.getTokenUrl()).isEqualTo("http://auth.local:9000/oauth2/token");
        assertThat(flow.getScopes()).containsOnlyKeys("openid", "profile");
        assertThat(openApi.getSecurity())
                .singleElement()
                .satisfies(requirement ->
                        assertThat(requirement.get(SwaggerSignIn.SCHEME)).isEqualTo(List.of("openid", "profile")));
    }

    @Test
    void documentWithoutIssuerHasNoSignIn() {
        OpenAPI openApi = new OpenAPI();

        new SwaggerSignIn().authorizationCodeScheme("").customise(openApi);

        assertThat(openApi.getComponents()).isNull();
        assertThat(openApi.getSecurity()).isNull();
    }
}
