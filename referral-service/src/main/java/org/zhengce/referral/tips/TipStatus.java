package org.zhengce.referral.tips;

/** What became of a tip, as its reporter may know it: never the household's details. */
enum TipStatus {
    /** Received; it adds to the household's score, no case was opened for it. */
    RECEIVED,
    /** A case is open for the household (opened by the tip, or already open and the tip added to it). */
    CASE_OPENED,
    /** An advisor visited the household. */
    VISITED,
    /** The case was closed or dismissed. */
    CLOSED
}
