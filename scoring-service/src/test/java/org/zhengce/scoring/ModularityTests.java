package org.zhengce.scoring;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.zhengce.kit.testing.ModuleDiagrams;

/**
 * The features' boundaries, by static analysis (no Spring context): each top-level package under
 * {@code org.zhengce.scoring} is an application module that may use another only through its public surface
 * (its top-level package, a named interface, or a module declared open), and no two modules depend on each other in
 * a cycle.
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(ScoringApplication.class);

    @Test
    void featuresDependOnEachOtherOnlyThroughTheirPublicSurface() {
        modules.verify();
    }

    /** The module diagrams (PlantUML) under {@code target/spring-modulith-docs}. */
    @Test
    void writesTheModuleDiagrams() {
        ModuleDiagrams.writePlantUml(modules);
    }

    /** The README shows the modules as the code has them (a Mermaid diagram GitHub draws). */
    @Test
    void readmeShowsTheModulesAsTheyAre() {
        ModuleDiagrams.assertReadmeShows(modules, Path.of("README.md"));
    }
}
