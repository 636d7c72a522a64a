/**
 * Resident identity numbers found in free text, wherever the platform takes text from outside: one detector for every
 * service, so that no identity number passes the edge in clear.
 */
@NullMarked
package org.zhengce.schemas.identity;

import org.jspecify.annotations.NullMarked;
