package org.zhengce.schemas.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.intake.DepartmentEvent;

/**
 * Resident identity numbers never travel past intake: no published schema has a field that could
 * hold one. Persons are named only by {@link PersonPseudonym}.
 */
class IdentityNumbersTest {

    private static final Pattern IDENTITY_NAME = Pattern.compile(
            "(?i).*(identity|idnumber|id_number|idno|idcard|id_card|citizenid|residentid|shenfenzheng|sfz).*");
    private static final List<String> IDENTITY_DOC_WORDS =
            List.of("身份证", "身份号码", "identity number", "id number", "18-digit", "18位");

    @Test
    void noPublishedSchemaHasAFieldForAnIdentityNumber() {
        List<Schema> published = PublishedSchemas.platformTopicValues();
        assertThat(published).extracting(Schema::getName).contains("HouseholdEvent", "CaseEvent", "AlertEvent");
        for (Schema schema : published) {
            assertThat(identityFields(schema)).as(schema.getFullName()).isEmpty();
        }
    }

    @Test
    void publishedSchemasUseNoIntakeType() {
        for (Schema schema : PublishedSchemas.platformTopicValues()) {
            assertThat(AvroTree.namedTypes(schema).keySet())
                    .as(schema.getFullName())
                    .noneMatch(name -> name.startsWith("org.zhengce.intake."));
        }
    }

    @Test
    void personsOnHouseholdEventsAreNamedByPseudonym() {
        Schema subject = HouseholdEvent.getClassSchema().getField("subject").schema();
        assertThat(subject.getTypes()).contains(PersonPseudonym.getClassSchema());
    }

    @Test
    void checkFindsTheIdentityNumberOfTheIntakeSchema() {
        assertThat(identityFields(DepartmentEvent.getClassSchema()))
                .contains("org.zhengce.intake.ResidentIdentity.identityNumber", "org.zhengce.intake.Member.identity");
    }

    /** The fields whose name or doc suggests they hold a resident identity number. */
    static List<String> identityFields(Schema root) {
        List<String> found = new ArrayList<>();
        for (AvroTree.Field field : AvroTree.fields(root)) {
            String doc = field.field().doc() == null ? "" : field.field().doc().toLowerCase(Locale.ROOT);
            if (IDENTITY_NAME.matcher(field.field().name()).matches()
                    || IDENTITY_DOC_WORDS.stream().anyMatch(doc::contains)) {
                found.add(field.path());
            }
        }
        return found;
    }
}
