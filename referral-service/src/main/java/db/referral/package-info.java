/** Referral's Flyway migrations written in Java (the SQL ones are in the resources' {@code db/referral}). */
@NullMarked
package db.referral;

import org.jspecify.annotations.NullMarked;
