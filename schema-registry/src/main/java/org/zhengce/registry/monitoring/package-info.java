/**
 * What an operator watches: requests by endpoint and outcome, the numbers of schemas and subjects, how long the store
 * took to read its topic; {@code /actuator/prometheus} and the health probes, on the main port under the registry's
 * access rules and, when {@code management.server.port} is set, open on that port.
 */
@NullMarked
package org.zhengce.registry.monitoring;

import org.jspecify.annotations.NullMarked;
