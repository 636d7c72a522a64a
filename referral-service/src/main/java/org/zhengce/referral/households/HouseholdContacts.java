package org.zhengce.referral.households;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Households' contact details, kept from civil affairs' registration events (the newest event wins). */
@Service
public class HouseholdContacts {

    private final DatabaseClient db;

    HouseholdContacts(DatabaseClient db) {
        this.db = db;
    }

    /** The household's contact details; empty when no registration event was seen. */
    public Mono<HouseholdContact> find(String householdNumber) {
        return db.sql("select household_number, community_code, address, head_name, phone from household_contacts"
                        + " where household_number = :household")
                .bind("household", householdNumber)
                .map(row -> new HouseholdContact(
                        Objects.requireNonNull(row.get("household_number", String.class)),
                        Objects.requireNonNull(row.get("community_code", String.class)),
                        row.get("address", String.class),
                        row.get("head_name", String.class),
                        row.get("phone", String.class)))
                .one();
    }

    /** Keeps {@code contact} unless a registration event that happened later is kept already. */
    Mono<Void> keep(HouseholdContact contact, String sourceEventId, Instant occurredAt) {
        return db.sql("insert into household_contacts (household_number, community_code, address, head_name, phone,"
                        + " source_event_id, occurred_at) values (:household, :community, :address, :head, :phone,"
                        + " :source, :at) on conflict (household_number) do update set"
                        + " community_code = excluded.community_code, address = excluded.address,"
                        + " head_name = excluded.head_name, phone = excluded.phone,"
                        + " source_event_id = excluded.source_event_id, occurred_at = excluded.occurred_at"
                        + " where household_contacts.occurred_at <= excluded.occurred_at")
                .bind("household", contact.householdNumber())
                .bind("community", contact.communityCode())
                .bind("source", sourceEventId)
                .bind("at", occurredAt)
                .bind("address", nullable(contact.address()))
                .bind("head", nullable(contact.headName()))
                .bind("phone", nullable(contact.phone()))
                .then();
    }

    private static org.springframework.r2dbc.core.Parameter nullable(@Nullable String value) {
        return org.springframework.r2dbc.core.Parameter.fromOrEmpty(value, String.class);
    }
}
