package org.zhengce.notification.subscriptions;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.events.AlertChannel;
import org.zhengce.kit.security.Caller;
import org.zhengce.notification.security.Role;
import reactor.core.publisher.Mono;

/** A user's own subscriptions; the admins' webhook endpoints. */
@RestController
@Validated
class SubscriptionController {

    private final Subscriptions subscriptions;

    SubscriptionController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** An endpoint as an admin writes it. */
    record EndpointRequest(
            @NotNull AlertChannel channel,
            @NotBlank String url,
            @NotBlank String secret,
            boolean enabled) {}

    @GetMapping("/subscriptions/me")
    Mono<List<Subscription>> mine(@AuthenticationPrincipal Jwt jwt) {
        return subscriptions.of(Caller.of(jwt, Role.class).userId()).collectList();
    }

    /** Replaces the caller's subscriptions (SMS, app push); the console is always on. */
    @PutMapping("/subscriptions/me")
    Mono<List<Subscription>> replace(@AuthenticationPrincipal Jwt jwt, @RequestBody List<@Valid Subscription> wanted) {
        return subscriptions.replace(Caller.of(jwt, Role.class).userId(), wanted);
    }

    @GetMapping("/admin/webhook-endpoints")
    Mono<List<WebhookEndpoint>> endpoints() {
        return subscriptions.endpoints().collectList();
    }

    @PutMapping("/admin/webhook-endpoints/{id}")
    Mono<WebhookEndpoint> putEndpoint(
            @PathVariable @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "lower-case letters, digits, dashes")
                    String id,
            @Valid @RequestBody EndpointRequest endpoint) {
        return subscriptions.putEndpoint(id, endpoint.channel(), endpoint.url(), endpoint.secret(), endpoint.enabled());
    }
}
