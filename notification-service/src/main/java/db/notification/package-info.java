/** Notification's Flyway migrations written in Java (the SQL ones are in the resources' {@code db/notification}). */
@NullMarked
package db.notification;

import org.jspecify.annotations.NullMarked;
