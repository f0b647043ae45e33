package dev.weir.connectors.http.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * A source plugin sees only core's SPI: the SPI types, the spec records and their key rules, and
 * the error model; never the runner, the engines, the stores or the command line.
 */
class ConnectorDependenciesTest {
    private final JavaClasses connector = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.weir.connectors.http");

    @Test
    void theHttpSourceSeesNeitherTheRunnerNorTheEnginesNorTheStores() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.weir.core.run..",
                        "dev.weir.core.plan..",
                        "dev.weir.core.quality..",
                        "dev.weir.core.schema..",
                        "dev.weir.core.alert..",
                        "dev.weir.core.source..",
                        "dev.weir.duckdb..",
                        "dev.weir.lakehouse..",
                        "dev.weir.metastore..",
                        "dev.weir.runtime..",
                        "dev.weir.cli..",
                        "org.duckdb..",
                        "org.apache.iceberg..")
                .check(connector);
    }
}
