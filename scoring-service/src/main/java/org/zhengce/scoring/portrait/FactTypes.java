package org.zhengce.scoring.portrait;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The catalogue behind {@link Fact#typesByEvent()}; immutable. */
final class FactTypes {

    static final Map<String, Class<? extends Fact>> BY_EVENT;

    static final Set<String> MEMBERSHIP =
            Set.of("HouseholdRegistered", "HouseholdChanged", "MemberJoined", "MemberLeft");

    static {
        Map<String, Class<? extends Fact>> types = new LinkedHashMap<>();
        types.put("EconomicCheckDone", EconomicCheck.class);
        types.put("AssistanceGranted", Programmes.Active.class);
        types.put("AssistanceEnded", Programmes.Ended.class);
        types.put("AssistanceApplicationRejected", Programmes.Rejected.class);
        types.put("HospitalAdmitted", Health.Admission.class);
        types.put("HospitalDischarged", Health.Discharge.class);
        types.put("MedicalExpenseSettled", Health.Expense.class);
        types.put("IllnessCertified", Health.Illness.class);
        types.put("InsuranceLapsed", Health.InsuranceLapse.class);
        types.put("EmploymentEnded", Employment.JobEnded.class);
        types.put("UnemploymentRegistered", Employment.UnemploymentRegistration.class);
        types.put("EmploymentStarted", Employment.JobStarted.class);
        types.put("PensionStarted", Employment.PensionStart.class);
        types.put("ContributionsStopped", Employment.ContributionsStop.class);
        types.put("StudentEnrolled", Education.Enrolment.class);
        types.put("SchoolAidRequested", Education.AidRequest.class);
        types.put("SchoolAidGranted", Education.AidGrant.class);
        types.put("DropOutRiskReported", Education.DropOutRisk.class);
        types.put("DisabilityCertified", Disability.class);
        types.put("ReleasedFromCustody", Release.class);
        types.put("DangerousHousingReported", Housing.DangerousHousing.class);
        types.put("RentArrearsReported", Housing.RentArrears.class);
        types.put("DisasterAffected", Disaster.class);
        types.put("UtilityArrearsReported", UtilityArrears.class);
        types.put("VisitRecorded", Finding.class);
        types.put("TipReported", Finding.class);
        BY_EVENT = Collections.unmodifiableMap(types);
    }

    private FactTypes() {}
}
