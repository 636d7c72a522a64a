/**
 * The reconciliation at the end: accepted events against {@code household.events}, warnings, cases and alerts, and
 * the scan for identity numbers in every topic, log file and database.
 */
@NullMarked
package org.zhengce.faults.reconcile;

import org.jspecify.annotations.NullMarked;
