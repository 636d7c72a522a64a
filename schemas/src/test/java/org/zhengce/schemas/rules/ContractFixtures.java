package org.zhengce.schemas.rules;

import java.time.Instant;
import org.zhengce.events.CareSetting;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.MedicalExpenseSettled;
import org.zhengce.events.PersonPseudonym;

/** A settled medical expense for the contract tests: reported half an hour after it occurred, in a known community. */
public final class ContractFixtures {

    public static final Instant OCCURRED = Instant.parse("2026-04-02T07:15:00Z");
    public static final Instant REPORTED = Instant.parse("2026-04-02T07:45:00Z");

    private ContractFixtures() {}

    public static HouseholdEvent.Builder medicalExpense(long totalFen, long outOfPocketFen) {
        return HouseholdEvent.newBuilder()
                .setEventId("YB-2026-000777")
                .setDepartment(Department.MEDICAL_INSURANCE)
                .setOccurredAt(OCCURRED)
                .setReportedAt(REPORTED)
                .setSubject(new PersonPseudonym("k2026-01", "b".repeat(64)))
                .setPlatformEventId("0b8e2c4d-5f61-4a7b-8c9d-0e1f2a3b4c5d")
                .setCommunityCode("420106001002")
                .setFact(new MedicalExpenseSettled(CareSetting.INPATIENT, totalFen, outOfPocketFen));
    }
}
