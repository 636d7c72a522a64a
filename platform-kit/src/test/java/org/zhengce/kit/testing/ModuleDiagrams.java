package org.zhengce.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModuleDependency;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * A service's feature modules drawn as a Mermaid flowchart (GitHub renders it in a README), and the check that the
 * README shows the diagram of the code as it is: a boundary crossed or a module added fails the build until the
 * README is updated from the file the check writes.
 */
public final class ModuleDiagrams {

    /** The line that opens the diagram's block in a README. */
    public static final String START = "<!-- module diagram: written by ModularityTests, do not edit by hand -->";

    /** The line that closes it. */
    public static final String END = "<!-- end of module diagram -->";

    private ModuleDiagrams() {}

    /** Every module as a node, every direct dependency between two modules as one arrow, in a stable order. */
    public static String mermaid(ApplicationModules modules) {
        StringBuilder diagram = new StringBuilder("```mermaid\nflowchart LR\n");
        modules.stream()
                .sorted(Comparator.comparing(ModuleDiagrams::id))
                .forEach(module -> diagram.append("    ")
                        .append(id(module))
                        .append("[\"")
                        .append(module.getDisplayName())
                        .append("\"]\n"));
        modules.stream()
                .sorted(Comparator.comparing(ModuleDiagrams::id))
                .forEach(module -> module.getDirectDependencies(modules).stream()
                        .map(ApplicationModuleDependency::getTargetModule)
                        .filter(target -> !target.equals(module))
                        .map(ModuleDiagrams::id)
                        .collect(Collectors.toCollection(java.util.TreeSet::new))
                        .forEach(target -> diagram.append("    ")
                                .append(id(module))
                                .append(" --> ")
                                .append(target)
                                .append('\n')));
        return diagram.append("```").toString();
    }

    /**
     * Asserts that {@code readme} shows {@link #mermaid} between {@link #START} and {@link #END}; the current diagram
     * is written to {@code target/module-diagram.md} either way, so a failure says which block to paste.
     */
    public static void assertReadmeShows(ApplicationModules modules, Path readme) {
        String diagram = mermaid(modules);
        try {
            Path written = Path.of("target", "module-diagram.md");
            Files.createDirectories(written.getParent());
            Files.writeString(written, START + "\n" + diagram + "\n" + END + "\n", StandardCharsets.UTF_8);
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            int start = text.indexOf(START);
            int end = text.indexOf(END);
            assertThat(start)
                    .as("%s has no module diagram block (%s … %s); paste %s", readme, START, END, written)
                    .isNotNegative();
            assertThat(end)
                    .as("%s: the module diagram block is not closed by %s", readme, END)
                    .isGreaterThan(start);
            assertThat(text.substring(start + START.length(), end).strip())
                    .as(
                            "%s shows another module diagram than the code has: replace its block with %s",
                            readme, written.toAbsolutePath())
                    .isEqualTo(diagram);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes Spring Modulith's PlantUML diagrams under {@code target/spring-modulith-docs} (one of the whole service,
     * one per module) and asserts each names the modules it shows.
     */
    public static void writePlantUml(ApplicationModules modules) {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
        Path docs = Path.of("target", "spring-modulith-docs");
        assertThat(docs.resolve("components.puml")).exists();
        modules.forEach(module -> assertThat(docs.resolve("module-" + module.getIdentifier() + ".puml"))
                .content()
                .contains(module.getDisplayName()));
    }

    private static String id(ApplicationModule module) {
        return module.getIdentifier().toString().replace('.', '_');
    }
}
