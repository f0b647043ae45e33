package dev.weir.core.spi;

/**
 * Opens the bounded batch a run reads. A source never commits anything: the new watermark is
 * committed with the data by the runner.
 */
public interface Source {
    /**
     * The batch that follows {@code previous}: for a new-files source, only files not in
     * {@code previous.loadedFiles()}.
     *
     * @throws dev.weir.core.error.WeirException {@code SOURCE_FAILED} when the source cannot be read
     */
    Batch open(Watermark previous);
}
