package org.zhengce.referral.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

/** The demo service menu and the checks every menu file passes; no Spring. */
class ServiceMenuTest {

    private static final ServiceMenu MENU = ServiceMenu.load(new ClassPathResource("demo-city/service-menu.yaml"));

    @Test
    void demoMenuHasEightCategoriesAndThirtyOneItems() {
        assertThat(MENU.version()).isNotBlank();
        assertThat(MENU.categories()).hasSize(8);
        assertThat(MENU.itemCodes()).hasSize(31).doesNotHaveDuplicates();
        assertThat(MENU.categories())
                .allSatisfy(category -> assertThat(category.items())
                        .allSatisfy(item -> assertThat(item.code()).startsWith(category.code() + ".")));
    }

    @Test
    void servicesTheDemoOrganisationsOfferAreItems() {
        assertThat(MENU.itemCodes())
                .contains(
                        "care.elderly-visit",
                        "psychological.counselling",
                        "medical.escort",
                        "daily.meal-delivery",
                        "education.tutoring");
        assertThat(MENU.item("medical.escort")).hasValueSatisfying(item -> {
            assertThat(item.nameZh()).isEqualTo("就医陪诊");
            assertThat(item.nameEn()).isNotBlank();
            assertThat(item.categoryCode()).isEqualTo("medical");
        });
        assertThat(MENU.has("medical")).as("a category is not an item").isFalse();
        assertThat(MENU.item("medical.teleportation")).isEmpty();
    }

    @Test
    void itemOutsideItsCategoryFailsNamingIt() {
        assertThatThrownBy(() -> ServiceMenu.load(yaml("""
                        version: "1"
                        categories:
                          - code: care
                            nameZh: 生活照料
                            nameEn: Care
                            items:
                              - { code: medical.escort, nameZh: 就医陪诊, nameEn: Escort }
                        """)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("referral.service-menu.location")
                .hasMessageContaining("medical.escort");
    }

    @Test
    void duplicateItemOrMissingNameFails() {
        assertThatThrownBy(() -> ServiceMenu.load(yaml("""
                        version: "1"
                        categories:
                          - code: care
                            nameZh: 生活照料
                            nameEn: Care
                            items:
                              - { code: care.visit, nameZh: 探访, nameEn: Visit }
                              - { code: care.visit, nameZh: 探访, nameEn: Visit again }
                        """))).hasMessageContaining("care.visit appears twice");
        assertThatThrownBy(() -> ServiceMenu.load(yaml("""
                        version: "1"
                        categories:
                          - code: care
                            nameZh: 生活照料
                            items:
                              - { code: care.visit, nameZh: 探访, nameEn: Visit }
                        """)))
                .hasMessageContaining("category care needs nameZh and nameEn");
    }

    private static ByteArrayResource yaml(String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), "test menu");
    }
}
