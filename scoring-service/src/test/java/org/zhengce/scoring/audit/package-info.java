/** Scoring's audit trail, tested against the running application and its database. */
@NullMarked
package org.zhengce.scoring.audit;

import org.jspecify.annotations.NullMarked;
