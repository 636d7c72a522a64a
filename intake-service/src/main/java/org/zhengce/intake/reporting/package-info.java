/**
 * How departments report events over HTTP: one JSON event, an NDJSON stream, a nightly CSV file with a report
 * retrievable by submission id; each department's rate limit; answers as results and RFC 9457 problems.
 */
@NullMarked
package org.zhengce.intake.reporting;

import org.jspecify.annotations.NullMarked;
