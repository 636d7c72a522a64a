/**
 * The parity scenarios: the same calls against our registry (every build) and Confluent's {@code cp-schema-registry}
 * image (where a Docker engine runs), answers compared field by field.
 */
@NullMarked
package org.zhengce.registry.parity;

import org.jspecify.annotations.NullMarked;
