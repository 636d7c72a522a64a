/**
 * The platform in its processes: the broker and PostgreSQL each in a JVM of its own, each service from its Spring Boot
 * jar, the schema registry and the authorisation server in the suite's JVM; each component killed with SIGKILL and
 * started again on the same data and port.
 */
@NullMarked
package org.zhengce.faults.platform;

import org.jspecify.annotations.NullMarked;
