package dev.weir.core.alert;

import dev.weir.core.spi.Alert;
import dev.weir.core.spi.AlertChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each alert as one warning line of the run's log. */
public final class LogAlertChannel implements AlertChannel {
    private static final Logger LOG = LoggerFactory.getLogger("weir.alerts");

    @Override
    public void send(Alert alert) {
        LOG.warn(
                "ALERT [{}] {} {} run {}: {}{} (response time: {})",
                alert.severity(),
                alert.kind().wireName(),
                alert.pipeline(),
                alert.runId(),
                alert.title(),
                alert.details().isEmpty() ? "" : " — " + String.join("; ", alert.details()),
                alert.responseTime());
    }
}
