package org.zhengce.referral.topics;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.events.Department;
import org.zhengce.kit.kafka.TopicBinding;
import org.zhengce.kit.kafka.TopicBindings;

/**
 * The decisions shared back, one topic per department ({@code decisions.<department code>}, the catalogue's
 * {@code decisions.{departmentCode}}): a department reads only its own, which carries only the decisions meant for
 * it (ADR 0014). Built from the catalogue, so a department the catalogue lists has its topic and no other has one.
 */
public final class DecisionTopics {

    /** The catalogue's address of the per-department topics. */
    static final String ADDRESS = "decisions.{departmentCode}";

    private final Map<Department, TopicBinding<String, AssistanceDecisionShared>> byDepartment;

    private DecisionTopics(Map<Department, TopicBinding<String, AssistanceDecisionShared>> byDepartment) {
        this.byDepartment = Map.copyOf(byDepartment);
    }

    static DecisionTopics of(TopicBindings bindings) {
        Map<Department, TopicBinding<String, AssistanceDecisionShared>> topics = new EnumMap<>(Department.class);
        bindings.catalogue().topics().stream()
                .filter(topic -> topic.address().equals(ADDRESS))
                .forEach(topic -> topics.put(
                        department(topic.addressParameters().get("departmentCode")),
                        bindings.avro(topic.name(), AssistanceDecisionShared.class)));
        if (topics.isEmpty()) {
            throw new IllegalStateException("the topic catalogue has no " + ADDRESS + " topics");
        }
        return new DecisionTopics(topics);
    }

    /** The topic of {@code department}'s decisions; empty for a department the catalogue gives none (OTHER). */
    public Optional<TopicBinding<String, AssistanceDecisionShared>> of(Department department) {
        return Optional.ofNullable(byDepartment.get(department));
    }

    /** Every department's topic. */
    public List<TopicBinding<String, AssistanceDecisionShared>> all() {
        return List.copyOf(byDepartment.values());
    }

    /** {@code civil-affairs} is {@link Department#CIVIL_AFFAIRS}, as the department's own topic names it. */
    private static Department department(String code) {
        return Department.valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
