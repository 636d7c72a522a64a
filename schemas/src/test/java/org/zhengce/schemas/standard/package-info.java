/** Tests that the Avro schemas keep the data standard's rules: docs, defaults, money, time, identities. */
@NullMarked
package org.zhengce.schemas.standard;

import org.jspecify.annotations.NullMarked;
