package dev.weir.core.run;

import dev.weir.core.alert.AlertDelivery;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.Lag;
import dev.weir.core.spi.PipelineResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pipeline.max_lag}: after each run that did not fail (so after each batch of
 * {@code weir run --follow}, and each scheduled run), measures how far the table is behind its source
 * and alerts when that is past the limit. The alert goes out once per quiet period while the lag
 * lasts, and at once again after the lag came back under the limit.
 */
final class LagAlert {
    private static final Logger LOG = LoggerFactory.getLogger(LagAlert.class);
    /** Short: the run itself is over, and a source slow to answer must not hold up the next one. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final String CONDITION = "lag";

    private final RunServices services;
    private final List<ContractSpec> contracts;

    LagAlert(RunServices services, List<ContractSpec> contracts) {
        this.services = services;
        this.contracts = List.copyOf(contracts);
    }

    /** Never throws: the run is over, and what cannot be measured or sent now is measured after the next one. */
    void afterRun(PipelineSpec pipeline, PipelineResult result) {
        if (pipeline.pipeline().maxLag().isEmpty() || result.failure().isPresent()) {
            return;
        }
        try {
            check(pipeline, result);
        } catch (RuntimeException e) {
            LOG.warn("Pipeline {}: cannot check its lag now: {}", pipeline.name(), e.getMessage());
        }
    }

    private void check(PipelineSpec pipeline, PipelineResult result) {
        long limit = pipeline.pipeline().maxLag().getAsLong();
        Optional<PipelineLag.Report> report = new PipelineLag(services).measure(pipeline, TIMEOUT);
        if (report.isEmpty()) {
            LOG.warn(
                    "Pipeline {}: max_lag is set, but a {} source cannot measure its lag",
                    pipeline.name(),
                    pipeline.extract().sourceSystem());
            return;
        }
        if (report.get().lag().isEmpty()) {
            LOG.warn(
                    "Pipeline {}: cannot measure its lag now: {}",
                    pipeline.name(),
                    report.get().unreachable().orElse(""));
            return;
        }
        Lag lag = report.get().lag().get();
        String lastCommit = report.get().lastCommit().map(Object::toString).orElse("never");
        AlertDelivery delivery = AlertDelivery.of(
                pipeline.errorHandling().alertChannels(),
                services.alertChannels(),
                services.metastore().alertLedger(),
                services.alertSettings());
        if (lag.behind() <= limit) {
            delivery.conditionEnded(pipeline.name(), CONDITION);
            return;
        }
        delivery.sendWhileLasting(
                new Alert(
                        Alert.Kind.LAG_EXCEEDED,
                        Severity.ofTier(pipeline.pipeline().tier(), false),
                        pipeline.name(),
                        result.record().runId(),
                        pipeline.load().target().toString(),
                        "is " + lag.display() + " behind its source, past max_lag " + limit + " " + lag.unit(),
                        List.of(
                                "committed " + report.get().committed().orElse("none") + ", source at " + lag.head(),
                                "last commit " + lastCommit + "; see weir status --pipeline " + pipeline.name()),
                        contracts.stream()
                                .filter(c -> c.table().equals(pipeline.load().target()))
                                .findFirst()
                                .flatMap(ContractSpec::notificationChannel),
                        services.clock().instant()),
                CONDITION);
    }
}
