package org.zhengce.democity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.reading.EventJson;
import org.zhengce.intake.reading.ReadEvent;
import org.zhengce.intake.validation.CommunityDirectory;
import org.zhengce.intake.validation.EventValidator;
import org.zhengce.intake.validation.Violation;

/**
 * Intake's own checks, as a library: its JSON reader, its validator with the communities of referral's directory
 * (the demo city's {@code demo-city/jurisdictions.yaml}, which intake reads from the {@code jurisdictions} topic), and the event
 * types its registry seed ({@code V2__seed_departments.sql}) allows each department. What intake's pipeline adds on
 * top (authentication, rate limits, the ledger) is not about the event.
 */
public final class IntakeRules {

    private static final EventJson JSON = new EventJson();

    private final EventValidator validator;

    public IntakeRules(Instant now) {
        this.validator =
                new EventValidator(Clock.fixed(now, ZoneOffset.UTC), CommunityDirectory.of(Set.copyOf(communities())));
    }

    /** Every problem intake would find with the event's JSON line as a department sends it; empty when accepted. */
    public List<String> problems(byte[] line, DepartmentEvent event) {
        List<String> problems = new ArrayList<>();
        ReadEvent read = JSON.read(line);
        for (Violation v : read.violations()) {
            problems.add("reading " + v.fieldPath() + " " + v.ruleCode());
        }
        if (read.event() == null) {
            return problems;
        }
        if (!read.event().equals(event)) {
            problems.add("reads back as another event");
        }
        Set<String> allowed = SEEDED.get(event.getDepartment().name());
        if (allowed == null || !allowed.contains(read.eventType())) {
            problems.add(event.getDepartment() + " may not report " + read.eventType());
        }
        for (Violation v : validator.validate(read.event())) {
            problems.add(v.fieldPath() + " " + v.ruleCode() + " " + v.offendingValue());
        }
        return problems;
    }

    public List<String> problems(DepartmentEvent event) {
        return problems(IntakeJson.line(event), event);
    }

    /**
     * The community codes of referral's {@code demo-city/jurisdictions.yaml}, in file order: the demo city's one
     * organisation structure, which referral publishes on {@code jurisdictions} and intake accepts (ADR 0035).
     */
    public static List<String> communities() {
        Path seed = Path.of("..", "referral-service", "src", "main", "resources", "demo-city", "jurisdictions.yaml");
        String yaml;
        try {
            yaml = Files.readString(seed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read referral's demo city " + seed.toAbsolutePath(), e);
        }
        List<String> codes = new ArrayList<>();
        Matcher community = Pattern.compile("code: \"([0-9]{12})\"").matcher(yaml);
        while (community.find()) {
            codes.add(community.group(1));
        }
        return codes;
    }

    /** Department code → allowed event types, as intake's registry seed inserts them. */
    static final Map<String, Set<String>> SEEDED = seeded();

    private static Map<String, Set<String>> seeded() {
        Matcher rows = Pattern.compile("\\('([A-Z_]+)',\\s*'(?:[^']|'')*',\\s*'\\{([^}]*)\\}'")
                .matcher(resource("db/intake/V2__seed_departments.sql"));
        Map<String, Set<String>> allowed = new HashMap<>();
        while (rows.find()) {
            allowed.put(rows.group(1), Set.of(rows.group(2).split(",")));
        }
        assertThat(allowed).as("departments in intake's registry seed").hasSize(11);
        return allowed;
    }

    private static String resource(String name) {
        try (InputStream in = IntakeRules.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " of intake on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
