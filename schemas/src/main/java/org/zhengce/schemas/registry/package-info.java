/**
 * A small client for the Confluent-compatible schema-registry REST API: registration, look-up by
 * subject and id, the latest version of a subject, with bounded caches so that steady-state
 * serialisation makes no HTTP calls; each version's data contract ({@link
 * org.zhengce.schemas.registry.DataContract}: metadata tags and properties, domain and migration
 * {@link org.zhengce.schemas.registry.Rule}s) as the registry answers it; and the subject-name
 * strategies.
 */
@NullMarked
package org.zhengce.schemas.registry;

import org.jspecify.annotations.NullMarked;
