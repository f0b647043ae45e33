package dev.weir.core.spi;

/**
 * A {@link Source} that can check, before any run, what it would refuse at a run's start: a
 * database it cannot reach, a relation that is not there, a column no type maps. Used by
 * {@code weir validate --connect}; reads no row.
 */
public interface SourceProbe {
    /**
     * Connects and checks the relation the pipeline reads, as a first run would see it.
     *
     * @throws dev.weir.core.error.WeirException what such a run would fail with at its start
     */
    void probe();
}
