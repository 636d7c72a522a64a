package org.zhengce.referral.visits;

import java.util.List;
import org.springframework.stereotype.Component;
import org.zhengce.referral.policies.HouseholdFacts;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the JSON columns of {@code case_visits} back into needs and facts. */
@Component
class VisitFormat {

    private static final TypeReference<List<Need>> NEEDS = new TypeReference<>() {};

    private final JsonMapper json;

    VisitFormat(JsonMapper json) {
        this.json = json;
    }

    VisitView view(VisitStore.StoredVisit visit) {
        HouseholdFacts facts = "{}".equals(visit.facts().replace(" ", ""))
                ? null
                : json.readValue(visit.facts(), HouseholdFacts.class);
        return new VisitView(
                visit.id(),
                visit.visitedAt(),
                visit.recordedAt(),
                visit.advisorId(),
                visit.findings(),
                json.readValue(visit.needs(), NEEDS),
                facts);
    }
}
