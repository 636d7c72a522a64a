package org.zhengce.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.zhengce.schemas.registry.DataContract;
import org.zhengce.schemas.registry.Rule;

/**
 * Two field transforms with the same tags: the first to run wins and the other is skipped, as Confluent's {@code
 * FieldRuleExecutor} decides (on writing the earlier rule of the list, on reading the later one, the list being run
 * in reverse). Transforms of other tags, or without tags, all run.
 */
class FieldTransformsOfTheSameTagsTest {

    static final Schema PAYMENT = new Schema.Parser().parse("""
            {"type": "record", "name": "AllowancePayment", "namespace": "org.zhengce.rules.test", "fields": [
              {"name": "paymentId", "type": "string", "confluent:tags": ["ID"]},
              {"name": "programme", "type": "string", "confluent:tags": ["CODE"]}
            ]}""");

    final DomainRules rules = new DomainRules(Map.of());

    @Test
    void onWritingTheEarlierTransformOfTheSameTagsWins() {
        DataContract contract = DataContract.ofDomainRules(
                transform("trimmed", "WRITE", "ID", "value.trim()"),
                transform("upperCased", "WRITE", "ID", "value.upperAscii()"),
                transform("codesUpperCased", "WRITE", "CODE", "value.upperAscii()"));

        GenericRecord written =
                (GenericRecord) rules.onWrite("payments", "payments-value", PAYMENT, contract, payment(), null);

        assertThat(written.get("paymentId")).hasToString("pay-2024-0009");
        assertThat(written.get("programme")).as("another tag's transform runs").hasToString("DIBAO");
    }

    @Test
    void onReadingTheLaterTransformOfTheSameTagsWinsForItRunsFirst() {
        DataContract contract = DataContract.ofDomainRules(
                transform("trimmed", "READ", "ID", "value.trim()"),
                transform("upperCased", "READ", "ID", "value.upperAscii()"));

        GenericRecord read = (GenericRecord)
                rules.onRead("payments", "payments-value", PAYMENT, contract, payment(), new byte[0], null);

        assertThat(read.get("paymentId")).hasToString(" PAY-2024-0009 ");
    }

    @Test
    void transformsOfAnotherModeDoNotGiveWay() {
        DataContract contract = DataContract.ofDomainRules(
                transform("trimmedOnRead", "READ", "ID", "value.trim()"),
                transform("upperCased", "WRITE", "ID", "value.upperAscii()"));

        GenericRecord written =
                (GenericRecord) rules.onWrite("payments", "payments-value", PAYMENT, contract, payment(), null);

        assertThat(written.get("paymentId")).hasToString(" PAY-2024-0009 ");
    }

    private static Rule transform(String name, String mode, String tag, String expr) {
        return Rule.of(name, "TRANSFORM", mode, "CEL_FIELD", "typeName == 'STRING' ; " + expr, null, null)
                .withTags(Set.of(tag));
    }

    private static GenericRecord payment() {
        GenericData.Record payment = new GenericData.Record(PAYMENT);
        payment.put("paymentId", " pay-2024-0009 ");
        payment.put("programme", "dibao");
        return payment;
    }
}
