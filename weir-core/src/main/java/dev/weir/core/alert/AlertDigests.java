package dev.weir.core.alert;

import dev.weir.core.spec.AlertSettings;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.AlertChannelFactory;
import dev.weir.core.spi.AlertLedger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The daily digest of P2 alerts, across runs and processes: once the digest's time of day has passed,
 * whichever Weir process calls {@link #sendDue} first sends the queued alerts, one digest for each
 * set of channels, and the others find nothing left to send. A scheduler calls it every minute, and
 * every {@code weir run} at its end.
 */
public final class AlertDigests {
    static final String RUN_ID = "digest";

    private final AlertLedger ledger;
    private final List<AlertChannelFactory> factories;
    private final AlertSettings settings;

    public AlertDigests(AlertLedger ledger, List<AlertChannelFactory> factories, AlertSettings settings) {
        this.ledger = Objects.requireNonNull(ledger, "ledger is null");
        this.factories = List.copyOf(factories);
        this.settings = Objects.requireNonNull(settings, "settings is null");
    }

    /** Sends the digest if its time today has passed and nobody has sent it; returns the digests sent. */
    public List<Alert> sendDue(Instant now) {
        Instant due = dueAt(now);
        if (now.isBefore(due)) {
            return List.of();
        }
        List<Alert> sent = new ArrayList<>();
        for (AlertLedger.Queued digest : digests(ledger.takeDigest(due), now)) {
            new LogAlertChannel().send(digest.alert());
            AlertChannels.of(digest.channels(), factories, settings).send(digest.alert());
            sent.add(digest.alert());
        }
        return sent;
    }

    /** Today's digest time in the project's zone. */
    Instant dueAt(Instant now) {
        LocalDate today = now.atZone(settings.zone()).toLocalDate();
        return ZonedDateTime.of(today, settings.digestAt(), settings.zone()).toInstant();
    }

    /** One digest for each set of channels, its details one line per queued alert. */
    static List<AlertLedger.Queued> digests(List<AlertLedger.Queued> queued, Instant now) {
        Map<List<String>, List<Alert>> byChannels = new LinkedHashMap<>();
        for (AlertLedger.Queued q : queued) {
            byChannels.computeIfAbsent(q.channels(), c -> new ArrayList<>()).add(q.alert());
        }
        List<AlertLedger.Queued> digests = new ArrayList<>();
        byChannels.forEach((names, alerts) -> {
            TreeSet<String> pipelines = new TreeSet<>();
            TreeSet<String> tables = new TreeSet<>();
            List<String> details = new ArrayList<>();
            for (Alert a : alerts) {
                pipelines.add(a.pipeline());
                tables.add(a.table());
                details.add(a.at() + " " + a.pipeline() + " run " + a.runId() + ": " + a.title());
                a.details().forEach(d -> details.add("  " + d));
            }
            Alert digest = new Alert(
                    Alert.Kind.DIGEST,
                    Severity.P2,
                    String.join(", ", pipelines),
                    RUN_ID,
                    String.join(", ", tables),
                    "daily digest: " + alerts.size() + " P2 alerts since the last digest",
                    details,
                    Optional.empty(),
                    now);
            digests.add(new AlertLedger.Queued(names, digest));
        });
        return digests;
    }
}
