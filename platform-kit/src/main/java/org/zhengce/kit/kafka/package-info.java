/**
 * Kafka at the services' edges: topic bindings typed from the catalogue (name, key and value serdes together), the
 * topics a service declares, and how listeners handle records they cannot read or that make no sense (the
 * dead-letter lane) and failures they retry.
 */
@NullMarked
package org.zhengce.kit.kafka;

import org.jspecify.annotations.NullMarked;
