package org.zhengce.referral.policies;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.events.Department;
import org.zhengce.referral.jurisdictions.JurisdictionDirectory;
import reactor.core.publisher.Mono;

/**
 * The policy library (政策库): which programmes a household may qualify for, by the rule that matched, with the
 * parameters of its jurisdiction. Evaluation is pure and in memory, on the library as last read from the database
 * (read at start-up, after each change made here, and every {@code referral.policies.refresh-interval} for
 * changes made by another instance).
 */
@Service
public class PolicyLibrary implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PolicyLibrary.class);

    private final PolicyStore store;
    private final JurisdictionDirectory directory;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final AtomicReference<RuleBook> current = new AtomicReference<>(RuleBook.empty());

    /** {@code seed}: asked for so that the policy-library file is loaded before the library is read. */
    PolicyLibrary(
            PolicyStore store,
            JurisdictionDirectory directory,
            TransactionalOperator transactions,
            Clock clock,
            PolicySeedLoader seed) {
        this.store = store;
        this.directory = directory;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        reload().block(Duration.ofMinutes(1));
        log.info(
                "policy library revision {}: {} programmes",
                current.get().revision(),
                current.get().programmes().size());
    }

    // --- evaluation

    /**
     * The programmes the household of {@code communityCode} may qualify for and is not in yet, in library order,
     * each with the rule that matched.
     */
    public List<Eligibility> evaluate(String communityCode, HouseholdFacts facts) {
        return assess(communityCode, facts).eligible();
    }

    /** The programmes not proposed to the household, each with the reason (for the plan's explanation). */
    public List<Ineligibility> notEligible(String communityCode, HouseholdFacts facts) {
        return assess(communityCode, facts).notEligible();
    }

    /** Both at once, on one revision of the library. */
    public PolicyEvaluation assess(String communityCode, HouseholdFacts facts) {
        return current.get().evaluate(communityCode, facts);
    }

    /** The departments that act on a grant of the programme; empty for an unknown programme. */
    public List<Department> shareWith(String programmeCode) {
        return programme(programmeCode).map(ProgrammeDefinition::shareWith).orElse(List.of());
    }

    public Optional<ProgrammeDefinition> programme(String code) {
        return current.get().programme(code);
    }

    /** Every programme, in library order. */
    public List<ProgrammeDefinition> programmes() {
        return current.get().programmes();
    }

    /** A programme's parameters in force in an area (each from the longest matching jurisdiction code). */
    public Map<String, BigDecimal> parametersFor(String programmeCode, String areaCode) {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        current.get()
                .parametersFor(programmeCode, areaCode)
                .forEach((name, parameter) -> values.put(name, parameter.value()));
        return values;
    }

    /** A programme's parameters as set, by jurisdiction code. */
    public Map<String, Map<String, BigDecimal>> parametersOf(String programmeCode) {
        return current.get().parametersOf(programmeCode);
    }

    public long revision() {
        return current.get().revision();
    }

    // --- changes (the admin API)

    /**
     * Adds or replaces a programme's definition (400 naming the field when it is invalid: an expression that does
     * not parse or reaches beyond the facts and parameters).
     */
    public Mono<ProgrammeDefinition> replace(ProgrammeDefinition definition, String actor) {
        try {
            RuleBook.compile(definition);
        } catch (InvalidRuleException e) {
            return Mono.error(PolicyProblem.invalid(e));
        }
        return transactions
                .transactional(store.saveProgramme(definition, actor, clock.instant()))
                .then(reload())
                .thenReturn(definition);
    }

    /**
     * Replaces a programme's parameters for one jurisdiction (404 unknown programme; 400 naming {@code
     * jurisdiction} for a code that is not a known jurisdiction, {@code parameters.<name>} for a value that is
     * not a number).
     */
    public Mono<Map<String, BigDecimal>> replaceParameters(
            String programmeCode, String jurisdictionCode, @Nullable Map<String, ?> parameters, String actor) {
        Map<String, BigDecimal> checked;
        try {
            if (programme(programmeCode).isEmpty()) {
                return Mono.error(PolicyProblem.unknownProgramme(programmeCode));
            }
            RuleBook.checkJurisdiction("jurisdiction", jurisdictionCode);
            checked = RuleBook.checkParameters("parameters", parameters);
        } catch (InvalidRuleException e) {
            return Mono.error(PolicyProblem.invalid(e));
        }
        return directory
                .jurisdictions()
                .any(jurisdiction -> jurisdiction.code().equals(jurisdictionCode))
                .flatMap(known -> known
                        ? Mono.empty()
                        : Mono.error(PolicyProblem.invalid(
                                "jurisdiction", "jurisdiction: " + jurisdictionCode + " is not a known jurisdiction")))
                .then(transactions.transactional(
                        store.saveParameters(programmeCode, jurisdictionCode, checked, actor, clock.instant())))
                .then(reload())
                .thenReturn(checked);
    }

    /** Looks for changes made by another instance. */
    @Scheduled(
            fixedDelayString = "${referral.policies.refresh-interval:30s}",
            initialDelayString = "${referral.policies.refresh-interval:30s}")
    void refresh() {
        try {
            Long revision = store.revision().block(Duration.ofSeconds(30));
            if (revision != null && revision != current.get().revision()) {
                reload().block(Duration.ofSeconds(30));
                log.info(
                        "policy library refreshed to revision {}", current.get().revision());
            }
        } catch (RuntimeException e) {
            log.warn(
                    "policy library refresh failed, keeping revision {}: {}",
                    current.get().revision(),
                    e.toString());
        }
    }

    private Mono<Void> reload() {
        return store.load()
                .doOnNext(book -> current.accumulateAndGet(
                        book, (was, loaded) -> loaded.revision() >= was.revision() ? loaded : was))
                .then();
    }
}
