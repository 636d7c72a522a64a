package org.zhengce.intake.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhengce.intake.identity.IdentityNumbers.CLOCK;
import static org.zhengce.intake.identity.IdentityNumbers.HEAD;
import static org.zhengce.intake.identity.IdentityNumbers.STANDARD_EXAMPLE;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.zhengce.events.Sex;

class ResidentIdentityNumberTest {

    @Test
    void standardsOwnExampleIsValid() {
        ResidentIdentityNumber number = ResidentIdentityNumber.parse(STANDARD_EXAMPLE, CLOCK);

        assertThat(number.regionCode()).isEqualTo("110105");
        assertThat(number.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(number.sex()).isEqualTo(Sex.FEMALE);
    }

    @Test
    void checkCharacterFollowsIso7064Mod112() {
        assertThat(ResidentIdentityNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdentityNumber.checkCharacter("11010519800101123")).isEqualTo('8');
    }

    @Test
    void lowerCaseXAndSurroundingSpacesAreNormalised() {
        ResidentIdentityNumber lower = ResidentIdentityNumber.parse(" 11010519491231002x\t", CLOCK);

        assertThat(lower).isEqualTo(ResidentIdentityNumber.parse(STANDARD_EXAMPLE, CLOCK));
        assertThat(lower.clearValueForPseudonymiser()).isEqualTo(STANDARD_EXAMPLE);
    }

    @Test
    void wrongCheckDigitIsRejectedWithMaskedValue() {
        String wrong = IdentityNumbers.withWrongCheckDigit(HEAD);

        assertThatThrownBy(() -> ResidentIdentityNumber.parse(wrong, CLOCK))
                .isInstanceOfSatisfying(InvalidIdentityNumberException.class, invalid -> {
                    assertThat(invalid.rule()).isEqualTo(IdentityNumberRule.CHECK_DIGIT);
                    assertThat(invalid.maskedValue()).isEqualTo("110105***********" + wrong.charAt(17));
                    assertThat(invalid.getMessage())
                            .contains("identity-number.check-digit")
                            .doesNotContain(wrong)
                            .doesNotContain("19800101");
                });
    }

    @Test
    void eachRuleIsNamed() {
        assertRejected("11010519800101123", IdentityNumberRule.LENGTH);
        assertRejected("1101051980010112388", IdentityNumberRule.LENGTH);
        assertRejected("11010519800101A238", IdentityNumberRule.CHARACTERS);
        assertRejected("11010519800101123Y", IdentityNumberRule.CHARACTERS);
        assertRejected("１１0105198001011238", IdentityNumberRule.CHARACTERS);
        assertRejected(IdentityNumbers.valid("110105", "19800230", "123"), IdentityNumberRule.BIRTH_DATE);
        assertRejected(IdentityNumbers.valid("110105", "19801301", "123"), IdentityNumberRule.BIRTH_DATE);
        assertRejected(IdentityNumbers.valid("110105", "17991231", "123"), IdentityNumberRule.BIRTH_DATE);
    }

    @Test
    void birthDateAfterTodayInChinaIsRejectedAndTodayIsAccepted() {
        assertRejected(IdentityNumbers.valid("110105", "20261124", "123"), IdentityNumberRule.BIRTH_DATE);

        assertThat(ResidentIdentityNumber.parse(IdentityNumbers.valid("110105", "20261123", "123"), CLOCK)
                        .birthDate())
                .isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void leapDayIsAValidBirthDate() {
        assertThat(ResidentIdentityNumber.parse(IdentityNumbers.valid("110105", "20120229", "146"), CLOCK)
                        .birthDate())
                .isEqualTo(LocalDate.of(2012, 2, 29));
    }

    @Test
    void printingShowsOnlyRegionAndCheckCharacter() {
        ResidentIdentityNumber number = ResidentIdentityNumber.parse(HEAD, CLOCK);

        assertThat(number.toString()).isEqualTo("110105***********8").isEqualTo(number.masked());
        assertThat(String.valueOf(number)).doesNotContain("19800101");
    }

    @Test
    void sexIsReadFromTheSequenceDigit() {
        assertThat(ResidentIdentityNumber.parse(HEAD, CLOCK).sex()).isEqualTo(Sex.MALE);
        assertThat(ResidentIdentityNumber.parse(IdentityNumbers.SPOUSE, CLOCK).sex())
                .isEqualTo(Sex.FEMALE);
    }

    @Test
    void maskHidesShortValuesEntirelyAndLongOnesWithTheirLength() {
        assertThat(ResidentIdentityNumber.mask("12345")).isEqualTo("*****");
        assertThat(ResidentIdentityNumber.mask("1101051980010112")).isEqualTo("110105*********2");
        assertThat(ResidentIdentityNumber.mask("1101051980010112381101051980010112381"))
                .isEqualTo("110105***1 (37 characters)");
    }

    @Test
    void identityNumbersInFreeTextAreMasked() {
        String note =
                "head " + HEAD + ", child " + IdentityNumbers.CHILD + ", phone 13800138000, bank 62220212345678901234";

        assertThat(ResidentIdentityNumber.maskAllIn(note))
                .isEqualTo(
                        "head 110105***********8, child 110105***********9, phone 13800138000, bank 62220212345678901234");
    }

    private static void assertRejected(String candidate, IdentityNumberRule rule) {
        assertThatThrownBy(() -> ResidentIdentityNumber.parse(candidate, CLOCK))
                .isInstanceOfSatisfying(
                        InvalidIdentityNumberException.class,
                        invalid -> assertThat(invalid.rule()).as(candidate).isEqualTo(rule));
    }
}
