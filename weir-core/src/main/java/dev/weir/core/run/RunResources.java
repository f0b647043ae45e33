package dev.weir.core.run;

import dev.weir.core.spi.Position;
import dev.weir.core.spi.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a run opened, closed once its outcome is settled. */
final class RunResources {
    private static final Logger LOG = LoggerFactory.getLogger(RunResources.class);

    private RunResources() {}

    /**
     * Closes {@code resource}; one that fails to close is logged and changes nothing the run
     * published or will record. A stop signal that came during a publication is handed back to the
     * run's thread afterwards, and a client closed on an interrupted thread (Kafka's consumer) may
     * throw: that must not turn a published batch into a cancelled run.
     */
    static void close(AutoCloseable resource, String what, String pipeline) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("Pipeline {}: cannot close its {}: {}", pipeline, what, e.getMessage());
        }
    }

    /**
     * Tells the source that its batch's end is committed; one that cannot acknowledge it is logged:
     * the position is in the table, and the source's next open acknowledges it again.
     */
    static void acknowledge(Source source, Position end, String pipeline) {
        try {
            source.committed(end);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Pipeline {}: cannot acknowledge position {} to its source: {}",
                    pipeline,
                    end.display(),
                    e.getMessage());
        }
    }
}
