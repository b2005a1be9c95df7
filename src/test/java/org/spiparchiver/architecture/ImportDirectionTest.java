package org.spiparchiver.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;

/**
 * The direction of the package dependencies (README, Layout): {@code cli} on top of the stages, the
 * stages on {@code model} (records only) and {@code config} (shared), one way. Checked by ArchUnit on
 * the compiled main classes, so fully qualified names and static imports count as well as imports.
 *
 * <p>The allowed edges of each stage are the intended ones, not a snapshot: {@code crawl} drives the
 * extraction and writes the mirror; {@code extract} may use the mirror's records; {@code index} and
 * the later stages ({@code serve}, {@code export}) read the mirror; {@code changes} reads the crawl
 * state. A stage not there yet is checked once it exists.
 */
@AnalyzeClasses(packages = "org.spiparchiver", importOptions = ImportOption.DoNotIncludeTests.class)
class ImportDirectionTest {
  private static final String PROJECT = "org.spiparchiver..";

  @ArchTest
  static final ArchRule noStageDependsOnTheCommandLine = noClasses()
      .that().resideOutsideOfPackage("org.spiparchiver.cli..")
      .should().dependOnClassesThat().resideInAPackage("org.spiparchiver.cli..");

  @ArchTest
  static final ArchRule modelDependsOnNothingOfTheProject = onlyOn("model");

  @ArchTest
  static final ArchRule configDependsOnNothingOfTheProject = onlyOn("config");

  @ArchTest
  static final ArchRule mirrorDependsOnlyOnModelAndConfig = onlyOn("mirror", "model", "config");

  @ArchTest
  static final ArchRule extractDependsOnlyOnMirrorModelAndConfig = onlyOn("extract", "mirror", "model", "config");

  @ArchTest
  static final ArchRule crawlDependsOnlyOnExtractMirrorModelAndConfig =
      onlyOn("crawl", "extract", "mirror", "model", "config");

  @ArchTest
  static final ArchRule indexDependsOnlyOnMirrorModelAndConfig = onlyOn("index", "mirror", "model", "config");

  @ArchTest
  static final ArchRule changesDependsOnlyOnCrawlMirrorModelAndConfig =
      onlyOn("changes", "crawl", "mirror", "model", "config");

  @ArchTest
  static final ArchRule serveDependsOnlyOnTheStagesBelowIt =
      onlyOn("serve", "index", "extract", "mirror", "model", "config").allowEmptyShould(true);

  @ArchTest
  static final ArchRule exportDependsOnlyOnTheStagesBelowIt =
      onlyOn("export", "index", "mirror", "model", "config").allowEmptyShould(true);

  @ArchTest
  static final ArchRule packagesHaveNoCycles = slices().matching("org.spiparchiver.(*)..").should().beFreeOfCycles();

  /** Classes of {@code stage} (and its subpackages) use, of the project, only the packages {@code allowed}. */
  private static ArchRule onlyOn(String stage, String... allowed) {
    String[] packages = Arrays.stream(allowed).map(p -> "org.spiparchiver." + p + "..").toArray(String[]::new);
    return classes().that().resideInAPackage("org.spiparchiver." + stage + "..")
        .should().onlyDependOnClassesThat(resideOutsideOfPackage(PROJECT).or(resideInAnyPackage("org.spiparchiver." + stage + ".."))
            .or(resideInAnyPackage(packages)))
        .because(stage + " may use only " + (allowed.length == 0 ? "nothing of the project" : String.join(", ", allowed)));
  }
}
