package dev.weir.core.run;

import dev.weir.core.error.WeirException;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.Lag;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceLag;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a pipeline's table is behind its source: the source's head against the position the table
 * committed (the one the next run starts from), and when that commit was made. Only sources that can
 * tell ({@link SourceLag}) are measured. Reads the table without the pipeline's lock, as any reader may.
 */
public final class PipelineLag {
    private final RunServices services;

    public PipelineLag(RunServices services) {
        this.services = Objects.requireNonNull(services, "services is null");
    }

    /**
     * What was measured of one pipeline.
     *
     * @param committed the committed position for people; empty when the table holds none yet
     * @param lastCommit when the pipeline last committed to its table; empty when it never did
     * @param lag the source's head and the lag; empty when the source could not be reached
     * @param unreachable why the source could not be measured, when it could not
     */
    public record Report(
            String pipeline,
            Optional<String> committed,
            Optional<Instant> lastCommit,
            Optional<Lag> lag,
            Optional<String> unreachable) {
        public Report {
            Objects.requireNonNull(pipeline, "pipeline is null");
            Objects.requireNonNull(committed, "committed is null");
            Objects.requireNonNull(lastCommit, "lastCommit is null");
            Objects.requireNonNull(lag, "lag is null");
            Objects.requireNonNull(unreachable, "unreachable is null");
        }
    }

    /**
     * Measures {@code pipeline}, waiting at most about {@code timeout} for its source. Empty when its
     * source cannot measure lag. A source that cannot be reached, or not be opened, is reported as
     * {@link Report#unreachable}, never thrown.
     */
    public Optional<Report> measure(PipelineSpec pipeline, Duration timeout) {
        List<SnapshotInfo> history =
                services.tables().tables().contains(pipeline.load().target())
                        ? services.tables().history(pipeline.load().target())
                        : List.of();
        Optional<Position> committed = CommittedPosition.from(history, pipeline.name());
        Optional<Instant> lastCommit = history.stream()
                .filter(s -> s.pipeline().map(pipeline.name()::equals).orElse(false))
                .map(SnapshotInfo::committedAt)
                .max(Comparator.naturalOrder());
        SourceContext context = new SourceContext(
                pipeline.name(),
                services.projectRoot(),
                services.scratchDir("lag-" + pipeline.name()),
                services.secrets(),
                Cancellation.NEVER);
        Source source;
        try {
            source = services.sources().apply(pipeline, context);
        } catch (WeirException e) {
            return Optional.of(new Report(
                    pipeline.name(),
                    CommittedPosition.display(committed),
                    lastCommit,
                    Optional.empty(),
                    Optional.of(e.getMessage())));
        }
        try {
            if (!(source instanceof SourceLag measured)) {
                return Optional.empty();
            }
            Optional<Lag> lag = Optional.empty();
            Optional<String> unreachable = Optional.empty();
            try {
                lag = Optional.of(measured.lag(committed, timeout));
            } catch (WeirException e) {
                unreachable = Optional.of(e.getMessage());
            }
            return Optional.of(
                    new Report(pipeline.name(), CommittedPosition.display(committed), lastCommit, lag, unreachable));
        } finally {
            RunResources.close(source, "source", pipeline.name());
        }
    }
}
