/** Scoring's Flyway migrations, written in Java: its database holds only the kit's audit trail. */
@NullMarked
package db.scoring;

import org.jspecify.annotations.NullMarked;
