package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.connectors.file.DeclaredColumn;
import dev.weir.connectors.file.FileSourceOptions;
import dev.weir.core.error.Location;
import dev.weir.core.source.WeirTableSourceFactory;
import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spec.ErrorHandlingSpec;
import dev.weir.core.spec.ErrorStrategy;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.MergeMode;
import dev.weir.core.spec.PartitionField;
import dev.weir.core.spec.PipelineInfo;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.core.spec.QualityGatesSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.SqlOrigin;
import dev.weir.core.spec.StageSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spec.TransformSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLoaderTest {
    private static final String LATEST_SQL =
            "select * from clean qualify row_number() over (partition by order_id) = 1\n";

    @TempDir
    Path dir;

    @Test
    void fullProjectLoadsIntoRecordsWithDefaultsAndSubstitutions() {
        TestProject project = new TestProject(dir)
                .env("ORDERS_GLOB", "data/orders/*.csv")
                .env("RETRY_DELAY", "60")
                .weirYaml("""
                        name: shop
                        state_dir: state
                        metastore: jdbc:sqlite:state/meta.db?journal_mode=WAL
                        defaults:
                          owner: data-eng
                          error_handling: {strategy: fail-fast, max_retries: 5, alert_channels: [log]}
                        """)
                .pipeline("bronze_orders", """
                        pipeline:
                          name: bronze_orders
                          schedule: "0 * * * *"
                          tier: 1
                        extract:
                          source_system: files
                          connection: ${env:ORDERS_GLOB}
                          format: csv
                          csv: {delimiter: ";", encoding: latin-1}
                          columns:
                            order_id: BIGINT
                            amount: "DECIMAL(10,2)"
                            updated_at: TIMESTAMP
                          strategy: incremental
                          new_files: true
                        load:
                          target: bronze.orders
                          strategy: append
                        """)
                .pipeline("silver_orders", """
                        pipeline:
                          name: silver_orders
                          owner: analytics
                          description: Orders, deduplicated
                          sla_minutes: 30
                          depends_on: [bronze_orders]
                        extract:
                          source_system: weir
                          connection: bronze.orders
                          strategy: incremental
                          incremental_key: updated_at
                          key_type: timestamp
                          watermark_storage: table
                        transform:
                          stages:
                            - name: clean
                              sql: select * from source where amount > 0
                              operations: [dedupe, trim]
                            - name: latest
                              sql_file: sql/latest.sql
                        load:
                          target: silver.orders
                          strategy: merge
                          merge_keys: [order_id]
                          delete_when: "op = 'D'"
                          sequence_by: updated_at
                          partition_key: day(updated_at)
                          clustering_keys: [customer_id]
                        quality_gates:
                          pre_load:
                            - {type: not_null, column: order_id}
                            - type: range
                              name: positive_amount
                              column: amount
                              severity: P2
                              params: {min: 0.01}
                          post_load:
                            - {type: volume, severity: P1, block: false, params: {min_rows: 1}}
                        error_handling:
                          retry_delay_seconds: ${env:RETRY_DELAY}
                        """)
                .file("sql/latest.sql", LATEST_SQL);
        Path root = dir.toAbsolutePath();

        ProjectSpec spec = project.load();

        ErrorHandlingSpec inherited = new ErrorHandlingSpec(ErrorStrategy.FAIL_FAST, 5, 300, List.of("log"));
        PipelineSpec bronze = new PipelineSpec(
                root.resolve("pipelines/bronze_orders.yaml"),
                new PipelineInfo("bronze_orders", "data-eng", "", "0 * * * *", 0, 1, List.of()),
                new ExtractSpec(
                        "files",
                        "data/orders/*.csv",
                        ExtractStrategy.INCREMENTAL,
                        Optional.empty(),
                        Optional.empty(),
                        new FileSourceOptions(
                                FileFormat.CSV,
                                new CsvOptions(true, ";", "\"", "\"", "latin-1"),
                                List.of(
                                        DeclaredColumn.parse("order_id", "BIGINT"),
                                        DeclaredColumn.parse("amount", "DECIMAL(10,2)"),
                                        DeclaredColumn.parse("updated_at", "TIMESTAMP")),
                                false,
                                false,
                                true,
                                false),
                        Optional.empty()),
                new TransformSpec("duckdb", List.of()),
                new LoadSpec(
                        new TableId("bronze", "orders"),
                        LoadStrategy.APPEND,
                        List.of(),
                        MergeMode.MERGE_ON_READ,
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        Optional.empty()),
                QualityGatesSpec.NONE,
                inherited);
        PipelineSpec silver = new PipelineSpec(
                root.resolve("pipelines/silver_orders.yaml"),
                new PipelineInfo(
                        "silver_orders", "analytics", "Orders, deduplicated", "", 30, 3, List.of("bronze_orders")),
                new ExtractSpec(
                        "weir",
                        "bronze.orders",
                        ExtractStrategy.INCREMENTAL,
                        Optional.of("updated_at"),
                        Optional.of("timestamp"),
                        new WeirTableSourceFactory.Options(new TableId("bronze", "orders")),
                        Optional.empty()),
                new TransformSpec(
                        "duckdb",
                        List.of(
                                new StageSpec(
                                        "clean",
                                        "select * from source where amount > 0",
                                        new SqlOrigin(
                                                new Location("pipelines/silver_orders.yaml", 17, 12, ""),
                                                List.of(new SqlOrigin.Anchor(0, 17, 12)))),
                                new StageSpec("latest", LATEST_SQL, SqlOrigin.ofFile("sql/latest.sql", LATEST_SQL)))),
                new LoadSpec(
                        new TableId("silver", "orders"),
                        LoadStrategy.MERGE,
                        List.of("order_id"),
                        MergeMode.MERGE_ON_READ,
                        Optional.of("op = 'D'"),
                        Optional.of(PartitionField.parse("day(updated_at)")),
                        List.of("customer_id"),
                        Optional.of("updated_at")),
                new QualityGatesSpec(
                        List.of(
                                new CheckSpec(
                                        "not_null(order_id)",
                                        new CheckRule.NotNull("order_id"),
                                        Severity.P1,
                                        true,
                                        "pipelines/silver_orders.yaml:31"),
                                new CheckSpec(
                                        "positive_amount",
                                        new CheckRule.Range(
                                                "amount",
                                                Optional.of(new CheckRule.Literal("0.01", true)),
                                                Optional.empty()),
                                        Severity.P2,
                                        false,
                                        "pipelines/silver_orders.yaml:32")),
                        List.of(new CheckSpec(
                                "volume",
                                new CheckRule.Volume(OptionalLong.of(1), OptionalLong.empty(), OptionalDouble.empty()),
                                Severity.P1,
                                false,
                                "pipelines/silver_orders.yaml:38"))),
                new ErrorHandlingSpec(ErrorStrategy.FAIL_FAST, 5, 60, List.of("log")));
        assertThat(spec)
                .isEqualTo(new ProjectSpec(
                        root,
                        "shop",
                        "duckdb",
                        root.resolve("state"),
                        root.resolve("state/warehouse"),
                        "jdbc:sqlite:" + root.resolve("state/meta.db") + "?journal_mode=WAL",
                        List.of(bronze, silver)));
    }

    @Test
    void minimalProjectGetsDocumentedDefaults() {
        TestProject project = new TestProject(dir).weirYaml("name: shop\n").pipeline("orders", """
                        pipeline: {name: orders}
                        extract: {source_system: files, connection: data/orders.csv, format: parquet, strategy: full}
                        load: {target: bronze.orders, strategy: truncate-reload}
                        """);
        Path root = dir.toAbsolutePath();

        ProjectSpec spec = project.load();

        assertThat(spec)
                .isEqualTo(new ProjectSpec(
                        root,
                        "shop",
                        "duckdb",
                        root.resolve(".weir"),
                        root.resolve(".weir/warehouse"),
                        "jdbc:sqlite:" + root.resolve(".weir/weir.db"),
                        List.of(new PipelineSpec(
                                root.resolve("pipelines/orders.yaml"),
                                new PipelineInfo("orders", "", "", "", 0, 3, List.of()),
                                new ExtractSpec(
                                        "files",
                                        "data/orders.csv",
                                        ExtractStrategy.FULL,
                                        Optional.empty(),
                                        Optional.empty(),
                                        new FileSourceOptions(
                                                FileFormat.PARQUET,
                                                CsvOptions.DEFAULTS,
                                                List.of(),
                                                false,
                                                false,
                                                false,
                                                false),
                                        Optional.empty()),
                                new TransformSpec("duckdb", List.of()),
                                new LoadSpec(
                                        new TableId("bronze", "orders"),
                                        LoadStrategy.TRUNCATE_RELOAD,
                                        List.of(),
                                        MergeMode.MERGE_ON_READ,
                                        Optional.empty(),
                                        Optional.empty(),
                                        List.of(),
                                        Optional.empty()),
                                QualityGatesSpec.NONE,
                                ErrorHandlingSpec.DEFAULTS))));
    }

    @Test
    void projectWithoutPipelinesDirectoryLoadsWithNoPipelines() {
        ProjectSpec spec =
                new TestProject(dir).weirYaml("name: empty_project\n").load();

        assertThat(spec.name()).isEqualTo("empty_project");
        assertThat(spec.pipelines()).isEmpty();
    }

    @Test
    void pipelinesAreReadFromYamlAndYmlFilesSortedByPath() {
        String body = """
                pipeline: {name: %s}
                extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                load: {target: %s, strategy: append}
                """;
        TestProject project = new TestProject(dir)
                .weirYaml("name: shop\n")
                .file("pipelines/zeta.yml", body.formatted("zeta", "raw.zeta"))
                .file("pipelines/gold/alpha.yaml", body.formatted("alpha", "gold.alpha"))
                .file("pipelines/beta.yaml", body.formatted("beta", "raw.beta"))
                .file("pipelines/notes.txt", "not a pipeline");

        ProjectSpec spec = project.load();

        assertThat(spec.pipelines()).extracting(PipelineSpec::name).containsExactly("beta", "alpha", "zeta");
    }

    @Test
    void fileSecretIsSubstitutedTrimmed() {
        TestProject project = new TestProject(dir)
                .file("secrets/owner.txt", "  team-orders \n")
                .weirYaml("""
                        name: shop
                        defaults: {owner: "${file:secrets/owner.txt}"}
                        """)
                .pipeline("orders", """
                        pipeline: {name: orders}
                        extract: {source_system: files, connection: data/orders.csv, format: jsonl, strategy: full}
                        load: {target: bronze.orders, strategy: append}
                        """);

        assertThat(project.load().pipelines().get(0).pipeline().owner()).isEqualTo("team-orders");
    }

    @Test
    void sqliteMetastoreKeepsAbsoluteAndInMemoryUrls() {
        String url = new TestProject(dir)
                .weirYaml("name: shop\nmetastore: jdbc:sqlite:/var/lib/weir.db\n")
                .load()
                .metastoreUrl();
        String other = new TestProject(dir)
                .weirYaml("name: shop\nmetastore: jdbc:postgresql://db/weir\nwarehouse: /srv/weir/warehouse\n")
                .load()
                .metastoreUrl();

        assertThat(url).isEqualTo("jdbc:sqlite:/var/lib/weir.db");
        assertThat(other).isEqualTo("jdbc:postgresql://db/weir");
    }
}
