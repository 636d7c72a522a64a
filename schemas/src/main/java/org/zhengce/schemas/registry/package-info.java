/**
 * A small client for the Confluent-compatible schema-registry REST API: registration, look-up by
 * subject and id, the latest version of a subject, with bounded caches so that steady-state
 * serialisation makes no HTTP calls; and the subject-name strategies.
 */
@NullMarked
package org.zhengce.schemas.registry;

import org.jspecify.annotations.NullMarked;
