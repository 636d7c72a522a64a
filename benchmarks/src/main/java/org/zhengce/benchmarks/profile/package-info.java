/**
 * Where a case's time goes: each case under a JDK Flight Recorder recording ({@code -Dbench.profile=true}), its
 * execution samples summed by library and by our own hottest frames into a section of the report.
 */
@org.jspecify.annotations.NullMarked
package org.zhengce.benchmarks.profile;
