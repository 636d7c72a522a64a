/** Intake's Flyway migrations written in Java (the SQL ones are in the resources' {@code db/intake}). */
@NullMarked
package db.intake;

import org.jspecify.annotations.NullMarked;
