/**
 * The steady load: the demo city's departments reporting through all four ways in (one JSON event, NDJSON, CSV, their
 * Avro topics), re-sending what a kill interrupted with the same event id, and the record of every accepted event.
 */
@NullMarked
package org.zhengce.faults.load;

import org.jspecify.annotations.NullMarked;
