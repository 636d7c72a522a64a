package org.zhengce.scoring.model;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Dimension;
import org.zhengce.events.Programme;
import org.zhengce.events.WarningLevel;
import org.zhengce.scoring.model.InvalidModelException.Problem;
import org.zhengce.scoring.portrait.Fact;
import org.zhengce.scoring.portrait.Portraits;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a model document and checks all of it, collecting every problem with its path before giving up. The grammar
 * is documented in {@code /models/README.md}.
 */
final class ModelReader {

    /** The parts of a valid model. */
    record Definition(
            String version,
            ZoneId zone,
            Map<WarningLevel, Integer> thresholds,
            Map<Dimension, Integer> caps,
            List<Rule> rules,
            Categories categories,
            Duration rescreenInterval) {}

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> ROOT = Set.of(
            "version",
            "description",
            "zone",
            "parameters",
            "levels",
            "dimensions",
            "rules",
            "categories",
            "rescreening");
    private static final Set<String> SELECTOR = Set.of("fact", "where", "window", "cancelledBy", "latest", "latestBy");
    private static final Set<String> RULE =
            union(SELECTOR, Set.of("id", "description", "dimension", "points", "per", "cap", "decay"));
    private static final Set<String> EDGE = union(SELECTOR, Set.of("id", "description", "withDependants"));
    private static final Set<String> PER = Set.of("field", "unit", "summed");
    private static final Set<String> DIMENSION = Set.of("cap", "description");
    private static final Set<String> CATEGORIES = Set.of("assistanceProgrammes", "dependants", "earlyWarning");
    private static final Set<String> DEPENDANTS = Set.of("ageBelow", "ageAtLeast");
    private static final Set<String> EARLY_WARNING = Set.of("level", "appliesOverTheLine", "edges");
    private static final Set<String> RESCREENING = Set.of("interval");
    private static final Set<String> DECAY = Set.of("halfLife");

    /** Facts a portrait keeps beyond its retention, so a window may be longer than the retention. */
    private static final Set<String> LONG_LIVED =
            Set.of("IllnessCertified", "DisabilityCertified", "AssistanceGranted", "EconomicCheckDone");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    private static final Pattern PARAMETER = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*");
    private static final Duration DEFAULT_RESCREEN = Duration.ofDays(90);

    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Long> parameters = new LinkedHashMap<>();
    private final Set<String> ids = new HashSet<>();

    private ModelReader() {}

    static Definition read(String yaml) {
        return new ModelReader().definition(yaml);
    }

