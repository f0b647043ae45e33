package dev.weir.connectors.http;

import dev.weir.core.spi.Lookback;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code extract.lookback} of an API: the bookmark a run starts from is the committed one less the
 * lookback, so records that arrive later with the bookmark's own value, or a little below it, are
 * read (and sent for in {@code since_param}); the load's merge on the key removes what is read
 * twice. Works on the bookmark's text as Weir prints it, in the key's type.
 */
record BookmarkLookback(Lookback lookback, Kind kind) {
    static final BookmarkLookback NONE = new BookmarkLookback(Lookback.NONE, Kind.INTEGER);

    /** The types a lookback applies to. */
    enum Kind {
        INTEGER,
        DECIMAL,
        DATE,
        TIMESTAMP,
        TIMESTAMPTZ;

        boolean isTime() {
            return this == DATE || this == TIMESTAMP || this == TIMESTAMPTZ;
        }
    }

    private static final DateTimeFormatter PRINTED = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter(Locale.ROOT);

    BookmarkLookback {
        Objects.requireNonNull(lookback, "lookback is null");
        Objects.requireNonNull(kind, "kind is null");
    }

    /** The kind of an Iceberg or SQL type name ({@code timestamp}, {@code long}, {@code decimal(10,2)}); empty for others. */
    static Optional<Kind> kindOf(String type) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("decimal") || t.startsWith("numeric")) {
            return Optional.of(Kind.DECIMAL);
        }
        return switch (t) {
            case "int", "integer", "long", "bigint", "smallint" -> Optional.of(Kind.INTEGER);
            case "date" -> Optional.of(Kind.DATE);
            case "timestamp" -> Optional.of(Kind.TIMESTAMP);
            case "timestamptz" -> Optional.of(Kind.TIMESTAMPTZ);
            default -> Optional.empty();
        };
    }

    /** True when the lookback's form (a time span, a number) fits the key's type. */
    boolean fits() {
        return lookback.isNone()
                || (kind.isTime()
                        ? lookback.span().isPresent()
                        : lookback.amount().isPresent());
    }

    /** The bookmark to read from: {@code bookmark} less the lookback, printed as Weir prints the type. */
    String lower(String bookmark) {
        if (lookback.isNone()) {
            return bookmark;
        }
        return switch (kind) {
            // a fractional lookback on an integer key rounds down: reading one record more is safe, one less is not
            case INTEGER ->
                new BigDecimal(bookmark)
                        .subtract(lookback.amount().orElseThrow())
                        .setScale(0, RoundingMode.FLOOR)
                        .toPlainString();
            case DECIMAL ->
                new BigDecimal(bookmark)
                        .subtract(lookback.amount().orElseThrow())
                        .toPlainString();
            case DATE -> LocalDate.parse(bookmark).minusDays(wholeDays(span())).toString();
            case TIMESTAMP ->
                PRINTED.format(LocalDateTime.parse(bookmark.replace(' ', 'T')).minus(span()));
            case TIMESTAMPTZ ->
                PRINTED.format(offsetDateTime(bookmark)
                                .minus(span())
                                .withOffsetSameInstant(ZoneOffset.UTC)
                                .toLocalDateTime())
                        + "+00";
        };
    }

    private Duration span() {
        return lookback.span().orElseThrow();
    }

    /** Whole days, at least as far back as the span. */
    private static long wholeDays(Duration span) {
        long days = span.toDays();
        return span.equals(Duration.ofDays(days)) ? days : days + 1;
    }

    /** Weir prints a timestamptz as {@code 2024-01-05 10:00:00+00}: an offset of hours alone. */
    private static OffsetDateTime offsetDateTime(String text) {
        String iso = text.trim().replace(' ', 'T');
        if (iso.matches(".*[+-]\\d{2}$")) {
            iso = iso + ":00";
        }
        return OffsetDateTime.parse(iso);
    }
}
