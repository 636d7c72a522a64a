-- The departments of EVENTS.md (the org.zhengce.events.Department symbols except OTHER), each allowed the
-- event types it naturally reports. Seeded enabled but without any API key: a department can only send
-- once a platform admin has issued it a key (or it has an OAuth2 client), so nothing is open by default.
insert into departments (code, name, allowed_event_types, jurisdiction_scope, rate_limit_per_second, enabled, created_at, updated_at)
values
    ('CIVIL_AFFAIRS', 'Civil affairs (民政)',
        '{HouseholdRegistered,HouseholdChanged,MemberJoined,MemberLeft,EconomicCheckDone,AssistanceGranted,AssistanceEnded,AssistanceApplicationRejected}',
        '{}', 200, true, now(), now()),
    ('MEDICAL_INSURANCE', 'Medical insurance (医保)',
        '{HospitalAdmitted,HospitalDischarged,MedicalExpenseSettled,InsuranceLapsed}', '{}', 200, true, now(), now()),
    ('HEALTH', 'Health (卫健)',
        '{HospitalAdmitted,HospitalDischarged,IllnessCertified}', '{}', 200, true, now(), now()),
    ('HUMAN_RESOURCES_SOCIAL_SECURITY', 'Human resources and social security (人社)',
        '{EmploymentEnded,UnemploymentRegistered,EmploymentStarted,PensionStarted,ContributionsStopped}',
        '{}', 200, true, now(), now()),
    ('EDUCATION', 'Education (教育)',
        '{StudentEnrolled,SchoolAidRequested,SchoolAidGranted,DropOutRiskReported}', '{}', 200, true, now(), now()),
    ('DISABLED_PERSONS_FEDERATION', 'Disabled persons'' federation (残联)',
        '{DisabilityCertified}', '{}', 200, true, now(), now()),
    ('JUSTICE', 'Justice (司法)', '{ReleasedFromCustody}', '{}', 200, true, now(), now()),
    ('HOUSING', 'Housing (住建)', '{DangerousHousingReported,RentArrearsReported}', '{}', 200, true, now(), now()),
    ('EMERGENCY_MANAGEMENT', 'Emergency management (应急)', '{DisasterAffected}', '{}', 200, true, now(), now()),
    ('UTILITIES', 'Utilities (水电气)', '{UtilityArrearsReported}', '{}', 200, true, now(), now()),
    ('COMMUNITY', 'Community advisors, grid workers and volunteers (社区)',
        '{VisitRecorded,TipReported}', '{}', 200, true, now(), now());
