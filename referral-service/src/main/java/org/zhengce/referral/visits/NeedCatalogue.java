package org.zhengce.referral.visits;

/** Which need items a visit may record: the items of the service menu. */
interface NeedCatalogue {

    boolean isMenuItem(String item);
}
