package org.zhengce.faults.platform;

/** What the suite kills: the four services, the broker and PostgreSQL. */
public enum Component {
    INTAKE("intake-service", "intake"),
    SCORING("scoring-service", "scoring"),
    REFERRAL("referral-service", "referral"),
    NOTIFICATION("notification-service", "notification"),
    BROKER("kafka-broker", ""),
    POSTGRES("postgresql", "");

    private final String label;
    private final String database;

    Component(String label, String database) {
        this.label = label;
        this.database = database;
    }

    /** The service's application name and module, or the infrastructure's name. */
    public String label() {
        return label;
    }

    /** The service's own database; empty for none. */
    String database() {
        return database;
    }

    boolean service() {
        return this != BROKER && this != POSTGRES;
    }
}
