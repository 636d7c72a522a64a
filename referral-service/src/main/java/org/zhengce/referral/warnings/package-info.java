/**
 * Warnings into cases: {@code household.warnings} read in batches (urgent households first, each warning event
 * once), each warning made a command on the household's case through {@link org.zhengce.referral.cases.Cases}, and
 * kept on the case with its reasons ({@code case_warnings}, the cases feature's
 * {@link org.zhengce.referral.cases.KeptWarnings}). Everything here is internal: its way in is the topic.
 */
@NullMarked
package org.zhengce.referral.warnings;

import org.jspecify.annotations.NullMarked;
