package dev.weir.core.spi;

import java.util.Optional;

/** Where a batch ends: the position the run commits with its data when it loads the batch. */
public interface BatchEnd {
    /**
     * The end position, once the batch is staged; {@code staged} answers questions about the staged
     * rows (such as the greatest incremental key). Empty when the source keeps no position (a full extract).
     */
    Optional<Position> resolve(StagedRelation staged);

    /**
     * The end position when it is known without staging the batch (a set of files, an offset): the
     * position skip-and-alert moves past a batch that cannot even be staged. Empty otherwise.
     */
    default Optional<Position> known() {
        return Optional.empty();
    }

    /** An end known before staging. */
    static BatchEnd at(Position position) {
        return new BatchEnd() {
            @Override
            public Optional<Position> resolve(StagedRelation staged) {
                return Optional.of(position);
            }

            @Override
            public Optional<Position> known() {
                return Optional.of(position);
            }
        };
    }

    /** The end of a source that keeps no position. */
    static BatchEnd none() {
        return staged -> Optional.empty();
    }
}
