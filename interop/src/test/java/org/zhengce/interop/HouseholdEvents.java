package org.zhengce.interop;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.zhengce.events.AssistanceGranted;
import org.zhengce.events.CareSetting;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdRegistered;
import org.zhengce.events.MedicalExpenseSettled;
import org.zhengce.events.Member;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.events.Programme;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;

/**
 * The fixed household events of the interop run. The Node side holds the same values, written out
 * independently in {@code node/lib/households.mjs}: timestamps as epoch milliseconds, dates as epoch
 * days, amounts in fen.
 */
final class HouseholdEvents {

    private HouseholdEvents() {}

    /** What Java produces for Node to read: a household fact and a person fact. */
    static List<HouseholdEvent> javaSide() {
        return List.of(
                HouseholdEvent.newBuilder()
                        .setEventId("mz-2024-000123")
                        .setDepartment(Department.CIVIL_AFFAIRS)
                        .setOccurredAt(Instant.parse("2024-06-01T00:00:00Z"))
                        .setReportedAt(Instant.parse("2024-06-01T08:30:00Z"))
                        .setSubject(household("HH-330106-0001"))
                        .setPlatformEventId("0b7c6f1e-8d1a-4f53-9a51-1c2d3e4f5a60")
                        .setCommunityCode("330106001001")
                        .setFact(AssistanceGranted.newBuilder()
                                .setProgramme(Programme.DIBAO)
                                .setMonthlyAmountFen(78_000L)
                                .setOneOffAmountFen(null)
                                .setStartDate(LocalDate.parse("2024-06-01"))
                                .setEndDate(null)
                                .setReason("家庭人均收入低于低保标准")
                                .build())
                        .build(),
                HouseholdEvent.newBuilder()
                        .setEventId("yb-2024-004567")
                        .setDepartment(Department.MEDICAL_INSURANCE)
                        .setOccurredAt(Instant.parse("2024-05-20T02:15:30.250Z"))
                        .setReportedAt(Instant.parse("2024-05-21T09:00:00Z"))
                        .setSubject(person("k2024", "p-7f3a9c"))
                        .setPlatformEventId("5d0f2a44-3b7e-4c1d-8e9f-a0b1c2d3e4f5")
                        .setCommunityCode(null)
                        .setFact(MedicalExpenseSettled.newBuilder()
                                .setSetting(CareSetting.INPATIENT)
                                .setTotalFen(9_876_543_210L)
                                .setOutOfPocketFen(1_234_567L)
                                .build())
                        .build());
    }

    /** What Node produces for Java to read: a registration with members, and a temporary grant. */
    static List<HouseholdEvent> javaScriptSide() {
        return List.of(
                HouseholdEvent.newBuilder()
                        .setEventId("mz-2024-000200")
                        .setDepartment(Department.CIVIL_AFFAIRS)
                        .setOccurredAt(Instant.parse("2024-06-03T01:00:00Z"))
                        .setReportedAt(Instant.parse("2024-06-03T09:00:00Z"))
                        .setSubject(household("HH-330106-0002"))
                        .setPlatformEventId("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
                        .setCommunityCode("330106001002")
                        .setFact(HouseholdRegistered.newBuilder()
                                .setCommunityCode("330106001002")
                                .setAddress("西湖区文三路1号")
                                .setHeadName(null)
                                .setPhone(null)
                                .setMembers(List.of(
                                        member("p-1111", RelationToHead.HEAD, "1948-03-15", Sex.MALE),
                                        member("p-2222", RelationToHead.SPOUSE, "1950-11-02", Sex.FEMALE)))
                                .build())
                        .build(),
                HouseholdEvent.newBuilder()
                        .setEventId("mz-2024-000300")
                        .setDepartment(Department.CIVIL_AFFAIRS)
                        .setOccurredAt(Instant.parse("2024-07-01T00:00:00Z"))
                        .setReportedAt(Instant.parse("2024-07-02T10:00:00Z"))
                        .setSubject(household("HH-330106-0003"))
                        .setPlatformEventId("1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b")
                        .setCommunityCode(null)
                        .setFact(AssistanceGranted.newBuilder()
                                .setProgramme(Programme.TEMPORARY_ASSISTANCE)
                                .setMonthlyAmountFen(null)
                                .setOneOffAmountFen(500_000L)
                                .setStartDate(LocalDate.parse("2024-07-01"))
                                .setEndDate(LocalDate.parse("2024-09-30"))
                                .setReason(null)
                                .build())
                        .build());
    }

    /** The record key: the household number or the person pseudonym the event is about. */
    static String keyOf(HouseholdEvent event) {
        if (event.getSubject() instanceof HouseholdNumber household) {
            return household.getValue();
        }
        if (event.getSubject() instanceof PersonPseudonym person) {
            return person.getValue();
        }
        throw new IllegalArgumentException("Unknown subject " + event.getSubject());
    }

    private static HouseholdNumber household(String number) {
        return HouseholdNumber.newBuilder().setValue(number).build();
    }

    private static PersonPseudonym person(String keyId, String value) {
        return PersonPseudonym.newBuilder().setKeyId(keyId).setValue(value).build();
    }

    private static Member member(String pseudonym, RelationToHead relation, String birthDate, Sex sex) {
        return Member.newBuilder()
                .setPerson(person("k2024", pseudonym))
                .setRelationToHead(relation)
                .setBirthDate(LocalDate.parse(birthDate))
                .setSex(sex)
                .build();
    }
}
