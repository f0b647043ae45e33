package dev.weir.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * weir-core stays engine- and format-neutral: engines, table formats, servers, change-data capture, messaging,
 * browsers and metrics plug in from other modules.
 */
class CoreDependenciesTest {
    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.weir.core");

    @Test
    void coreKnowsNoEngineTableFormatOrServerClass() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.iceberg..",
                        "org.duckdb..",
                        "org.apache.spark..",
                        "org.apache.hadoop..",
                        "org.apache.parquet..",
                        "io.javalin..",
                        "org.flywaydb..",
                        "org.sqlite..",
                        "picocli..",
                        "io.debezium..",
                        "org.apache.kafka..",
                        "org.openqa..",
                        "io.micrometer..")
                .check(core);
    }

    @Test
    void coreNeedsNoJdbc() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("java.sql..")
                .check(core);
    }

    @Test
    void spiHoldsOnlyInterfacesRecordsAndEnums() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that()
                .resideInAPackage("dev.weir.core.spi")
                .and()
                .areTopLevelClasses()
                .should()
                .beInterfaces()
                .orShould()
                .beRecords()
                .orShould()
                .beEnums()
                .check(core);
    }
}
