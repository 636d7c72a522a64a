/**
 * Intake's audit trail (the kit's, in intake's database): every admin action (departments, their API keys and scopes,
 * rejected events read and replayed) and a department's reads of its own rejected events and registration; by whom,
 * allowed or refused. Admins verify the chain at {@code /admin/audit-trail/verification}.
 */
@NullMarked
package org.zhengce.intake.audit;

import org.jspecify.annotations.NullMarked;
