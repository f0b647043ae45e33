package dev.weir.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.error.SpecException;
import dev.weir.core.spi.Lookback;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec problems of a JDBC extract section and its connection file, each with file, line and a fix. */
class JdbcSpecTest {
    @TempDir
    Path root;

    private JdbcProject project;

    @BeforeEach
    void project() {
        project = new JdbcProject(root, Map.of("DB_PASSWORD", "s3cr3t-Pa55"));
    }

    private String problems() {
        try {
            project.extractSpec("p");
        } catch (SpecException e) {
            return e.render();
        }
        throw new AssertionError("the project loaded");
    }

    @Test
    void aValidSectionIsReadWithItsDefaults() {
        project.write(
                        "connections/shop.yaml",
                        "url: jdbc:postgresql://db/shop\nuser: weir\npassword: ${env:DB_PASSWORD}\n")
                .pipeline(
                        "p",
                        "  connection: shop\n  table: public.orders\n  strategy: incremental\n"
                                + "  incremental_key: updated_at\n");

        JdbcSourceOptions options = (JdbcSourceOptions) project.extractSpec("p").options();

        assertThat(options.fetchSize()).isEqualTo(10_000);
        assertThat(options.lookback()).isEqualTo(Lookback.NONE);
        assertThat(options.nullCursor()).isEqualTo(NullCursorPolicy.REJECT);
        // resolved only when a run connects: the spec never holds the secret
        assertThat(options.connection().password()).hasValue("${env:DB_PASSWORD}");
        assertThat(options.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void aUrlWrittenAsOnePlaceholderIsLeftForTheRunToResolve() {
        project.write(
                        "connections/shop.yaml",
                        "url: ${env:SHOP_DB_URL}\nuser: ${env:SHOP_DB_USER}\npassword: ${env:DB_PASSWORD}\n")
                .pipeline("p", "  connection: shop\n  table: orders\n  strategy: full\n");

        JdbcSourceOptions options = (JdbcSourceOptions) project.extractSpec("p").options();

        assertThat(options.connection().url()).isEqualTo("${env:SHOP_DB_URL}");
    }

    @Test
    void aUrlThatIsNoJdbcUrlIsAProblem() {
        project.write("connections/shop.yaml", "url: postgresql://db/shop\n")
                .pipeline("p", "  connection: shop\n  table: orders\n  strategy: full\n");

        assertThat(problems()).contains("connections/shop.yaml: url is not a JDBC URL — write it as jdbc:<driver>:...");
    }

    @Test
    void aMissingConnectionFileIsAProblemAtTheConnectionKey() {
        project.pipeline("p", "  connection: shop\n  table: orders\n  strategy: full\n");

        assertThat(problems())
                .isEqualTo("pipelines/p.yaml:5:15: extract.connection: No connection 'shop': weir.yaml has none of"
                        + " that name under connections, and connections/shop.yaml does not exist — add it to"
                        + " weir.yaml, such as 'connections: {shop: {url: \"jdbc:postgresql://localhost:5432/shop\","
                        + " user: weir, password: \"${env:DB_PASSWORD}\"}}', or create connections/shop.yaml");
    }

    @Test
    void aConnectionOfWeirYamlIsReadWithoutResolvingItsSecret() {
        project.write("weir.yaml", """
                        name: jdbc_test
                        connections:
                          shop:
                            url: jdbc:postgresql://db/shop
                            user: weir
                            password: ${env:UNSET_DB_PASSWORD}
                            properties: {sslmode: require}
                        """).pipeline("p", "  connection: shop\n  table: public.orders\n  strategy: full\n");

        JdbcSourceOptions options = (JdbcSourceOptions) project.extractSpec("p").options();

        assertThat(options.connection().file()).isEqualTo("weir.yaml");
        assertThat(options.connection().url()).isEqualTo("jdbc:postgresql://db/shop");
        assertThat(options.connection().password()).hasValue("${env:UNSET_DB_PASSWORD}");
        assertThat(options.connection().properties()).containsEntry("sslmode", "require");
    }

    @Test
    void aConnectionOfWeirYamlNamesItsLineAndNeverItsPassword() {
        project.write(
                        "weir.yaml",
                        "name: jdbc_test\nconnections:\n  shop:\n    url: jdbc:postgresql://db/shop\n"
                                + "    password: hunter2-inline\n")
                .pipeline("p", "  connection: shop\n  table: orders\n  strategy: full\n");

        assertThat(problems())
                .contains("weir.yaml:5: password is written inline")
                .doesNotContain("hunter2");
    }

    @Test
    void aConnectionDefinedTwiceIsAProblem() {
        project.write("weir.yaml", "name: jdbc_test\nconnections:\n  shop: {url: \"jdbc:sqlite:shop.db\"}\n")
                .write("connections/shop.yaml", "url: jdbc:sqlite:shop.db\n")
                .pipeline("p", "  connection: shop\n  table: orders\n  strategy: full\n");

        assertThat(problems())
                .contains("Connection 'shop' is defined twice: under connections in weir.yaml and in"
                        + " connections/shop.yaml");
    }

    @Test
    void aConnectionThatIsNotAMappingIsAProblemOfWeirYaml() {
        project.write("weir.yaml", "name: jdbc_test\nconnections:\n  shop: jdbc:sqlite:shop.db\n")
                .pipeline("p", "  connection: shop\n  table: orders\n  strategy: full\n");

        assertThat(problems()).contains("weir.yaml:3:9: connections.shop: Expected a mapping");
    }

    @Test
    void anInlinePasswordIsRefusedWithoutShowingIt() {
        project.write("connections/shop.yaml", "url: jdbc:postgresql://db/shop\npassword: hunter2-inline\n")
                .pipeline("p", "  connection: shop\n  table: orders\n  strategy: full\n");

        assertThat(problems())
                .contains("connections/shop.yaml:2: password is written inline")
                .contains("password: ${env:DB_PASSWORD}")
                .doesNotContain("hunter2");
    }

    @Test
    void anUnknownKeyOfAConnectionFileNamesItsLine() {
        project.write("connections/shop.yaml", "url: jdbc:postgresql://db/shop\npasword: ${env:DB_PASSWORD}\n")
                .pipeline("p", "  connection: shop\n  table: orders\n  strategy: full\n");

        assertThat(problems()).contains("connections/shop.yaml:2: Unknown key 'pasword'");
    }

    @Test
    void tableAndQueryAreExclusive() {
        project.write("connections/shop.yaml", "url: jdbc:sqlite:shop.db\n")
                .pipeline("p", "  connection: shop\n  table: orders\n  query: select 1\n  strategy: full\n");

        assertThat(problems()).contains("extract.query: Use either table or query, not both");
    }

    @Test
    void anIncrementalQueryNeedsItsPrimaryKey() {
        project.write("connections/shop.yaml", "url: jdbc:sqlite:shop.db\n")
                .pipeline(
                        "p",
                        "  connection: shop\n  query: select * from orders\n  strategy: incremental\n"
                                + "  incremental_key: updated_at\n");

        assertThat(problems()).contains("An incremental query needs its primary key declared");
    }

    @Test
    void anInvalidLookbackSaysWhatIsAccepted() {
        project.write("connections/shop.yaml", "url: jdbc:sqlite:shop.db\n")
                .pipeline(
                        "p",
                        "  connection: shop\n  table: orders\n  strategy: incremental\n"
                                + "  incremental_key: updated_at\n  lookback: ten minutes\n");

        assertThat(problems())
                .contains("extract.lookback: Invalid lookback 'ten minutes'")
                .contains("10m, 2h, 1d or PT10M");
    }

    @Test
    void cursorSettingsOfAFullReadAreAProblem() {
        project.write("connections/shop.yaml", "url: jdbc:sqlite:shop.db\n")
                .pipeline("p", "  connection: shop\n  table: orders\n  strategy: full\n  lookback: 10m\n");

        assertThat(problems()).contains("extract.lookback: 'lookback' only applies to strategy incremental");
    }

    @Test
    void aFetchSizeMustBePositive() {
        project.write("connections/shop.yaml", "url: jdbc:sqlite:shop.db\n")
                .pipeline("p", "  connection: shop\n  table: orders\n  strategy: full\n  fetch_size: 0\n");

        assertThat(problems()).contains("extract.fetch_size");
    }

    @Test
    void anIncrementalReadLoadedByAppendIsAProblemSinceItsBoundaryRowsWouldLoadTwice() {
        project.write("connections/shop.yaml", "url: jdbc:sqlite:shop.db\n").write("pipelines/p.yaml", """
                        pipeline:
                          name: p
                        extract:
                          source_system: jdbc
                          connection: shop
                          table: orders
                          strategy: incremental
                          incremental_key: updated_at
                          lookback: 10m
                        load:
                          target: bronze.p
                          strategy: append
                        """);

        assertThat(problems())
                .contains("pipelines/p.yaml:7:")
                .contains("This incremental read takes the rows at the last cursor value and within lookback PT10M"
                        + " below it again on every run, which load strategy append would load again each time")
                .contains("'strategy: upsert'");
    }
}
