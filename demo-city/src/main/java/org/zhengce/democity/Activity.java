package org.zhengce.democity;

/** What a resident does, as human resources and education record it. */
public enum Activity {
    /** Under school age. */
    CHILD,
    /** In school, from kindergarten to university. */
    STUDENT,
    EMPLOYED,
    /** In the labour force, without work (registered unemployed). */
    UNEMPLOYED,
    /** Of working age, outside the labour force (caring at home, too ill or disabled to work). */
    NOT_WORKING,
    /** Drawing a pension. */
    RETIRED
}
