package org.zhengce.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class IdentityNumberMaskingTests {

    record Note(String text, List<String> reasons, int count) {}

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final JsonMapper json = JsonMapper.builder()
            .addModule(new IdentityNumberMasking(meters, "referral-service"))
            .build();

    @Test
    void everyStringOfABodyIsReadWithItsIdentityNumbersMaskedAndEachMaskedValueCounted() {
        Note note = json.readValue("""
                {"text": "身份证１１０１０５１９４９１２３１００２Ｘ", "reasons": ["11010519491231002\\u0058", "rent"], "count": 3}
                """, Note.class);

        assertThat(note).isEqualTo(new Note("身份证110105***********X", List.of("110105***********X", "rent"), 3));
        assertThat(meters.get("platform.identity.numbers.masked")
                        .tag("service", "referral-service")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void textWithoutIdentityNumbersIsReadAsItIs() {
        Note note = json.readValue("{\"text\": \"户号 110105001001-0104\", \"reasons\": [], \"count\": 0}", Note.class);

        assertThat(note.text()).isEqualTo("户号 110105001001-0104");
        assertThat(meters.get("platform.identity.numbers.masked").counter().count())
                .isZero();
    }
}
