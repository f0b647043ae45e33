package dev.weir.core.spi;

/** An engine that can stream a batch loaded unchanged from its input into table files without staging it first. */
public interface LazyStaging {
    /**
     * Defines relation {@code source} over {@code batch} without reading it, for a batch that is
     * loaded unchanged: the load then streams the input into table files in one pass. Malformed
     * records surface when the relation is written, as {@code MALFORMED_INPUT} naming file and line.
     *
     * @return the batch's columns
     */
    TableSchema stageLazily(Batch batch);
}
