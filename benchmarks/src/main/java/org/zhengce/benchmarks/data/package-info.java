/** The demo city's events in the forms the cases send: adapters over the demo-city module's generator. */
@org.jspecify.annotations.NullMarked
package org.zhengce.benchmarks.data;
