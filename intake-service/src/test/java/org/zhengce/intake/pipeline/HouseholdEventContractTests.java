package org.zhengce.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.schemas.registry.DataContract;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.registry.RegisteredSchema;
import org.zhengce.schemas.registry.Rule;

/**
 * Intake registers household.events' schema at start-up with the data contract the data standard publishes for
 * HouseholdEvent (ADR 0029): the registry's latest version carries its rules, for every writer and reader to run.
 */
class HouseholdEventContractTests extends IntakeStackTest {

    @Test
    void householdEventsLatestVersionCarriesTheStandardsRules() {
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(List.of(URI.create(registryUrl())), null);

        RegisteredSchema latest = registry.latest(HOUSEHOLD_EVENTS + "-value");

        assertThat(registry.contractById(latest.id()).domainRules())
                .extracting(Rule::name)
                .containsExactlyElementsOf(
                        DataContract.published(latest.schema().getFullName()).domainRules().stream()
                                .map(Rule::name)
                                .toList())
                .contains("amountsNotNegative", "occurredNotAfterReported");
    }
}
