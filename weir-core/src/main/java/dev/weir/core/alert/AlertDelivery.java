package dev.weir.core.alert;

import dev.weir.core.spec.AlertSettings;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.AlertChannel;
import dev.weir.core.spi.AlertChannelFactory;
import dev.weir.core.spi.AlertLedger;
import java.util.List;
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
        AlertLedger.Admission admission =
                ledger.admit(AlertText.dedupKey(alert), alert.pipeline(), alert.at(), settings.quietPeriod());
        if (!admission.send()) {
            LOG.info("Alert held back: one like it went out less than {} ago", settings.quietPeriod());
            return;
        }
        people.send(
                admission.suppressed() == 0
                        ? alert
                        : alert.withDetail(admission.suppressed() + " similar alerts suppressed since "
                                + admission.suppressedSince().orElseThrow()));
    }

    /** The pipeline ran well again: its next failure pages at once. */
    public void resolved(String pipeline) {
        ledger.resolve(pipeline);
    }
}
