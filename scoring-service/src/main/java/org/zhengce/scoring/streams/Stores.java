package org.zhengce.scoring.streams;

/** The topology's state stores (RocksDB, each with its changelog topic) and the global models store. */
public final class Stores {

    /** person pseudonym → household number. */
    public static final String PERSON_HOUSEHOLD = "person-household";
    /** {@code person|platformEventId} → a person event held until the person's household is known. */
    public static final String UNRESOLVED = "unresolved-person-events";
    /** person pseudonym → when its first event was held (epoch ms). */
    public static final String UNRESOLVED_SINCE = "unresolved-since";
    /** household number → portrait. */
    public static final String PORTRAITS = "portraits";
    /** household number → the last published score and warning state. */
    public static final String STATES = "household-states";
    /** household number → what the shadow model would say. */
    public static final String SHADOW = "shadow-assessments";
    /** {@code <13-digit epoch ms>|household} → household: when a household's score changes without a new event. */
    public static final String DUE = "due-rescoring";
    /** model version → the published model (global: every instance has every model). */
    public static final String MODELS = "scoring-models";

    private Stores() {}
}
