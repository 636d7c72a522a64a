package org.zhengce.registry.api;

/** The content types of Confluent's registry API, preferred first. */
final class MediaTypes {

    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    static final String DEFAULT_JSON = "application/vnd.schemaregistry+json";
    static final String JSON = "application/json";

    private MediaTypes() {}
}
