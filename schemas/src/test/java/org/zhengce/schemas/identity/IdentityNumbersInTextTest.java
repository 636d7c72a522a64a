package org.zhengce.schemas.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The identity numbers a hostile or careless sender hides in text are found and masked; other numbers are left. */
class IdentityNumbersInTextTest {

    /** A valid number (GB 11643 check character X). */
    private static final String NUMBER = "11010519491231002X";

    private static final String MASKED = "110105***********X";

    @Test
    void plainNumberInTextIsMasked() {
        assertThat(IdentityNumbers.maskAllIn("陪护人身份证 " + NUMBER + "。")).isEqualTo("陪护人身份证 " + MASKED + "。");
    }

    @Test
    void lowerCaseCheckCharacterIsFound() {
        assertThat(IdentityNumbers.maskAllIn("11010519491231002x")).isEqualTo(MASKED);
    }

    @Test
    void eighteenCharactersWithAWrongCheckCharacterAreStillMasked() {
        assertThat(IdentityNumbers.maskAllIn("id 110105194912310021 end")).isEqualTo("id 110105***********1 end");
    }

    @Test
    void fullWidthDigitsAreFound() {
        assertThat(IdentityNumbers.maskAllIn("身份证１１０１０５１９４９１２３１００２Ｘ")).isEqualTo("身份证" + MASKED);
    }

    @Test
    void spacesAndDashesInsideTheNumberAreFound() {
        assertThat(IdentityNumbers.maskAllIn("110105 19491231 002X")).isEqualTo(MASKED);
        assertThat(IdentityNumbers.maskAllIn("1101-0519-4912-3100-2X")).isEqualTo(MASKED);
        assertThat(IdentityNumbers.maskAllIn("110105\u300019491231\u3000002X")).isEqualTo(MASKED);
    }

    @Test
    void jsonEscapesOfDigitsAreReadAsTheDigits() {
        String escaped = "{\"note\":\"11010519491231002\\u0058\",\"other\":\"1101051949123100\\u0032\\u0058\"}";
        assertThat(IdentityNumbers.maskAllIn(escaped))
                .isEqualTo("{\"note\":\"" + MASKED + "\",\"other\":\"" + MASKED + "\"}");
    }

    @Test
    void numberGluedToAPhoneNumberIsFound() {
        assertThat(IdentityNumbers.maskAllIn("13800138000" + NUMBER)).isEqualTo("13800138000" + MASKED);
        assertThat(IdentityNumbers.maskAllIn(NUMBER + "13800138000")).isEqualTo(MASKED + "13800138000");
    }

    @Test
    void firstGenerationFifteenDigitNumberIsFound() {
        // region 110105, born 1949-12-31, sequence 002
        assertThat(IdentityNumbers.maskAllIn("老证 110105491231002 号")).isEqualTo("老证 110105********2 号");
    }

    @Test
    void ordinaryNumbersAreLeftAlone() {
        String text = "电话 13800138000，金额 700000 分，社区 110105001001，日期 2026-12-07，订单 12345678901234";
        assertThat(IdentityNumbers.maskAllIn(text)).isEqualTo(text);
        assertThat(IdentityNumbers.foundIn(text)).isFalse();
    }

    @Test
    void householdNumbersAndCaseNumbersAreNotTakenForIdentityNumbers() {
        String text = "户号 110105001001-0104，户号 110105001001-010400，社区 110105001001 第 0104 户";
        assertThat(IdentityNumbers.maskAllIn(text)).isEqualTo(text);
    }

    @Test
    void twoNumbersSeparatedByOneSpaceAreBothMasked() {
        assertThat(IdentityNumbers.maskAllIn(NUMBER + "、" + NUMBER)).isEqualTo(MASKED + "、" + MASKED);
    }

    @Test
    void foundNumbersTellWhereTheyStand() {
        var found = IdentityNumbers.find("ab １１０１０５１９４９１２３１００２Ｘ cd");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).start()).isEqualTo(3);
        assertThat(found.get(0).end()).isEqualTo(21);
        assertThat(found.get(0).digits()).isEqualTo(NUMBER);
    }

    @Test
    void separatorsAReaderDoesNotSeeOrSeveralInARowAreFound() {
        // found by the hostile-input corpus of intake (issue 15): each of these passed the masker
        assertThat(IdentityNumbers.maskAllIn("110105\u200b19491231\u200b002X")).isEqualTo(MASKED);
        assertThat(IdentityNumbers.maskAllIn("110105\u00ad19491231\u00ad002X")).isEqualTo(MASKED);
        assertThat(IdentityNumbers.maskAllIn("110105\t19491231\t002X")).isEqualTo(MASKED);
        assertThat(IdentityNumbers.maskAllIn("110105\u000019491231002X")).isEqualTo(MASKED);
        assertThat(IdentityNumbers.maskAllIn("110105 - 19491231 - 002X")).isEqualTo(MASKED);
        assertThat(IdentityNumbers.maskAllIn("110105/19491231/002X")).isEqualTo(MASKED);
    }

    @Test
    void separatorsWrittenAsJsonEscapesAreFound() {
        assertThat(IdentityNumbers.maskAllIn("\"110105\\u200b19491231\\u0000002X\""))
                .isEqualTo("\"" + MASKED + "\"");
        assertThat(IdentityNumbers.maskAllIn("\"110105\\t19491231\\n002X\"")).isEqualTo("\"" + MASKED + "\"");
    }

    @Test
    void mathematicalDigitsOutsideTheBasicPlaneAreFound() {
        StringBuilder bold = new StringBuilder();
        NUMBER.chars().forEach(c -> bold.appendCodePoint(c == 'X' ? 'X' : 0x1D7CE + (c - '0')));
        assertThat(IdentityNumbers.maskAllIn("证 " + bold + " 号")).isEqualTo("证 " + MASKED + " 号");
    }

    @Test
    void numbersApartByMoreThanThreeSeparatorsAreNotJoined() {
        String text = "电话 13800138000    金额 700000";
        assertThat(IdentityNumbers.maskAllIn(text)).isEqualTo(text);
    }
}
