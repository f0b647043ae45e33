package dev.weir.core.error;

/**
 * A batch failed on its records, without dead-letter, after all of them were read: the run
 * records how many the batch held, although it loads none of them.
 */
public final class RejectedBatchException extends WeirException {
    private static final long serialVersionUID = 1L;

    private final long records;
    private final long rejected;

    /**
     * @param records the records the batch held, rejected ones included
     * @param rejected how many of them could not be loaded
     */
    public RejectedBatchException(String message, Location location, String hint, long records, long rejected) {
        super(ErrorCode.MALFORMED_INPUT, message, location, hint, null);
        if (rejected < 1 || records < rejected) {
            throw new IllegalArgumentException(rejected + " of " + records + " records rejected");
        }
        this.records = records;
        this.rejected = rejected;
    }

    public long records() {
        return records;
    }

    public long rejected() {
        return rejected;
    }
}
