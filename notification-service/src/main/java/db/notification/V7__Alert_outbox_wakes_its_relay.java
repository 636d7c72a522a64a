package db.notification;

import org.zhengce.kit.outbox.OutboxWakeUpMigration;
import org.zhengce.notification.outbox.AlertEventOutbox;

/**
 * The kit's trigger on {@code alert_outbox}: each statement that adds rows (or releases one from quarantine) notifies
 * channel {@code alert_outbox} at commit, which wakes the relay (ADR 0021).
 */
public class V7__Alert_outbox_wakes_its_relay extends OutboxWakeUpMigration {

    public V7__Alert_outbox_wakes_its_relay() {
        super(AlertEventOutbox.TABLE);
    }
}
