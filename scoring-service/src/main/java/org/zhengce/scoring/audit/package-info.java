/**
 * Scoring's audit trail (the kit's, in scoring's own small database, which holds nothing else): household portraits
 * and scores read, the shadow report, the unresolved persons, models published and retired, every admin action; by
 * whom, with which roles and jurisdictions, about which household (its number, never an identity number) in which
 * community, allowed or refused. A question one instance forwards to another on the caller's behalf is audited once,
 * where the caller asked it ({@link org.zhengce.scoring.audit.ForwardedQueries}). Admins verify the chain at
 * {@code /admin/audit-trail/verification}.
 */
@NullMarked
package org.zhengce.scoring.audit;

import org.jspecify.annotations.NullMarked;
