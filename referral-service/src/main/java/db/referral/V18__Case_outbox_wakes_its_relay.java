package db.referral;

import org.zhengce.kit.outbox.OutboxWakeUpMigration;
import org.zhengce.referral.outbox.CaseEventOutbox;

/**
 * The kit's trigger on {@code case_outbox}: each statement that adds rows (or releases one from quarantine) notifies
 * channel {@code case_outbox} at commit, which wakes the relay (ADR 0021).
 */
public class V18__Case_outbox_wakes_its_relay extends OutboxWakeUpMigration {

    public V18__Case_outbox_wakes_its_relay() {
        super(CaseEventOutbox.TABLE);
    }
}
