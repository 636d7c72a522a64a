package org.zhengce.intake.decisions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.zhengce.intake.departments.DepartmentPrincipal;
import reactor.core.publisher.Mono;

/**
 * A department's decisions over HTTP: polled with a cursor ({@code GET /decisions}), or pushed to the endpoint it
 * registers ({@code PUT /departments/me/webhook}) with its delivery log ({@code GET /decisions/deliveries}). Each
 * department sees only its own: the department is the authenticated caller, never a parameter.
 */
@RestController
@Tag(name = "Decisions", description = "Assistance decisions shared back to the department: by polling or webhook")
class DecisionController {

    private final DecisionLedger ledger;
    private final WebhookRegistry webhooks;
    private final DecisionSettings settings;
    private final Clock clock;

    DecisionController(
            DecisionLedger ledger, WebhookRegistry webhooks, DecisionSettings settings, ObjectProvider<Clock> clock) {
        this.ledger = ledger;
        this.webhooks = webhooks;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * A page of decisions.
     *
     * @param decisions oldest first, each as a webhook would carry it
     * @param next the cursor to ask after next time (the last decision's, or the one asked after if none came)
     */
    record DecisionPage(List<DecisionMessage> decisions, long next) {}

    /** The endpoint a department registers. */
    record WebhookRequest(@Nullable String url) {}

    /**
     * An endpoint just registered.
     *
     * @param secret its signing secret ({@code whsec_…}): this answer is the only time it is shown
     */
    record RegisteredWebhook(URI url, String secret, Instant registeredAt) {}

    /** A request refused, with the rule it broke. */
    static final class Refused extends RuntimeException {

        private final HttpStatus status;
        private final String rule;

        Refused(HttpStatus status, String rule, String detail) {
            super(detail);
            this.status = status;
            this.rule = rule;
        }
    }

    @Operation(
            operationId = "pollDecisions",
            summary = "The department's decisions after a cursor, oldest first",
            description = "Start with after=0; ask again with the answer's next. Each decision is"
                    + " {type: assistance_decision.shared, timestamp, cursor, data}, the body a webhook delivery"
                    + " carries. Cursors only grow; a decision is kept once however often referral's record is read.")
    @GetMapping("/decisions")
    Mono<DecisionPage> poll(
            @AuthenticationPrincipal DepartmentPrincipal principal,
            @Parameter(description = "the last cursor the department has (0: from the beginning)")
                    @RequestParam(defaultValue = "0")
                    long after,
            @Parameter(description = "at most this many (1 to intake.decisions.max-page-size, 1000)")
                    @RequestParam(defaultValue = "100")
                    int limit) {
        if (after < 0) {
            throw new Refused(HttpStatus.BAD_REQUEST, "decisions.cursor", "after must be 0 or a cursor, was " + after);
        }
        checkLimit(limit);
        return ledger.after(principal.code(), after, limit)
                .collectList()
                .map(page -> new DecisionPage(
                        page, page.isEmpty() ? after : page.get(page.size() - 1).cursor()));
    }

    @Operation(
            operationId = "listDecisionDeliveries",
            summary = "The department's webhook delivery log, newest first",
            description = "Per decision: its webhook-id, cursor, status (pending, delivered, failed: given up after the"
                    + " last attempt), attempts, the last HTTP status and error, the next attempt. A failed one stays"
                    + " in GET /decisions.")
    @GetMapping("/decisions/deliveries")
    Mono<List<DecisionLedger.Delivery>> deliveries(
            @AuthenticationPrincipal DepartmentPrincipal principal, @RequestParam(defaultValue = "100") int limit) {
        checkLimit(limit);
        return ledger.deliveries(principal.code(), limit).collectList();
    }

    @Operation(
            operationId = "registerWebhook",
            summary = "Registers (or replaces) the department's endpoint; answers its new signing secret once",
            description = "Decisions kept from now on are POSTed there, signed per the Standard Webhooks specification"
                    + " (headers webhook-id, webhook-timestamp, webhook-signature: v1,<Base64 HMAC-SHA256 of"
                    + " id.timestamp.body under the secret's bytes>). Retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h"
                    + " and 24 h (about three days), then given up. At least once: de-duplicate by webhook-id. Every call draws a new"
                    + " secret. 400 webhook.https for a URL that is not https://; 409 webhook.configured when the"
                    + " platform set the endpoint in its configuration.")
    @PutMapping("/departments/me/webhook")
    Mono<RegisteredWebhook> register(
            @AuthenticationPrincipal DepartmentPrincipal principal, @RequestBody WebhookRequest request) {
        URI url = url(request.url());
        WebhookEndpoints.check(url, settings.allowPlainHttp()).ifPresent(problem -> {
            throw new Refused(HttpStatus.BAD_REQUEST, problem.rule(), problem.detail());
        });
        WebhookSecret secret = WebhookSecret.generate();
        return webhooks.find(principal.code())
                .filter(existing -> existing.registeredBy() == WebhookRegistry.RegisteredBy.CONFIGURATION)
                .flatMap(configured -> Mono.<WebhookRegistry.Webhook>error(new Refused(
                        HttpStatus.CONFLICT,
                        "webhook.configured",
                        "the endpoint of " + principal.code() + " is set in intake's configuration"
                                + " (intake.decisions.webhooks): the platform team changes it")))
                .switchIfEmpty(Mono.defer(() -> webhooks.register(
                        principal.code(), url, secret, WebhookRegistry.RegisteredBy.DEPARTMENT, clock.instant())))
                .map(registered ->
                        new RegisteredWebhook(registered.url(), secret.serialised(), registered.registeredAt()));
    }

    @Operation(operationId = "getWebhook", summary = "The department's endpoint (never its secret); 404 if none")
    @GetMapping("/departments/me/webhook")
    Mono<WebhookRegistry.Webhook> webhook(@AuthenticationPrincipal DepartmentPrincipal principal) {
        return webhooks.find(principal.code())
                .switchIfEmpty(Mono.error(new Refused(
                        HttpStatus.NOT_FOUND,
                        "webhook.registered",
                        principal.code() + " has no endpoint: PUT /departments/me/webhook {\"url\": \"https://…\"}"
                                + " registers one, or poll GET /decisions")));
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused e, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status, e.getMessage());
        problem.setTitle("Request refused");
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        problem.setProperty("rule", e.rule);
        return ResponseEntity.status(e.status).body(problem);
    }

    private void checkLimit(int limit) {
        if (limit < 1 || limit > settings.maxPageSize()) {
            throw new Refused(
                    HttpStatus.BAD_REQUEST,
                    "decisions.limit",
                    "limit must be 1 to " + settings.maxPageSize() + ", was " + limit);
        }
    }

    private static URI url(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new Refused(HttpStatus.BAD_REQUEST, "webhook.url", "url is required: {\"url\": \"https://…\"}");
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "webhook.url", "url is not a URL: " + e.getReason());
        }
    }
}
