package org.zhengce.kit.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.zhengce.schemas.identity.IdentityNumbers;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Free text from people (an advisor's findings, notes and reasons, an organisation's report) has its identity numbers
 * masked as it is read, before it is kept, published on a topic or answered back: every string of a request body
 * goes through the platform's detector ({@link IdentityNumbers}), and each masked value is counted in
 * {@code platform.identity.numbers.masked{service}}. A service that never takes identity numbers declares it as a
 * bean (Spring Boot registers every Jackson module bean with its JSON mapper); intake, which validates and
 * pseudonymises identity numbers, must not.
 */
public final class IdentityNumberMasking extends SimpleModule {

    public IdentityNumberMasking(MeterRegistry meters, String service) {
        super("identity-number-masking");
        Counter masked = Counter.builder("platform.identity.numbers.masked")
                .description("Identity numbers found in free text and masked before it was kept")
                .tag("service", service)
                .register(meters);
        addDeserializer(String.class, new Masking(masked));
    }

    private static final class Masking extends StdScalarDeserializer<String> {

        private final Counter masked;

        Masking(Counter masked) {
            super(String.class);
            this.masked = masked;
        }

        @Override
        public @Nullable String deserialize(JsonParser parser, DeserializationContext context) {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value == null) {
                return null;
            }
            String safe = IdentityNumbers.maskAllIn(value);
            if (!safe.equals(value)) {
                masked.increment();
            }
            return safe;
        }
    }
}
