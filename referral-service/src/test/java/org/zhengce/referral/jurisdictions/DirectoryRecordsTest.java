package org.zhengce.referral.jurisdictions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zhengce.events.JurisdictionPublished;

/** What the {@code jurisdictions} topic is sent: the directory's difference from what the topic holds. */
class DirectoryRecordsTest {

    private static final List<Jurisdiction> CITY = List.of(
            new Jurisdiction("110105", "朝阳区", JurisdictionLevel.DISTRICT, "1101"),
            new Jurisdiction("110105001", "建外街道", JurisdictionLevel.STREET, "110105"),
            new Jurisdiction("110105001001", "永安里社区", JurisdictionLevel.COMMUNITY, "110105001"));

    @Test
    void aStreetCarriesItsSupervisorsSmallestIdFirst() {
        Map<String, JurisdictionPublished> records = DirectoryRecords.of(
                CITY,
                List.of(
                        new Supervisor("supervisor-zhao", "赵", "110105001"),
                        new Supervisor("supervisor-chen", "陈", "110105001"),
                        new Supervisor("supervisor-chaoyang", "赵敏", "110105")));

        assertThat(records.get("110105001").getSupervisorIds()).containsExactly("supervisor-chen", "supervisor-zhao");
        assertThat(records.get("110105").getSupervisorIds()).containsExactly("supervisor-chaoyang");
        assertThat(records.get("110105001001").getSupervisorIds()).isEmpty();
        assertThat(records.get("110105001001").getParentCode()).isEqualTo("110105001");
        assertThat(records.get("110105001001").getLevel()).isEqualTo(org.zhengce.events.JurisdictionLevel.COMMUNITY);
    }

    @Test
    void aTopicHoldingTheDirectoryIsSentNothing() {
        Map<String, JurisdictionPublished> records = DirectoryRecords.of(CITY, List.of());

        assertThat(DirectoryRecords.changes(records, Map.copyOf(records))).isEmpty();
    }

    @Test
    void aNewSupervisorChangesOnlyTheirJurisdiction() {
        Map<String, JurisdictionPublished> before = DirectoryRecords.of(CITY, List.of());
        Map<String, JurisdictionPublished> after =
                DirectoryRecords.of(CITY, List.of(new Supervisor("supervisor-jianwai", "陈静", "110105001")));

        assertThat(DirectoryRecords.changes(after, before)).containsOnlyKeys("110105001");
        assertThat(DirectoryRecords.changes(after, before).get("110105001").getSupervisorIds())
                .containsExactly("supervisor-jianwai");
    }

    @Test
    void aJurisdictionTheDirectoryNoLongerHasIsATombstone() {
        Map<String, JurisdictionPublished> onTopic = DirectoryRecords.of(CITY, List.of());
        Map<String, JurisdictionPublished> now = DirectoryRecords.of(CITY.subList(0, 2), List.of());

        assertThat(DirectoryRecords.changes(now, onTopic)).containsOnlyKeys("110105001001");
        assertThat(DirectoryRecords.changes(now, onTopic).get("110105001001")).isNull();
    }
}
