package org.zhengce.schemas.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.catalogue.TopicEnvironment;

/** The AsyncAPI document shows the contract each published schema is registered with, and none where there is none. */
class DataContractsInAsyncApiTest {

    private final Map<String, Object> messages = child(
            child(AsyncApiDocument.describe(TopicCatalogue.load(TopicEnvironment.production())), "components"),
            "messages");

    @Test
    @SuppressWarnings("unchecked")
    void householdAndDepartmentEventsCarryTheirRules() {
        for (String message : List.of("HouseholdEvent", "DepartmentEvent")) {
            Map<String, Object> contract = child(child(messages, message), AsyncApiDocument.DATA_CONTRACT);
            List<Object> rules = (List<Object>) child(contract, "ruleSet").get("domainRules");
            assertThat(rules)
                    .extracting(rule -> (Object) ((Map<?, ?>) rule).get("name"))
                    .contains("amountsNotNegative", "occurredNotAfterReported");
        }
    }

    @Test
    void messagesWithoutAContractCarryNone() {
        assertThat(child(messages, "HouseholdScoreChanged")).doesNotContainKey(AsyncApiDocument.DATA_CONTRACT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }
}
