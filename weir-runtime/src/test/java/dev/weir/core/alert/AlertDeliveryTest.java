package dev.weir.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.AlertSettings;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.AlertLedger;
import dev.weir.core.spi.Metastore;
import dev.weir.metastore.SqlMetastore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deduplication, the quiet period and the digest, on the metastore every process of a project shares. */
class AlertDeliveryTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final AlertSettings SETTINGS =
            new AlertSettings(Duration.ofMinutes(60), LocalTime.of(9, 0), ZoneId.of("UTC"), Optional.empty());
    private static final List<String> CHANNELS = List.of("log", "memory:ops");

    @TempDir
    Path dir;

    private Metastore metastore;
    private final RecordingChannelFactory people = new RecordingChannelFactory();

    @BeforeEach
    void open() {
        metastore = SqlMetastore.open("jdbc:sqlite:" + dir.resolve("weir.db"));
    }

    @AfterEach
    void close() {
        metastore.close();
    }

    /** A new delivery for each alert: each {@code weir run} is a process of its own. */
    private void deliver(Alert alert) {
        AlertDelivery.of(CHANNELS, List.of(people), metastore.alertLedger(), SETTINGS)
                .send(alert);
    }

    @Test
    void quietPeriodSuppressesRepeatsAndTheNextAlertCountsThem() {
        for (int run = 0; run < 5; run++) {
            deliver(failed("run-" + run, T0.plus(Duration.ofMinutes(run))));
        }
        assertThat(people.sent).hasSize(1);

        deliver(failed("run-5", T0.plus(Duration.ofMinutes(61))));

        assertThat(people.sent).hasSize(2);
        assertThat(people.sent.get(1).details())
                .contains("4 similar alerts suppressed since " + T0.plus(Duration.ofMinutes(1)));
    }

    @Test
    void alertsDifferingOnlyInTheirNumbersAreAlike() {
        deliver(alert(Alert.Kind.BATCH_SKIPPED, Severity.P1, "r1", "batch of 10 rows skipped", T0));
        deliver(alert(Alert.Kind.BATCH_SKIPPED, Severity.P1, "r2", "batch of 12 rows skipped", T0.plusSeconds(60)));
        deliver(alert(Alert.Kind.RUN_FAILED, Severity.P1, "r3", "run failed", T0.plusSeconds(120)));

        assertThat(people.sent).extracting(Alert::runId).containsExactly("r1", "r3");
    }

    @Test
    void aResolvedPipelinePagesAtOnceOnItsNextFailure() {
        deliver(failed("r1", T0));
        AlertDelivery.of(CHANNELS, List.of(people), metastore.alertLedger(), SETTINGS)
                .resolved("silver_orders");
        deliver(failed("r2", T0.plusSeconds(60)));

        assertThat(people.sent).extracting(Alert::runId).containsExactly("r1", "r2");
        assertThat(people.sent.get(1).details()).noneMatch(d -> d.contains("suppressed"));
    }

    @Test
    void p2AndP3WaitForTheDigest() {
        AlertDigests digests = new AlertDigests(metastore.alertLedger(), List.of(people), SETTINGS);
        deliver(alert(Alert.Kind.SCHEMA_CHANGED, Severity.P2, "r1", "schema changed", T0));
        deliver(alert(Alert.Kind.RUN_FAILED, Severity.P3, "r2", "run failed", T0));

        assertThat(people.sent).isEmpty();
        digests.sendDue(Instant.parse("2026-12-03T09:01:00Z"));
        assertThat(people.sent)
                .singleElement()
                .satisfies(digest -> assertThat(digest.details())
                        .anySatisfy(d -> assertThat(d).contains("schema changed"))
                        .anySatisfy(d -> assertThat(d).contains("run failed")));
    }

    @Test
    void theDigestGoesOutOnceADayAfterItsTimeWithEveryQueuedP2() {
        AlertDigests digests = new AlertDigests(metastore.alertLedger(), List.of(people), SETTINGS);
        deliver(alert(Alert.Kind.SCHEMA_CHANGED, Severity.P2, "r1", "schema changed", T0));
        deliver(alert(Alert.Kind.DIGEST, Severity.P2, "r2", "P2 checks failed; the data was loaded", T0));
        Instant beforeNine = Instant.parse("2026-12-03T08:59:00Z");
        Instant afterNine = Instant.parse("2026-12-03T09:01:00Z");

        assertThat(digests.sendDue(beforeNine)).isEmpty();
        List<Alert> sent = digests.sendDue(afterNine);
        assertThat(digests.sendDue(afterNine.plusSeconds(60))).isEmpty();

        assertThat(sent).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Alert.Kind.DIGEST);
            assertThat(d.title()).isEqualTo("daily digest: 2 P2 alerts since the last digest");
            assertThat(d.details()).anyMatch(l -> l.contains("run r1: schema changed"));
        });
        assertThat(people.sent).containsExactlyElementsOf(sent);
    }

    @Test
    void digestsGroupAlertsByTheirChannels() {
        Alert a = alert(Alert.Kind.SCHEMA_CHANGED, Severity.P2, "r1", "schema changed", T0);
        List<AlertLedger.Queued> digests = AlertDigests.digests(
                List.of(
                        new AlertLedger.Queued(List.of("memory:a"), a),
                        new AlertLedger.Queued(List.of("memory:b"), a),
                        new AlertLedger.Queued(List.of("memory:a"), a)),
                T0);

        assertThat(digests)
                .extracting(AlertLedger.Queued::channels)
                .containsExactly(List.of("memory:a"), List.of("memory:b"));
        assertThat(digests.get(0).alert().details())
                .filteredOn(l -> l.contains("run r1"))
                .hasSize(2);
    }

    @Test
    void theDigestTimeIsInTheProjectsZone() {
        AlertSettings berlin =
                new AlertSettings(Duration.ZERO, LocalTime.of(9, 0), ZoneId.of("Europe/Berlin"), Optional.empty());
        AlertDigests digests = new AlertDigests(metastore.alertLedger(), List.of(), berlin);

        assertThat(digests.dueAt(Instant.parse("2026-12-02T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-02T08:00:00Z"));
    }

    private void deliverLasting(Alert alert) {
        AlertDelivery.of(CHANNELS, List.of(people), metastore.alertLedger(), SETTINGS)
                .sendWhileLasting(alert, "lag");
    }

    private static Alert lagging(String runId, long behind, Severity severity, Instant at) {
        return alert(
                Alert.Kind.LAG_EXCEEDED,
                severity,
                runId,
                "is " + behind + " messages behind its source, past max_lag 100 messages",
                at);
    }

    @Test
    void aLastingConditionIsNotClearedBySuccessfulRunsOnlyByItsEnd() {
        deliverLasting(lagging("r1", 500, Severity.P1, T0));
        AlertDelivery.of(CHANNELS, List.of(people), metastore.alertLedger(), SETTINGS)
                .resolved("silver_orders");
        deliverLasting(lagging("r2", 700, Severity.P1, T0.plusSeconds(10)));
        AlertDelivery.of(CHANNELS, List.of(people), metastore.alertLedger(), SETTINGS)
                .conditionEnded("silver_orders", "lag");
        deliverLasting(lagging("r3", 300, Severity.P1, T0.plusSeconds(20)));

        assertThat(people.sent).extracting(Alert::runId).containsExactly("r1", "r3");
    }

    @Test
    void aLastingP2ConditionReachesTheDigestOncePerQuietPeriod() {
        AlertDigests digests = new AlertDigests(metastore.alertLedger(), List.of(people), SETTINGS);
        for (int batch = 0; batch < 30; batch++) {
            deliverLasting(lagging("r" + batch, 500 + batch, Severity.P2, T0.plusSeconds(10L * batch)));
        }

        digests.sendDue(Instant.parse("2026-12-03T09:01:00Z"));

        assertThat(people.sent)
                .singleElement()
                .satisfies(digest -> assertThat(digest.details())
                        .filteredOn(d -> d.contains("messages behind"))
                        .hasSize(1));
    }

    private static Alert failed(String runId, Instant at) {
        return alert(Alert.Kind.RUN_FAILED, Severity.P1, runId, "run failed, nothing was published: boom", at);
    }

    private static Alert alert(Alert.Kind kind, Severity severity, String runId, String title, Instant at) {
        return new Alert(
                kind, severity, "silver_orders", runId, "silver.orders", title, List.of("why"), Optional.empty(), at);
    }
}
