package dev.weir.core.spi;

import java.util.Objects;

/**
 * A source record that could not be converted to the batch's columns.
 *
 * @param reason what went wrong, as a stable code: {@code malformed_record}, {@code not_text} (a whole
 *     file of binary content, with an empty {@code record}), {@code bad_encoding},
 *     {@code missing_column}, {@code null_required}, {@code malformed_number}, {@code out_of_range},
 *     {@code bad_date}, {@code bad_time}, {@code bad_timestamp}, {@code bad_boolean}, {@code bad_uuid}, {@code unknown_enum}
 * @param detail the column and value at fault, for people ({@code column 'amount': '1O.00' is not a number})
 * @param record the record's original text, as it stands in the input
 * @param origin where the record is: {@code file:line}, the physical line it starts on
 */
public record RecordReject(String reason, String detail, String record, String origin) {
    public RecordReject {
        Objects.requireNonNull(reason, "reason is null");
        Objects.requireNonNull(detail, "detail is null");
        Objects.requireNonNull(record, "record is null");
        Objects.requireNonNull(origin, "origin is null");
    }

    /** The text of the quarantine's {@code reason} column: the code first, so rejects can be counted by it. */
    public String describe() {
        return reason + ": " + detail;
    }
}
