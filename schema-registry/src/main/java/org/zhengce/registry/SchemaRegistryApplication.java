package org.zhengce.registry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.zhengce.registry.migration.RegistryMigration;

/**
 * The Confluent-compatible schema registry as its own Spring Boot application. Its configuration
 * file is {@code schema-registry.yml} (not {@code application.yml}), so that an application
 * embedding it keeps its own settings apart.
 */
@SpringBootConfiguration
@EnableRegistryAutoConfiguration
@EnableConfigurationProperties(RegistrySettings.class)
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
public class SchemaRegistryApplication {

    static final String CONFIG_NAME = "--spring.config.name=schema-registry";

    /**
     * Runs the registry; {@code export ...} and {@code import ...} run the export/import command instead
     * ({@link RegistryMigration}).
     */
    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("export") || args[0].equals("import"))) {
            RegistryMigration.command(args);
            return;
        }
        String[] withConfigName = new String[args.length + 1];
        withConfigName[0] = CONFIG_NAME;
        System.arraycopy(args, 0, withConfigName, 1, args.length);
        SpringApplication.run(SchemaRegistryApplication.class, withConfigName);
    }
}
