/** The committed history of every topic value schema, and the compatibility of the current schemas with it. */
@NullMarked
package org.zhengce.schemas.history;

import org.jspecify.annotations.NullMarked;
