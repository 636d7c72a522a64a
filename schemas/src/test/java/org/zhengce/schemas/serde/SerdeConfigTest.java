package org.zhengce.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.zhengce.schemas.registry.RecordNameStrategy;
import org.zhengce.schemas.registry.TopicNameStrategy;

class SerdeConfigTest {

    static final String URL = "http://registry.local:8081";

    @Test
    void defaultsFollowConfluent() {
        SerdeConfig config = SerdeConfig.parse(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, URL));

        assertThat(config.registryUrls()).containsExactly(URI.create(URL));
        assertThat(config.basicAuthUserInfo()).isNull();
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.specificAvroReader()).isFalse();
        assertThat(config.keySubjectNameStrategy()).isInstanceOf(TopicNameStrategy.class);
        assertThat(config.valueSubjectNameStrategy()).isInstanceOf(TopicNameStrategy.class);
        assertThat(config.maxSchemasPerSubject()).isEqualTo(1000);
    }

    @Test
    void missingRegistryUrlIsNamed() {
        assertThatThrownBy(() -> SerdeConfig.parse(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("schema.registry.url is required");
    }

    @Test
    void registryUrlMayBeOmittedWhenAClientIsSupplied() {
        assertThat(SerdeConfig.parse(Map.of(), false).registryUrls()).isEmpty();
    }

    @Test
    void commaSeparatedAndListUrlsAreAccepted() {
        assertThat(SerdeConfig.parse(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, URL + ", http://backup:8081"))
                        .registryUrls())
                .containsExactly(URI.create(URL), URI.create("http://backup:8081"));
        assertThat(SerdeConfig.parse(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, List.of(URL)))
                        .registryUrls())
                .containsExactly(URI.create(URL));
    }

    @Test
    void nonHttpUrlIsNamed() {
        assertThatThrownBy(() -> SerdeConfig.parse(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "registry:8081")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url")
                .hasMessageContaining("is not an http(s) URL");
    }

    @Test
    void invalidBooleanIsNamed() {
        assertThatThrownBy(() -> SerdeConfig.parse(
                        Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, URL, SerdeConfig.AUTO_REGISTER_SCHEMAS, "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto.register.schemas")
                .hasMessageContaining("must be true or false");
    }

    @Test
    void userInfoSourceNeedsUserInfo() {
        assertThatThrownBy(() -> SerdeConfig.parse(Map.of(
                        SerdeConfig.SCHEMA_REGISTRY_URL, URL, SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.user.info is required as user:password");
    }

    @Test
    void userInfoSourceTakesUserInfo() {
        SerdeConfig config = SerdeConfig.parse(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, URL,
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                SerdeConfig.BASIC_AUTH_USER_INFO, "intake:s3cret"));

        assertThat(config.basicAuthUserInfo()).isEqualTo("intake:s3cret");
    }

    @Test
    void urlSourceTakesCredentialsFromTheUrlAndStripsThem() {
        SerdeConfig config =
                SerdeConfig.parse(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://intake:s3cret@registry.local:8081"));

        assertThat(config.basicAuthUserInfo()).isEqualTo("intake:s3cret");
        assertThat(config.registryUrls()).containsExactly(URI.create(URL));
    }

    @Test
    void unsupportedCredentialsSourceIsNamed() {
        assertThatThrownBy(() -> SerdeConfig.parse(Map.of(
                        SerdeConfig.SCHEMA_REGISTRY_URL,
                        URL,
                        SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE,
                        "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.credentials.source")
                .hasMessageContaining("supported sources are USER_INFO and URL");
    }

    @Test
    void strategiesAreReadFromConfluentKeys() {
        SerdeConfig config = SerdeConfig.parse(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL,
                URL,
                SerdeConfig.KEY_SUBJECT_NAME_STRATEGY,
                RecordNameStrategy.class,
                SerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.RecordNameStrategy"));

        assertThat(config.subjectNameStrategy(true)).isInstanceOf(RecordNameStrategy.class);
        assertThat(config.subjectNameStrategy(false)).isInstanceOf(RecordNameStrategy.class);
    }

    @Test
    void unknownStrategyIsNamedWithItsKey() {
        assertThatThrownBy(() -> SerdeConfig.parse(Map.of(
                        SerdeConfig.SCHEMA_REGISTRY_URL, URL, SerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "Nonsense")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy")
                .hasMessageContaining("unknown subject name strategy 'Nonsense'");
    }

    @Test
    void specificTypeMustBeAGeneratedRecordClass() {
        assertThatThrownBy(() -> SerdeConfig.parse(Map.of(
                        SerdeConfig.SCHEMA_REGISTRY_URL,
                        URL,
                        SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE,
                        "java.lang.String")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("specific.avro.value.type")
                .hasMessageContaining("must be a generated Avro SpecificRecord class");
    }

    @Test
    void serializerWithoutRegistryUrlFailsAtConfigure() {
        assertThatThrownBy(() -> new ConfluentAvroSerializer<Object>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("schema.registry.url is required");
    }
}
