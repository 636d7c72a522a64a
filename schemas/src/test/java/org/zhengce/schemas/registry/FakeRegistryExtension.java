package org.zhengce.schemas.registry;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A fresh {@link FakeSchemaRegistry} and a client of it for every test: {@code @RegisterExtension}. */
public final class FakeRegistryExtension implements BeforeEachCallback, AfterEachCallback {

    private @Nullable FakeSchemaRegistry registry;
    private @Nullable HttpSchemaRegistryClient client;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        registry = FakeSchemaRegistry.start();
        client = new HttpSchemaRegistryClient(List.of(registry.url()), null);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (registry != null) {
            registry.close();
        }
    }

    public FakeSchemaRegistry registry() {
        if (registry == null) {
            throw new IllegalStateException("the fake registry runs only during a test");
        }
        return registry;
    }

    public HttpSchemaRegistryClient client() {
        if (client == null) {
            throw new IllegalStateException("the fake registry runs only during a test");
        }
        return client;
    }
}
