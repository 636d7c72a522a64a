package org.zhengce.registry.compatibility;

import org.apache.avro.Schema;

/** An earlier, not deleted version of a subject that a new schema is checked against. */
public record PreviousVersion(int version, Schema schema) {}
