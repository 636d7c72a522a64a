package org.zhengce.registry.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The registry on a random port with the in-memory store and one writer, whose credentials {@link RegistryHttp}
 * sends. All API test classes share one context: each test uses its own subjects, and tests that change global
 * settings restore them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.name=schema-registry",
        properties = {
            "registry.store=memory",
            "registry.auth.users." + RegistryHttp.WRITER + ".password=" + RegistryHttp.PASSWORD,
            "registry.auth.users." + RegistryHttp.WRITER + ".role=write"
        })
@AutoConfigureWebTestClient
@interface ApiTest {}