    private Definition definition(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new InvalidModelException(
                    List.of(new Problem("", "not valid YAML" + where + ": " + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidModelException(List.of(new Problem("", "a model is a YAML mapping")));
        }
        allowed(root, "", ROOT);
        String version = text(root, "", "version", true);
        ZoneId zone = zone(root);
        readParameters(root.get("parameters"));
        Map<WarningLevel, Integer> thresholds = levels(required(root, "", "levels"));
        Map<Dimension, Integer> caps = dimensions(required(root, "", "dimensions"));
        List<Rule> rules = rules(required(root, "", "rules"));
        Categories categories = categories(required(root, "", "categories"));
        Duration rescreen = rescreening(root.get("rescreening"));
        if (!problems.isEmpty()) {
            throw new InvalidModelException(problems);
        }
        return new Definition(version == null ? "" : version, zone, thresholds, caps, rules, categories, rescreen);
    }

    private ZoneId zone(JsonNode root) {
        JsonNode node = root.get("zone");
        if (node == null) {
            return ZoneId.of("Asia/Shanghai");
        }
        String name = text(root, "", "zone", false);
        if (name != null) {
            try {
                return ZoneId.of(name);
            } catch (RuntimeException e) {
                problem("zone", "unknown time zone '" + name + "'");
            }
        }
        return ZoneId.of("Asia/Shanghai");
    }

    private void readParameters(@Nullable JsonNode node) {
        if (node == null) {
            return;
        }
        if (!node.isObject()) {
            problem("parameters", "a mapping of names to whole numbers");
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String path = "parameters." + entry.getKey();
            if (!PARAMETER.matcher(entry.getKey()).matches()) {
                problem(path, "a parameter name is letters and digits, starting with a letter");
            }
            if (entry.getValue().isIntegralNumber() && entry.getValue().canConvertToLong()) {
                parameters.put(entry.getKey(), entry.getValue().longValue());
            } else {
                problem(path, "a parameter is a whole number, not " + show(entry.getValue()));
            }
        }
    }

    private Map<WarningLevel, Integer> levels(@Nullable JsonNode node) {
        Map<WarningLevel, Integer> thresholds = new EnumMap<>(WarningLevel.class);
        if (node == null) {
            return thresholds;
        }
        if (!node.isObject() || node.isEmpty()) {
            problem("levels", "a mapping of warning levels (" + symbols(realLevels()) + ") to thresholds on the total");
            return thresholds;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String path = "levels." + entry.getKey();
            Optional<WarningLevel> level = realLevels().stream()
                    .filter(l -> l.name().equals(entry.getKey()))
                    .findFirst();
            if (level.isEmpty()) {
                problem(path, "unknown warning level '" + entry.getKey() + "' (one of " + symbols(realLevels()) + ")");
                continue;
            }
            Integer threshold = wholeNumber(entry.getValue(), path, 1);
            if (threshold != null) {
                thresholds.put(level.get(), threshold);
            }
        }
        WarningLevel previous = null;
        for (Map.Entry<WarningLevel, Integer> entry : thresholds.entrySet()) {
            if (previous != null && entry.getValue() <= thresholds.get(previous)) {
                problem(
                        "levels." + entry.getKey(),
                        "thresholds must increase from BLUE to RED: " + entry.getKey() + " (" + entry.getValue()
                                + ") is not above " + previous + " (" + thresholds.get(previous) + ")");
            }
            previous = entry.getKey();
        }
        return thresholds;
    }

    private Map<Dimension, Integer> dimensions(@Nullable JsonNode node) {
        Map<Dimension, Integer> caps = new EnumMap<>(Dimension.class);
        if (node == null) {
            return caps;
        }
        if (!node.isObject()) {
            problem("dimensions", "a mapping of the six dimensions to their caps");
            return caps;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String path = "dimensions." + entry.getKey();
            Optional<Dimension> dimension = dimension(entry.getKey());
            if (dimension.isEmpty()) {
                problem(
                        path,
                        "unknown dimension '" + entry.getKey() + "' (one of " + symbols(ScoringModel.DIMENSIONS) + ")");
                continue;
            }
            JsonNode spec = entry.getValue();
            if (!spec.isObject()) {
                problem(path, "a mapping with the dimension's cap, e.g. {cap: 20}");
                continue;
            }
            allowed(spec, path, DIMENSION);
            JsonNode cap = required(spec, path, "cap");
            if (cap != null) {
                Integer value = wholeNumber(cap, path + ".cap", 0);
                if (value != null) {
                    caps.put(dimension.get(), value);
                }
            }
        }
        for (Dimension dimension : ScoringModel.DIMENSIONS) {
            if (!node.has(dimension.name())) {
                problem("dimensions." + dimension, "missing: every dimension needs a cap");
            }
        }
        return caps;
    }

    private List<Rule> rules(@Nullable JsonNode node) {
        List<Rule> rules = new ArrayList<>();
        if (node == null) {
            return rules;
        }
        if (!node.isArray() || node.isEmpty()) {
            problem("rules", "a list of rules");
            return rules;
        }
        for (int i = 0; i < node.size(); i++) {
            Rule rule = rule(node.get(i), "rules[" + i + "]");
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private @Nullable Rule rule(JsonNode node, String path) {
        if (!node.isObject()) {
            problem(path, "a rule is a mapping");
            return null;
        }
        allowed(node, path, RULE);
        String id = id(node, path);
        Dimension dimension = null;
        String dimensionName = text(node, path, "dimension", true);
        if (dimensionName != null) {
            dimension = dimension(dimensionName).orElse(null);
            if (dimension == null) {
                problem(
                        path + ".dimension",
                        "unknown dimension '" + dimensionName + "' (one of " + symbols(ScoringModel.DIMENSIONS) + ")");
            }
        }
        Selector selector = selector(node, path);
        Integer points = null;
        JsonNode pointsNode = required(node, path, "points");
        if (pointsNode != null) {
            points = wholeNumber(pointsNode, path + ".points", 1);
        }
        Rule.Per per = per(node.get("per"), path + ".per", selector);
        Integer cap = null;
        if (node.has("cap")) {
            cap = wholeNumber(node.get("cap"), path + ".cap", 0);
        }
        Decay decay = decay(node.get("decay"), path + ".decay", selector);
        if (id == null || dimension == null || selector == null || points == null || decay == null) {
            return null;
        }
        return new Rule(id, dimension, selector, points, per, cap, decay);
    }

    private @Nullable String id(JsonNode node, String path) {
        String id = text(node, path, "id", true);
        if (id == null) {
            return null;
        }
        if (!ID.matcher(id).matches()) {
            problem(path + ".id", "an id is lower-case letters, digits, '.' and '-': '" + id + "'");
        }
        if (!ids.add(id)) {
            problem(path + ".id", "id '" + id + "' is used twice");
        }
        return id;
    }

    private @Nullable Selector selector(JsonNode node, String path) {
        List<String> facts = new ArrayList<>();
        JsonNode factNode = required(node, path, "fact");
        Class<?> factClass = null;
        boolean valid = factNode != null;
        if (factNode != null) {
            List<JsonNode> names = factNode.isArray() ? List.copyOf(factNode.values()) : List.of(factNode);
            for (int i = 0; i < names.size(); i++) {
                String at = factNode.isArray() ? path + ".fact[" + i + "]" : path + ".fact";
                JsonNode name = names.get(i);
                if (!name.isString()) {
                    problem(at, "a fact type is its event type's name, not " + show(name));
                    valid = false;
                    continue;
                }
                Optional<Class<? extends Record>> type = FactFields.classOf(name.stringValue());
                if (type.isEmpty()) {
                    problem(
                            at,
                            "unknown fact type '" + name.stringValue() + "' (one of " + FactFields.MEMBER + ", "
                                    + String.join(", ", Fact.typesByEvent().keySet()) + ")");
                    valid = false;
                    continue;
                }
                if (factClass != null && factClass != type.get()) {
                    problem(
                            at,
                            "the facts of one rule must have the same fields; " + name.stringValue() + " differs from "
                                    + facts.get(0));
                    valid = false;
                }
                factClass = type.get();
                facts.add(name.stringValue());
            }
            if (names.isEmpty()) {
                problem(path + ".fact", "at least one fact type");
                valid = false;
            }
        }
        boolean member = facts.contains(FactFields.MEMBER);
        if (member && facts.size() > 1) {
            problem(path + ".fact", FactFields.MEMBER + " cannot be listed with event types");
            valid = false;
        }
        Map<String, FactFields.Field> fields = factClass == null ? null : FactFields.of(factClass);
        List<Condition> where = where(node.get("where"), path + ".where", fields, facts);
        Duration window = null;
        if (node.has("window")) {
            window = duration(node.get("window"), path + ".window");
            if (window != null
                    && !member
                    && window.compareTo(Portraits.RETENTION) > 0
                    && facts.stream().anyMatch(f -> !LONG_LIVED.contains(f))) {
                problem(
                        path + ".window",
                        "window " + window + " is longer than a portrait keeps such facts (" + Portraits.RETENTION
                                + ")");
            }
        }
        List<String> cancelledBy = new ArrayList<>();
        JsonNode cancelled = node.get("cancelledBy");
        if (cancelled != null) {
            cancelledBy = factTypes(cancelled, path + ".cancelledBy");
        }
        boolean latest = false;
        if (node.has("latest")) {
            latest = bool(node.get("latest"), path + ".latest");
        }
        List<String> latestBy = new ArrayList<>();
        JsonNode latestByNode = node.get("latestBy");
        if (latestByNode != null) {
            latest = true;
            latestBy = fieldNames(latestByNode, path + ".latestBy", fields, facts);
        }
        if (member) {
            for (String key : List.of("window", "cancelledBy", "latest", "latestBy", "decay")) {
                if (node.has(key)) {
                    problem(
                            path + "." + key,
                            FactFields.MEMBER + " is derived when scoring (members with their age): no " + key);
                }
            }
        }
        return valid ? new Selector(facts, where, window, cancelledBy, latest, latestBy) : null;
    }

    private List<Condition> where(
            @Nullable JsonNode node, String path, @Nullable Map<String, FactFields.Field> fields, List<String> facts) {
        List<Condition> conditions = new ArrayList<>();
        if (node == null) {
            return conditions;
        }
        if (!node.isObject()) {
            problem(path, "a mapping of fields to comparisons, e.g. {grade: {atMost: 2}}");
            return conditions;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String fieldPath = path + "." + entry.getKey();
            FactFields.Field field = fields == null ? null : fields.get(entry.getKey());
            if (fields != null && field == null) {
                problem(fieldPath, unknownField(entry.getKey(), fields, facts));
            }
            JsonNode comparisons = entry.getValue();
            if (!comparisons.isObject() || comparisons.isEmpty()) {
                problem(fieldPath, "a mapping of comparisons (" + opNames() + "), e.g. {atLeast: 500000}");
                continue;
            }
            for (Map.Entry<String, JsonNode> comparison : comparisons.properties()) {
                String opPath = fieldPath + "." + comparison.getKey();
                Optional<Condition.Op> op = Arrays.stream(Condition.Op.values())
                        .filter(o -> o.yaml.equals(comparison.getKey()))
                        .findFirst();
                if (op.isEmpty()) {
                    problem(opPath, "unknown comparison '" + comparison.getKey() + "' (one of " + opNames() + ")");
                    continue;
                }
                if (field == null) {
                    continue;
                }
                List<Object> values = values(comparison.getValue(), opPath, field, op.get());
                if (values != null) {
                    conditions.add(new Condition(field.name(), op.get(), values));
                }
            }
        }
        return conditions;
    }

    private @Nullable List<Object> values(JsonNode node, String path, FactFields.Field field, Condition.Op op) {
        if (field.kind() == FactFields.Kind.OTHER) {
            problem(path, "field '" + field.name() + "' (" + field.type().getSimpleName() + ") cannot be compared");
            return null;
        }
        if (op.ordering() && field.kind() != FactFields.Kind.NUMBER) {
            problem(
                    path,
                    "'" + op.yaml + "' compares numbers; '" + field.name() + "' is "
                            + field.kind().name().toLowerCase(java.util.Locale.ROOT));
            return null;
        }
        if (op.takesList() != node.isArray()) {
            problem(
                    path,
                    op.takesList()
                            ? "'" + op.yaml + "' takes a list, e.g. [A, B]"
                            : "'" + op.yaml + "' takes one value, not a list");
            return null;
        }
        List<JsonNode> nodes = node.isArray() ? List.copyOf(node.values()) : List.of(node);
        List<Object> values = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < nodes.size(); i++) {
            Object value = value(nodes.get(i), node.isArray() ? path + "[" + i + "]" : path, field);
            if (value == null) {
                valid = false;
            } else {
                values.add(value);
            }
        }
        return valid ? values : null;
    }

    private @Nullable Object value(JsonNode node, String path, FactFields.Field field) {
        switch (field.kind()) {
            case NUMBER -> {
                return number(node, path);
            }
            case BOOLEAN -> {
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                problem(path, "'" + field.name() + "' is true or false, not " + show(node));
                return null;
            }
            case ENUM -> {
                Object[] symbols = field.type().getEnumConstants();
                if (node.isString()) {
                    for (Object symbol : symbols) {
                        if (((Enum<?>) symbol).name().equals(node.stringValue())) {
                            return symbol;
                        }
                    }
                }
                problem(
                        path,
                        "unknown " + field.type().getSimpleName() + " " + show(node) + " (one of "
                                + Arrays.stream(symbols).map(String::valueOf).collect(Collectors.joining(", ")) + ")");
                return null;
            }
            case TEXT -> {
                if (node.isString()) {
                    return node.stringValue();
                }
                problem(path, "'" + field.name() + "' is text, not " + show(node));
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    /** A whole number, written as one or as the name of a parameter. */
    private @Nullable Long number(JsonNode node, String path) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isString()) {
            Long value = parameters.get(node.stringValue());
            if (value == null) {
                problem(
                        path,
                        "unknown parameter '" + node.stringValue() + "'"
                                + (parameters.isEmpty()
                                        ? ""
                                        : " (one of " + String.join(", ", parameters.keySet()) + ")"));
            }
            return value;
        }
        problem(path, "a whole number (or a parameter's name), not " + show(node));
        return null;
    }

    private List<String> factTypes(JsonNode node, String path) {
        List<String> types = new ArrayList<>();
        if (!node.isArray()) {
            problem(path, "a list of event types");
            return types;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode name = node.get(i);
            String at = path + "[" + i + "]";
            if (name.isString() && Fact.typesByEvent().containsKey(name.stringValue())) {
                types.add(name.stringValue());
            } else {
                problem(
                        at,
                        "unknown fact type " + show(name) + " (one of "
                                + String.join(", ", Fact.typesByEvent().keySet()) + ")");
            }
        }
        return types;
    }

    private List<String> fieldNames(
            JsonNode node, String path, @Nullable Map<String, FactFields.Field> fields, List<String> facts) {
        List<String> names = new ArrayList<>();
        if (!node.isArray()) {
            problem(path, "a list of field names");
            return names;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode name = node.get(i);
            String at = path + "[" + i + "]";
            if (!name.isString()) {
                problem(at, "a field name, not " + show(name));
            } else if (fields != null && !fields.containsKey(name.stringValue())) {
                problem(at, unknownField(name.stringValue(), fields, facts));
            } else {
                names.add(name.stringValue());
            }
        }
        return names;
    }

    private Rule.@Nullable Per per(@Nullable JsonNode node, String path, @Nullable Selector selector) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            problem(path, "a mapping: {field: outOfPocketFen, unit: 100000, summed: true}");
            return null;
        }
        allowed(node, path, PER);
        String field = text(node, path, "field", true);
        Map<String, FactFields.Field> fields = selector == null
                ? null
                : FactFields.of(FactFields.classOf(selector.facts().get(0)).orElseThrow());
        if (field != null && fields != null) {
            FactFields.Field known = fields.get(field);
            if (known == null) {
                problem(path + ".field", unknownField(field, fields, selector.facts()));
                field = null;
            } else if (known.kind() != FactFields.Kind.NUMBER) {
                problem(path + ".field", "points per unit need a numeric field; '" + field + "' is not");
                field = null;
            }
        }
        Long unit = null;
        JsonNode unitNode = required(node, path, "unit");
        if (unitNode != null) {
            unit = number(unitNode, path + ".unit");
            if (unit != null && unit <= 0) {
                problem(path + ".unit", "a unit must be positive, not " + unit);
                unit = null;
            }
        }
        boolean summed = node.has("summed") && bool(node.get("summed"), path + ".summed");
        return field == null || unit == null ? null : new Rule.Per(field, unit, summed);
    }

    private @Nullable Decay decay(@Nullable JsonNode node, String path, @Nullable Selector selector) {
        if (node == null) {
            return Decay.NONE;
        }
        if (node.isString()) {
            switch (node.stringValue()) {
                case "none" -> {
                    return Decay.NONE;
                }
                case "linear" -> {
                    if (selector != null && selector.window() == null) {
                        problem(path, "linear decay runs to zero at the end of the window: the rule needs a window");
                        return null;
                    }
                    return new Decay.Linear();
                }
                default -> {
                    problem(path, "unknown decay '" + node.stringValue() + "' (none, linear or {halfLife: P90D})");
                    return null;
                }
            }
        }
        if (node.isObject()) {
            allowed(node, path, DECAY);
            JsonNode halfLife = required(node, path, "halfLife");
            Duration duration = halfLife == null ? null : duration(halfLife, path + ".halfLife");
            return duration == null ? null : new Decay.HalfLife(duration.toMillis());
        }
        problem(path, "none, linear or {halfLife: P90D}, not " + show(node));
        return null;
    }

    private Categories categories(@Nullable JsonNode node) {
        Set<Programme> programmes = EnumSet.noneOf(Programme.class);
        int below = 16;
        int atLeast = 60;
        WarningLevel level = WarningLevel.BLUE;
        boolean overTheLine = false;
        List<Categories.Edge> edges = new ArrayList<>();
        if (node == null) {
            return new Categories(programmes, below, atLeast, level, overTheLine, edges);
        }
        if (!node.isObject()) {
            problem("categories", "a mapping: assistanceProgrammes, dependants, earlyWarning");
            return new Categories(programmes, below, atLeast, level, overTheLine, edges);
        }
        allowed(node, "categories", CATEGORIES);
        JsonNode listed = required(node, "categories", "assistanceProgrammes");
        if (listed != null) {
            if (!listed.isArray() || listed.isEmpty()) {
                problem(
                        "categories.assistanceProgrammes",
                        "a list of programmes (" + symbols(List.of(Programme.values())) + ")");
            } else {
                for (int i = 0; i < listed.size(); i++) {
                    JsonNode name = listed.get(i);
                    Optional<Programme> programme = Arrays.stream(Programme.values())
                            .filter(p -> name.isString() && p.name().equals(name.stringValue()))
                            .findFirst();
                    if (programme.isPresent()) {
                        programmes.add(programme.get());
                    } else {
                        problem(
                                "categories.assistanceProgrammes[" + i + "]",
                                "unknown programme " + show(name) + " (one of " + symbols(List.of(Programme.values()))
                                        + ")");
                    }
                }
            }
        }
        JsonNode dependants = required(node, "categories", "dependants");
        if (dependants != null) {
            if (!dependants.isObject()) {
                problem("categories.dependants", "a mapping: {ageBelow: 16, ageAtLeast: 60}");
            } else {
                allowed(dependants, "categories.dependants", DEPENDANTS);
                Integer b = dependants.has("ageBelow")
                        ? wholeNumber(dependants.get("ageBelow"), "categories.dependants.ageBelow", 0)
                        : null;
                Integer a = dependants.has("ageAtLeast")
                        ? wholeNumber(dependants.get("ageAtLeast"), "categories.dependants.ageAtLeast", 0)
                        : null;
                below = b == null ? below : b;
                atLeast = a == null ? atLeast : a;
                if (below >= atLeast) {
                    problem(
                            "categories.dependants",
                            "ageBelow (" + below + ") must be under ageAtLeast (" + atLeast + ")");
                }
            }
        }
        JsonNode early = required(node, "categories", "earlyWarning");
        if (early != null) {
            String path = "categories.earlyWarning";
            if (!early.isObject()) {
                problem(path, "a mapping: level, appliesOverTheLine, edges");
            } else {
                allowed(early, path, EARLY_WARNING);
                String levelName = text(early, path, "level", true);
                if (levelName != null) {
                    Optional<WarningLevel> known = realLevels().stream()
                            .filter(l -> l.name().equals(levelName))
                            .findFirst();
                    if (known.isPresent()) {
                        level = known.get();
                    } else {
                        problem(
                                path + ".level",
                                "unknown warning level '" + levelName + "' (one of " + symbols(realLevels()) + ")");
                    }
                }
                if (early.has("appliesOverTheLine")) {
                    overTheLine = bool(early.get("appliesOverTheLine"), path + ".appliesOverTheLine");
                }
                JsonNode list = required(early, path, "edges");
                if (list != null) {
                    if (!list.isArray()) {
                        problem(path + ".edges", "a list of edge conditions");
                    } else {
                        for (int i = 0; i < list.size(); i++) {
                            Categories.Edge edge = edge(list.get(i), path + ".edges[" + i + "]");
                            if (edge != null) {
                                edges.add(edge);
                            }
                        }
                    }
                }
            }
        }
        return new Categories(programmes, below, atLeast, level, overTheLine, edges);
    }

    private Categories.@Nullable Edge edge(JsonNode node, String path) {
        if (!node.isObject()) {
            problem(path, "an edge condition is a mapping");
            return null;
        }
        allowed(node, path, EDGE);
        String id = id(node, path);
        Selector selector = selector(node, path);
        boolean withDependants =
                node.has("withDependants") && bool(node.get("withDependants"), path + ".withDependants");
        return id == null || selector == null ? null : new Categories.Edge(id, selector, withDependants);
    }

    private Duration rescreening(@Nullable JsonNode node) {
        if (node == null) {
            return DEFAULT_RESCREEN;
        }
        if (!node.isObject()) {
            problem("rescreening", "a mapping: {interval: P90D}");
            return DEFAULT_RESCREEN;
        }
        allowed(node, "rescreening", RESCREENING);
        JsonNode interval = required(node, "rescreening", "interval");
        Duration duration = interval == null ? null : duration(interval, "rescreening.interval");
        return duration == null ? DEFAULT_RESCREEN : duration;
    }

    // --- small readers, each reporting its own problems

    private void allowed(JsonNode node, String path, Set<String> keys) {
        for (String name : node.propertyNames()) {
            if (!keys.contains(name)) {
                problem(
                        join(path, name),
                        "unknown field (allowed: " + keys.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    private @Nullable JsonNode required(JsonNode node, String path, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            problem(join(path, key), "missing");
            return null;
        }
        return value;
    }

    private @Nullable String text(JsonNode node, String path, String key, boolean required) {
        JsonNode value = required ? required(node, path, key) : node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isString() || value.stringValue().isBlank()) {
            problem(join(path, key), "text expected, not " + show(value));
            return null;
        }
        return value.stringValue();
    }

    private @Nullable Integer wholeNumber(JsonNode node, String path, int minimum) {
        Long value = number(node, path);
        if (value == null) {
            return null;
        }
        if (value < minimum || value > Integer.MAX_VALUE) {
            problem(
                    path,
                    minimum == 0 ? "must not be negative: " + value : "must be at least " + minimum + ": " + value);
            return null;
        }
        return value.intValue();
    }

    private boolean bool(JsonNode node, String path) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        problem(path, "true or false, not " + show(node));
        return false;
    }

    private @Nullable Duration duration(JsonNode node, String path) {
        if (!node.isString()) {
            problem(path, "an ISO-8601 duration in days, e.g. P180D, not " + show(node));
            return null;
        }
        try {
            Duration duration = Duration.parse(node.stringValue());
            if (duration.isNegative() || duration.isZero()) {
                problem(path, "a duration must be positive: " + node.stringValue());
                return null;
            }
            return duration;
        } catch (DateTimeParseException e) {
            problem(
                    path,
                    "not an ISO-8601 duration (days, e.g. P180D; months and years are not fixed lengths): "
                            + node.stringValue());
            return null;
        }
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    private static String unknownField(String name, Map<String, FactFields.Field> fields, List<String> facts) {
        return "unknown field '" + name + "' of " + String.join("/", facts) + " (fields: "
                + String.join(", ", fields.keySet()) + ")";
    }

    private static Optional<Dimension> dimension(String name) {
        return ScoringModel.DIMENSIONS.stream()
                .filter(d -> d.name().equals(name))
                .findFirst();
    }

    private static List<WarningLevel> realLevels() {
        return Arrays.stream(WarningLevel.values())
                .filter(l -> l != WarningLevel.UNKNOWN)
                .toList();
    }

    private static String symbols(List<? extends Enum<?>> symbols) {
        return symbols.stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String opNames() {
        return Arrays.stream(Condition.Op.values()).map(op -> op.yaml).collect(Collectors.joining(", "));
    }

    private static String show(JsonNode node) {
        String text = node.isString() ? "'" + node.stringValue() + "'" : node.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
