package org.zhengce.console;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The single-page app: its hashed assets cached for a year, its {@code index.html} for every page path (the page
 * routes itself with the History API), never cached, so a new build is picked up on the next visit.
 */
@Configuration(proxyBeanMethods = false)
class Pages implements WebFluxConfigurer {

    /** Where the npm build puts the page (not a default static location: services share the launcher's JVM). */
    static final String LOCATION = "classpath:/console-web/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(LOCATION + "assets/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/*.svg", "/*.png", "/*.ico", "/*.webmanifest", "/*.txt")
                .addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)));
    }

    @Bean
    RouterFunction<ServerResponse> pageRoutes(@Value(LOCATION + "index.html") Resource index) {
        return RouterFunctions.route(
                RequestPredicates.GET("/**").and(Pages::isPage),
                request -> index.exists()
                        ? ServerResponse.ok()
                                .contentType(MediaType.TEXT_HTML)
                                .cacheControl(CacheControl.noCache())
                                .bodyValue(index)
                        : ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                                .contentType(MediaType.TEXT_PLAIN)
                                .bodyValue("The console's page was not built: run the Maven build of the console module"
                                        + " (npm run build in console/web)."));
    }

    /** A path of the page itself: not the API, sign-in, sign-out, actuator or a file. */
    static boolean isPage(ServerRequest request) {
        String path = request.path();
        for (String reserved :
                new String[] {"/api/", "/api", "/login", "/logout", "/oauth2/", "/actuator", "/assets/"}) {
            if (path.equals(reserved) || path.startsWith(reserved.endsWith("/") ? reserved : reserved + "/")) {
                return false;
            }
        }
        return !path.substring(path.lastIndexOf('/') + 1).contains(".");
    }
}
