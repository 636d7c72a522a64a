/**
 * Moving subjects between registries over Confluent's REST API: {@link RegistryMigration#exportFrom} writes every
 * subject's versions (ids, versions, schemas, references, data contracts, deleted flags), settings and modes to a
 * JSON file; {@link RegistryMigration#importInto} replays it into another registry in IMPORT mode, keeping ids and
 * versions. Works against this registry and Confluent's alike.
 */
@NullMarked
package org.zhengce.registry.migration;

import org.jspecify.annotations.NullMarked;
