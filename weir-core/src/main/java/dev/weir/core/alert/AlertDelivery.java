package dev.weir.core.alert;

import dev.weir.core.spec.AlertSettings;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.AlertChannel;
import dev.weir.core.spi.AlertChannelFactory;
import dev.weir.core.spi.AlertLedger;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a pipeline's alerts the way the seed's severities ask, so that one failing pipeline does not
 * page twenty times: every alert goes to the run's log; P0 and P1 go to the pipeline's other channels
 * at once, unless one alike went out within the quiet period (then it is counted, and the next one
 * sent says how many were held back); P2 and P3 wait for the daily digest ({@link AlertDigests}).
 */
public final class AlertDelivery implements AlertChannel {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDelivery.class);

    private final AlertChannel log = new LogAlertChannel();
    private final List<String> names;
    private final AlertChannels people;
    private final AlertLedger ledger;
    private final AlertSettings settings;

    private AlertDelivery(List<String> names, AlertChannels people, AlertLedger ledger, AlertSettings settings) {
        this.names = List.copyOf(names);
        this.people = people;
        this.ledger = ledger;
        this.settings = settings;
    }

    /** The delivery of a pipeline whose {@code error_handling.alert_channels} are {@code names}. */
    public static AlertDelivery of(
            List<String> names, List<AlertChannelFactory> factories, AlertLedger ledger, AlertSettings settings) {
        return new AlertDelivery(names, AlertChannels.of(names, factories, settings), ledger, settings);
    }

    @Override
    public void send(Alert alert) {
        log.send(alert);
        if (people.isEmpty()) {
            return;
        }
        // P3's response is the next business day: the digest reaches people in time, and a tier-3
        // pipeline's failed runs are not lost in a log nobody reads
        if (alert.severity() == Severity.P2 || alert.severity() == Severity.P3) {
            ledger.queueForDigest(names, alert);
            return;
        }
        admitted(alert, alert.pipeline()).ifPresent(people::send);
    }

    /**
     * Sends an alert about a condition that outlasts runs, such as a lag past {@code max_lag}: while
     * it lasts, it goes out once per quiet period whatever its severity (a digest would otherwise
     * hold one per run), and successful runs do not clear it; {@link #conditionEnded} does.
     *
     * @param condition names the condition within the pipeline, e.g. {@code lag}
     */
    public void sendWhileLasting(Alert alert, String condition) {
        Optional<Alert> admitted = admitted(alert, conditionScope(alert.pipeline(), condition));
        if (admitted.isEmpty()) {
            return;
        }
        log.send(admitted.get());
        if (people.isEmpty()) {
            return;
        }
        if (alert.severity() == Severity.P2 || alert.severity() == Severity.P3) {
            ledger.queueForDigest(names, admitted.get());
        } else {
            people.send(admitted.get());
        }
    }

    /** The condition {@link #sendWhileLasting} alerted on is over: when it comes back, it alerts at once. */
    public void conditionEnded(String pipeline, String condition) {
        ledger.resolve(conditionScope(pipeline, condition));
    }

    /** {@code alert}, with the count of those like it held back, unless one like it went out within the quiet period. */
    private Optional<Alert> admitted(Alert alert, String scope) {
        AlertLedger.Admission admission =
                ledger.admit(AlertText.dedupKey(alert), scope, alert.at(), settings.quietPeriod());
        if (!admission.send()) {
            LOG.info("Alert held back: one like it went out less than {} ago", settings.quietPeriod());
            return Optional.empty();
        }
        return Optional.of(
                admission.suppressed() == 0
                        ? alert
                        : alert.withDetail(admission.suppressed() + " similar alerts suppressed since "
                                + admission.suppressedSince().orElseThrow()));
    }

    /** What the ledger resolves a lasting condition under: apart from the pipeline's runs, which resolve theirs. */
    private static String conditionScope(String pipeline, String condition) {
        return pipeline + "/" + condition;
    }

    /** The pipeline ran well again: its next failure pages at once. */
    public void resolved(String pipeline) {
        ledger.resolve(pipeline);
    }
}
