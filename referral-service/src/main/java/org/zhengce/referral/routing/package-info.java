/**
 * Who owns a case: a new case's advisor (or, without one, supervisor) by least open load and jurisdiction (the
 * cases feature's {@link org.zhengce.referral.cases.CaseRouting}), and a supervisor's re-assignment.
 */
@NullMarked
package org.zhengce.referral.routing;

import org.jspecify.annotations.NullMarked;
