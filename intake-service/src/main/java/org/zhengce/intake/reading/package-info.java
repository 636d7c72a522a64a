/**
 * Reading department events from the forms departments send, before their meaning is checked: the JSON object of the
 * HTTP and NDJSON paths ({@link org.zhengce.intake.reading.EventJson}), NDJSON bodies split into lines in constant
 * memory ({@link org.zhengce.intake.reading.NdjsonLines}) and nightly CSV files read row by row
 * ({@link org.zhengce.intake.reading.CsvEvents}). Every form error is reported at once as a
 * {@link org.zhengce.intake.validation.Violation} with the field path {@link
 * org.zhengce.intake.validation.EventValidator} uses, identity numbers masked. Also the fact types by name
 * ({@link org.zhengce.intake.reading.EventTypes}) and one valid example per type
 * ({@link org.zhengce.intake.reading.EventExamples}).
 */
@NullMarked
package org.zhengce.intake.reading;

import org.jspecify.annotations.NullMarked;
