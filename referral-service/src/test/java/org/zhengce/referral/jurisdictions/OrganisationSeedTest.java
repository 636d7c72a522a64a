package org.zhengce.referral.jurisdictions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.zhengce.referral.resources.OrganisationKind;
import org.zhengce.referral.resources.ServiceMenu;

/** The demo seed's organisations: kinds and services checked against the service menu; no Spring. */
class OrganisationSeedTest {

    private static final ServiceMenu MENU = ServiceMenu.load(new ClassPathResource("demo-city/service-menu.yaml"));

    @Test
    void demoSeedHasEveryKindAndOnlyMenuServices() {
        ClassPathResource resource = new ClassPathResource("demo-city/jurisdictions.yaml");
        SeedFile seed = SeedLoader.read(resource);
        assertThatCode(() -> SeedLoader.checkServices(resource, seed, MENU)).doesNotThrowAnyException();
        assertThat(seed.organisations())
                .extracting(organisation -> organisation.organisation().kind())
                .contains(
                        OrganisationKind.SOCIAL_ORGANISATION,
                        OrganisationKind.CARING_COMPANY,
                        OrganisationKind.VOLUNTEER_TEAM);
    }

    @Test
    void organisationWithoutKindIsASocialOrganisation() {
        SeedFile seed = SeedLoader.read(
                yaml(
                        "organisations:\n"
                                + "  - { id: org-a, name: A, services: [medical.escort], capacity: 1, communities: [\"110105001001\"] }\n"));
        assertThat(seed.organisations().get(0).organisation().kind()).isEqualTo(OrganisationKind.SOCIAL_ORGANISATION);
    }

    @Test
    void seedOfferingAServiceOffTheMenuFailsNamingIt() {
        ByteArrayResource resource = yaml("organisations:\n"
                + "  - { id: org-a, name: A, services: [medical.escort, cooking.classes], capacity: 1,"
                + " communities: [\"110105001001\"] }\n");
        SeedFile seed = SeedLoader.read(resource);
        assertThatThrownBy(() -> SeedLoader.checkServices(resource, seed, MENU))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("org-a")
                .hasMessageContaining("'cooking.classes'");
    }

    private static ByteArrayResource yaml(String organisations) {
        String text = "version: \"t\"\ncity: { code: \"1101\", name: 北京市 }\n" + organisations;
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), "test seed");
    }
}
