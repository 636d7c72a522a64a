package org.zhengce.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zhengce.schemas.rules.CelPrograms.RuleEvaluationException;

/**
 * The CEL a contract may use: what Confluent's executors compile (the standard functions, the string and math
 * extensions), found missing by the interop suite's rule parity with the JavaScript serde.
 */
class CelProgramsTest {

    final CelPrograms programs = new CelPrograms();

    @Test
    void fieldTransformsHaveTheStringExtensionsConfluentsExecutorsGive() throws RuleEvaluationException {
        assertThat(field("typeName == 'STRING' ; value.trim().upperAscii()", " dibao "))
                .isEqualTo("DIBAO");
        assertThat(field("value.substring(0, 6) + '******'", "330106001001")).isEqualTo("330106******");
        assertThat(field("value.replace('-', '')", "HH-330106-0001")).isEqualTo("HH3301060001");
        assertThat(field("value.split('-').size() == 3", "HH-330106-0001")).isEqualTo(true);
        assertThat(field("value.lowerAscii().indexOf('hh')", "HH-330106")).isEqualTo(0L);
    }

    @Test
    void messageConditionsHaveTheMathExtensions() throws RuleEvaluationException {
        Object outcome = programs.run(
                        "math.greatest(message.amountFen, 0) == message.amountFen",
                        false,
                        false,
                        Map.of("message", Map.of("amountFen", 125_000L)))
                .value();

        assertThat(outcome).isEqualTo(true);
    }

    @Test
    void anUnknownFunctionStillDoesNotCompile() {
        assertThatThrownBy(() -> field("value.shout()", "dibao"))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessageContaining("does not compile");
    }

    private Object field(String expr, String value) throws RuleEvaluationException {
        Map<String, Object> bindings = Map.of(
                "value",
                value,
                "name",
                "programme",
                "fullName",
                "org.zhengce.interop.rules.AllowancePayment.programme",
                "typeName",
                "STRING",
                "tags",
                List.of("CODE"),
                "message",
                Map.of("programme", value));
        return programs.run(expr, true, false, bindings).value();
    }
}
