package org.cityservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages as Spring Modulith sees them: verified (no cycles, no reaching into another module's
 * internals), and drawn by its Documenter. docs/architecture.md shows the same graph; when a dependency comes or
 * goes, this test fails with the diagram to put there, so the picture never drifts from the code.
 */
// one model for both tests: reading it from the classes is most of their time
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModulesTest {

    private static final Path DOCS = Path.of("../docs");
    // the stand-ins of miniapp-stub share the base package but are another program, started only on the zero-setup
    // default
    private final ApplicationModules modules = ApplicationModules.of(
            CityServiceApplication.class, JavaClass.Predicates.resideInAPackage("org.cityservice.stub.."));

    @Test
    void theFeaturesAreModulesWithoutCyclesThatUseOnlyWhatEachOtherExposes() {
        modules.verify();
    }

    @Test
    void theArchitectureDocumentShowsTheModuleGraphTheToolDraws() throws IOException {
        Path out = Path.of("target/modulith-docs");
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(out.toString()))
                .writeModulesAsPlantUml(
                        Documenter.DiagramOptions.defaults().withStyle(Documenter.DiagramOptions.DiagramStyle.UML));
        String plantUml = Files.readString(out.resolve("components.puml"));
        String mermaid = mermaid();
        String architecture = Files.readString(DOCS.resolve("architecture.md"));
        assertThat(architecture)
                .as("docs/architecture.md should show under its Module graph heading:%n%s", mermaid)
                .contains(mermaid);
        // the Documenter writes the relationships in no fixed order: the same drawing is the same set of lines
        assertThat(Files.readString(DOCS.resolve("modules.puml"))
                        .lines()
                        .sorted()
                        .toList())
                .as("docs/modules.puml is the Documenter's drawing (copy it from %s)", out.resolve("components.puml"))
                .isEqualTo(plantUml.lines().sorted().toList());
    }

    /** The same graph for GitHub, which renders Mermaid and not PlantUML: each module and the modules it depends on. */
    private String mermaid() {
        String edges = modules.stream()
                .sorted(Comparator.comparing(ApplicationModule::getDisplayName))
                .flatMap(module -> module.getDirectDependencies(modules)
                        .uniqueModules()
                        .sorted(Comparator.comparing(ApplicationModule::getDisplayName))
                        .map(target -> "  " + id(module) + " --> " + id(target)))
                .collect(Collectors.joining("\n"));
        return "```mermaid\nflowchart LR\n" + edges + "\n```";
    }

    private static String id(ApplicationModule module) {
        return module.getIdentifier().toString();
    }
}
