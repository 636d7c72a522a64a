package org.zhengce.referral;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.zhengce.kit.testing.ModuleDiagrams;

/**
 * The features' boundaries, by static analysis (no Spring context): each top-level package under
 * {@code org.zhengce.referral} is an application module that may use another only through its public surface
 * (its top-level package, a named interface, or a module declared open), and no two modules depend on each other in
 * a cycle. The features ({@code cases}, {@code plans}, {@code referrals}, {@code decisions}, {@code visits},
 * {@code deadlines}, ...) reach each other through one facade each, or through a small port the callee owns.
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(ReferralApplication.class);

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
