package org.zhengce.intake.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.zhengce.events.HospitalDischarged;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.MemberJoined;

class EventTypesTest {

    @Test
    void namesAreTheFactRecordsBySimpleNameInUnionOrder() {
        assertThat(EventTypes.names())
                .hasSize(DepartmentEvent.getClassSchema()
                        .getField("fact")
                        .schema()
                        .getTypes()
                        .size())
                .hasSize(30)
                .startsWith("HouseholdRegistered", "HouseholdChanged", "MemberJoined", "MemberLeft")
                .endsWith("VisitRecorded", "TipReported")
                .contains("HospitalDischarged");
    }

    @Test
    void schemaOfNamesTheIntakeTwinsForHouseholdFacts() {
        assertThat(EventTypes.schemaOf("HouseholdRegistered").orElseThrow().getFullName())
                .isEqualTo("org.zhengce.intake.HouseholdRegistered");
        assertThat(EventTypes.schemaOf("HospitalDischarged").orElseThrow().getFullName())
                .isEqualTo("org.zhengce.events.HospitalDischarged");
    }

    @Test
    void unknownOrMisspeltNameHasNoSchema() {
        assertThat(EventTypes.schemaOf("hospitalDischarged")).isEmpty();
        assertThat(EventTypes.schemaOf("org.zhengce.events.HospitalDischarged")).isEmpty();
    }

    @Test
    void nameOfAFactIsItsRecordName() {
        assertThat(EventTypes.nameOf(new HospitalDischarged(null, 3))).isEqualTo("HospitalDischarged");
        assertThat(EventTypes.nameOf(new MemberJoined())).isEqualTo("MemberJoined");
    }

    @Test
    void nameOfSomethingElseIsRefused() {
        // the published twin is not a fact a department sends
        assertThatThrownBy(() -> EventTypes.nameOf(new org.zhengce.events.MemberJoined()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("org.zhengce.events.MemberJoined");
        assertThatThrownBy(() -> EventTypes.nameOf("HospitalDischarged"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
    }
}
