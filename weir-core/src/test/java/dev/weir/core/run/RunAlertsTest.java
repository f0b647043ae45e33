package dev.weir.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.Location;
import dev.weir.core.error.WeirException;
import dev.weir.core.quality.CheckPhase;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.quality.CheckStatus;
import dev.weir.core.spec.ErrorHandlingSpec;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.MergeMode;
import dev.weir.core.spec.PipelineInfo;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.QualityGatesSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.TableId;
import dev.weir.core.spec.TransformSpec;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.SourceOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seed's severity responses, as alerts. */
class RunAlertsTest {
    private final List<Alert> sent = new ArrayList<>();
    private final List<String> resolved = new ArrayList<>();
    private final RunAlerts alerts = alerts(1);

    private RunAlerts alerts(int tier) {
        return new RunAlerts(
                sent::add,
                () -> resolved.add("silver_orders"),
                pipeline(tier),
                Optional.empty(),
                Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aTierTwoPipelinesFailedRunIsP2AndATierThreeOnesP3() {
        WeirException error = WeirException.withHint(ErrorCode.QUALITY_GATE_FAILED, "Quality gate failed", "fix it");
        alerts(2).failed("r1", error, List.of(result("unique(id)", Severity.P0, CheckStatus.FAILED, true)));
        alerts(3).batchSkipped("r2", "too many rejects", 10);

        assertThat(sent).extracting(Alert::severity).containsExactly(Severity.P2, Severity.P3);
        assertThat(sent).extracting(Alert::responseTime).containsExactly("4 hours", "next business day");
    }

    @Test
    void aRunCancelledByAStopSignalRaisesNoAlert() {
        WeirException cancelled = WeirException.withHint(
                ErrorCode.CANCELLED,
                "Run cancelled",
                "nothing was published; run the pipeline again to load the batch");
        alerts.failed("r1", cancelled, List.of());

        assertThat(sent).isEmpty();
        assertThat(resolved).isEmpty();
    }

    @Test
    void aTierThreePipelinesFailedP1CheckKeepsItsOwnSeverity() {
        alerts(3).succeeded("r1", List.of(result("late_orders", Severity.P1, CheckStatus.FAILED, false)), 0);

        assertThat(sent).singleElement().extracting(Alert::severity).isEqualTo(Severity.P1);
    }

    @Test
    void aSucceededRunResolvesThePipelinesAlerts() {
        alerts.succeeded("r1", List.of(), 0);

        assertThat(resolved).containsExactly("silver_orders");
    }

    @Test
    void aNonBlockingP1AlertsAtOnceP2GoesIntoOneDigestAndP3IsOnlyLogged() {
        alerts.succeeded(
                "r1",
                List.of(
                        result("late_orders", Severity.P1, CheckStatus.FAILED, false),
                        result("known_customers", Severity.P2, CheckStatus.FAILED, false),
                        result("share(status)", Severity.P2, CheckStatus.FAILED, false),
                        result("cosmetic", Severity.P3, CheckStatus.FAILED, false),
                        result("not_null(id)", Severity.P1, CheckStatus.PASSED, true)),
                0);

        assertThat(sent)
                .extracting(Alert::kind, Alert::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Alert.Kind.CHECK_FAILED, Severity.P1),
                        org.assertj.core.groups.Tuple.tuple(Alert.Kind.DIGEST, Severity.P2));
        assertThat(sent.get(1).details())
                .containsExactly(
                        "known_customers [P2] 3 of 10 rows fail (expected 0 rows)", "e.g. {\"id\":1}",
                        "share(status) [P2] 3 of 10 rows fail (expected 0 rows)", "e.g. {\"id\":1}");
    }

    @Test
    void quarantinedRowsAlertOnceWithTheirCountPerCheck() {
        alerts.succeeded(
                "r1",
                List.of(
                        result("range(qty)", Severity.P1, CheckStatus.QUARANTINED, false),
                        result("enum(status)", Severity.P1, CheckStatus.QUARANTINED, false)),
                6);

        assertThat(sent).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alert.Kind.ROWS_QUARANTINED);
            assertThat(a.title())
                    .isEqualTo("6 rows quarantined in silver.orders__rejected; see weir rejects silver.orders");
            assertThat(a.details()).containsExactly("range(qty): 3 rows", "enum(status): 3 rows");
        });
    }

    @Test
    void aFailedRunAlertsAtP0WhenAP0CheckStoppedIt() {
        alerts.failed(
                "r1",
                WeirException.withHint(ErrorCode.QUALITY_GATE_FAILED, "Quality gate pre_load failed", "fix it"),
                List.of(
                        result("unique(id)", Severity.P0, CheckStatus.FAILED, true),
                        result("volume", Severity.P2, CheckStatus.FAILED, false)));

        assertThat(sent).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alert.Kind.RUN_FAILED);
            assertThat(a.severity()).isEqualTo(Severity.P0);
            assertThat(a.title()).isEqualTo("run failed, nothing was published: Quality gate pre_load failed");
            assertThat(a.details())
                    .containsExactly(
                            "unique(id) [P0] 3 of 10 rows fail (expected 0 rows)", "e.g. {\"id\":1}", "hint: fix it");
        });
    }

    @Test
    void aFailedRunsAlertNamesWhereTheFailureIs() {
        alerts.failed(
                "r1",
                new WeirException(
                        ErrorCode.MALFORMED_INPUT,
                        "Cannot load record: column 'amount': '1O.00' is not a number (malformed_number)",
                        Location.ofLine("data/orders.csv", 17),
                        "fix the record",
                        null),
                List.of());

        assertThat(sent).singleElement().satisfies(a -> {
            assertThat(a.title())
                    .isEqualTo("run failed, nothing was published: data/orders.csv:17: Cannot load record: column"
                            + " 'amount': '1O.00' is not a number (malformed_number)");
            assertThat(a.details()).containsExactly("hint: fix the record");
        });
    }

    private static CheckResult result(String name, Severity severity, CheckStatus status, boolean blocking) {
        return new CheckResult(
                "r1",
                name,
                "custom",
                CheckPhase.PRE_LOAD,
                severity,
                status,
                blocking,
                "3 of 10 rows fail",
                "0 rows",
                status == CheckStatus.PASSED ? 0 : 3,
                List.of("{\"id\":1}"));
    }

    private static PipelineSpec pipeline(int tier) {
        return new PipelineSpec(
                Path.of("pipelines/silver_orders.yaml"),
                new PipelineInfo("silver_orders", "data-eng", "", "", 0, tier, List.of()),
                new ExtractSpec(
                        "weir",
                        "bronze.orders",
                        ExtractStrategy.FULL,
                        Optional.empty(),
                        Optional.empty(),
                        SourceOptions.NONE,
                        Optional.empty()),
                new TransformSpec("duckdb", List.of()),
                new LoadSpec(
                        new TableId("silver", "orders"),
                        LoadStrategy.UPSERT,
                        List.of("order_id"),
                        MergeMode.MERGE_ON_READ,
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        Optional.empty()),
                QualityGatesSpec.NONE,
                ErrorHandlingSpec.DEFAULTS);
    }
}
