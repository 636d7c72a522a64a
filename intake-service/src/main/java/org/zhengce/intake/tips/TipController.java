package org.zhengce.intake.tips;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.intake.pipeline.Outcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code POST /tips} and {@code GET /tips/mine}: a signed-in reporter's tips (role REPORTER, a person's token). */
@RestController
@Tag(name = "Tips", description = "A registered reporter's tips from the field")
class TipController {

    private static final int MINE = 100;

    private final Tips tips;

    TipController(Tips tips) {
        this.tips = tips;
    }

    @Operation(
            operationId = "reportTip",
            summary = "Report a household in difficulty, as a registered reporter",
            description = "No identity number is asked: one typed into the note or the address is masked before"
                    + " publishing (maskedFields names the field). The tip becomes the community department's"
                    + " TipReported, with the reporter's role and id from the token. 202 accepted or duplicate (a"
                    + " re-send of the same tipId); 400 with the rule (tip.invalid, or the pipeline's rules); 403"
                    + " tip.reporter-unregistered, or tip.outside-community for a household outside the reporter's"
                    + " community; 409 the tipId was used for another tip; 503 re-send later.")
    @PostMapping("/tips")
    Mono<ResponseEntity<Object>> report(@AuthenticationPrincipal Jwt reporter, @RequestBody TipRequest tip) {
        return tips.report(reporter.getSubject(), tip).map(TipController::answer);
    }

    @Operation(
            operationId = "myTips",
            summary = "The signed-in reporter's tips, newest first (at most 100)",
            description = "Each with the platformEventId referral's GET /tips/{platformEventId} tells what became of"
                    + " it by.")
    @GetMapping("/tips/mine")
    Flux<SentTip> mine(@AuthenticationPrincipal Jwt reporter) {
        return tips.mine(reporter.getSubject(), MINE);
    }

    private static ResponseEntity<Object> answer(Outcome outcome) {
        if (outcome instanceof Outcome.Accepted accepted) {
            return ResponseEntity.accepted()
                    .body(new TipAnswer(
                            outcome.status(), accepted.platformEventId(), accepted.maskedFields(), List.of()));
        }
        if (outcome instanceof Outcome.Duplicate duplicate) {
            return ResponseEntity.accepted()
                    .body(new TipAnswer(
                            outcome.status(), duplicate.platformEventId(), duplicate.maskedFields(), List.of()));
        }
        if (outcome instanceof Outcome.Rejected rejected) {
            List<TipAnswer.Refusal> violations = rejected.violations().stream()
                    .map(v -> new TipAnswer.Refusal(v.fieldPath(), v.ruleCode()))
                    .toList();
            return ResponseEntity.status(rejected.forbidden() ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST)
                    .body(new TipAnswer(outcome.status(), null, List.of(), violations));
        }
        if (outcome instanceof Outcome.Conflict) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(new TipAnswer(outcome.status(), null, List.of(), List.of()));
        }
        UUID pending = outcome instanceof Outcome.Pending p ? p.platformEventId() : null;
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(new TipAnswer(outcome.status(), pending, List.of(), List.of()));
    }
}
