package dev.weir.core.run;

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
}
