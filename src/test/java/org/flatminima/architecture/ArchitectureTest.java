package org.flatminima.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, as tests. A package may depend on packages of its own layer or of
 * the layers below it, never above; packages form no cycle; every main package sits in a layer; and no two
 * main classes share a simple name.
 */
class ArchitectureTest extends QuietTest {
    static final String ROOT = "org.flatminima";

    /** Production classes only (tests may reach across layers), read from where they were compiled to. */
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(mainClassesDirectory());

    /** The packages (relative to {@code org.flatminima}) of each layer, bottom first. */
    static final List<List<String>> LAYERS = List.of(
            List.of("numbers", "errors"),
            List.of("linalg", "io"),
            List.of("exact", "precise"),
            List.of("model", "symbolic", "data", "plot", "results"),
            List.of("cases", "generate", "nn", "certificates"),
            List.of("claims", "inspect", "flatness", "regression", "experiments"),
            List.of("proofs", "report"),
            List.of("api"),
            List.of("cli"));

    // ---- the foundation: numbers <- linalg <- exact, precise <- model ---------------------------------------

    @Test
    void numbersDependOnNothingElseOfTheProject() {
        mayOnlyUse("numbers", Set.of());
    }

    @Test
    void linearAlgebraRestsOnNumbersAlone() {
        mayOnlyUse("linalg", Set.of("numbers"));
    }

    @Test
    void exactAndPreciseArithmeticRestOnNumbersAndLinearAlgebra() {
        mayOnlyUse("exact", Set.of("numbers", "linalg"));
        mayOnlyUse("precise", Set.of("numbers", "linalg"));
    }

    @Test
    void theModelRestsOnTheFoundationAlone() {
        mayOnlyUse("model", Set.of("numbers", "linalg", "exact", "precise", "errors", "io"));
    }

    @Test
    void theFoundationRuleCatchesAnUpwardEdge() {
        // Negative control: cli certainly uses more than numbers, so the same rule must fail on it.
        assertThrows(() -> mayOnlyUse("cli", Set.of("numbers")));
    }

    // ---- the whole tree ----------------------------------------------------------------------------------

    /** The rules for every package. */
    @Nested
    class WholeTree {
        @Test
        void noCyclesBetweenPackages() {
            slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
        }

        @Test
        void everyPackageDependsOnlyDownward() {
            for (int i = 0; i < LAYERS.size(); i++) {
                Set<String> allowed = new TreeSet<>();
                for (int j = 0; j <= i; j++) {
                    allowed.addAll(LAYERS.get(j));
                }
                for (String p : LAYERS.get(i)) {
                    mayOnlyUse(p, allowed);
                }
            }
        }

        @Test
        void everyPackageHasALayer() {
            Set<String> placed = LAYERS.stream().flatMap(List::stream).collect(Collectors.toSet());
            Set<String> unplaced = new TreeSet<>();
            for (JavaClass c : MAIN) {
                String p = relativePackage(c);
                if (!placed.contains(p)) {
                    unplaced.add(p);
                }
            }
            assertEquals(Set.of(), unplaced, "packages not placed in a layer of ArchitectureTest.LAYERS");
        }

        @Test
        void noTwoClassesShareASimpleName() {
            assertEquals(Map.of(), duplicateSimpleNames(MAIN));
        }
    }

    @Test
    void duplicateNamesAreFound() {
        // Negative control for the simple-name rule: the JDK has two classes named Date.
        JavaClasses two = new ClassFileImporter().importClasses(java.util.Date.class, java.sql.Date.class);
        assertEquals(Set.of("Date"), duplicateSimpleNames(two).keySet());
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** Classes of package {@code p} depend on no package of the project but {@code p} and {@code allowed}. */
    static void mayOnlyUse(String p, Set<String> allowed) {
        List<String> ok = new ArrayList<>();
        ok.add(ROOT + "." + p);
        for (String a : allowed) {
            ok.add(ROOT + "." + a);
        }
        classes().that().resideInAPackage(ROOT + "." + p)
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..")
                        .or(resideInAnyPackage(ok.toArray(String[]::new))))
                .allowEmptyShould(true)
                .check(MAIN);
    }

    static Path mainClassesDirectory() {
        try {
            return Path.of(Rational.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String relativePackage(JavaClass c) {
        String p = c.getPackageName();
        return p.equals(ROOT) ? "" : p.substring(ROOT.length() + 1);
    }

    /** Top-level class names that occur in more than one package, with those packages. */
    static Map<String, Set<String>> duplicateSimpleNames(JavaClasses classes) {
        Map<String, Set<String>> byName = new TreeMap<>();
        for (JavaClass c : classes) {
            if (c.isTopLevelClass() && !c.getSimpleName().equals("package-info")) {
                byName.computeIfAbsent(c.getSimpleName(), k -> new TreeSet<>()).add(c.getPackageName());
            }
        }
        byName.values().removeIf(s -> s.size() < 2);
        return byName;
    }

    static void assertThrows(Runnable r) {
        try {
            r.run();
        } catch (AssertionError expected) {
            return;
        }
        assertTrue(false, "the rule accepted a dependency it forbids");
    }
}
