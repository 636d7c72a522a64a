/**
 * Peak heap and CPU per service: what the benchmark JVM used while a case that runs a service in it ran, its
 * threads' CPU grouped by whose they are.
 */
@org.jspecify.annotations.NullMarked
package org.zhengce.benchmarks.resources;
