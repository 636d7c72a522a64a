package org.zhengce.referral.jurisdictions;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.referral.resources.OrganisationKind;

/** The versioned jurisdictions file (e.g. {@code demo-city/jurisdictions.yaml}), as read. */
record SeedFile(
        String version,
        Area city,
        List<SeedAdvisor> advisors,
        List<SeedSupervisor> supervisors,
        List<SeedOrganisation> organisations) {

    SeedFile {
        advisors = advisors == null ? List.of() : advisors;
        supervisors = supervisors == null ? List.of() : supervisors;
        organisations = organisations == null ? List.of() : organisations;
    }

    /** A jurisdiction with the ones below it ({@code districts}, {@code streets} or {@code communities}). */
    record Area(String code, String name, List<Area> districts, List<Area> streets, List<Area> communities) {

        Area {
            districts = districts == null ? List.of() : districts;
            streets = streets == null ? List.of() : streets;
            communities = communities == null ? List.of() : communities;
        }

        /** This area, then every area below it, parents before children. */
        List<Area> flatten() {
            List<Area> all = new java.util.ArrayList<>();
            all.add(this);
            for (List<Area> children : List.of(districts, streets, communities)) {
                children.forEach(child -> all.addAll(child.flatten()));
            }
            return all;
        }
    }

    record SeedAdvisor(String id, String name, AdvisorKind kind, List<String> communities) {}

    record SeedSupervisor(String id, String name, String jurisdiction) {}

    /** An organisation; {@code kind} defaults to {@code SOCIAL_ORGANISATION}. */
    record SeedOrganisation(
            String id,
            String name,
            @Nullable OrganisationKind kind,
            @Nullable List<String> services,
            int capacity,
            @Nullable List<String> communities) {

        Organisation organisation() {
            return new Organisation(
                    id,
                    name,
                    kind == null ? OrganisationKind.SOCIAL_ORGANISATION : kind,
                    services == null ? List.of() : services,
                    capacity,
                    communities == null ? List.of() : communities);
        }
    }
}
