package dev.weir.core.spi;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code extract.lookback}, as the sources that take it write it: how far below the last cursor or
 * bookmark value an incremental run starts reading, so that rows committed late with an earlier
 * value, or sharing the last value, are still read (the load's merge removes what is read twice). A
 * time span ({@code 10m}, {@code 2h}, {@code 1d}, {@code 30s}, {@code 500ms} or ISO-8601 such as
 * {@code PT10M}) for a date or timestamp key, a number for a numeric one; {@code 0} fits both.
 */
public record Lookback(Optional<Duration> span, Optional<BigDecimal> amount) {
    public static final Lookback NONE = new Lookback(Optional.of(Duration.ZERO), Optional.of(BigDecimal.ZERO));

    private static final Pattern SHORT_SPAN = Pattern.compile("([0-9]+)\\s*(ms|s|m|h|d)");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    public Lookback {
        Objects.requireNonNull(span, "span is null");
        Objects.requireNonNull(amount, "amount is null");
    }

    /** The lookback written as {@code text}; empty when it is neither a time span nor a non-negative number. */
    public static Optional<Lookback> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (NUMBER.matcher(t).matches()) {
            BigDecimal number = new BigDecimal(t);
            return Optional.of(number.signum() == 0 ? NONE : new Lookback(Optional.empty(), Optional.of(number)));
        }
        Matcher m = SHORT_SPAN.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration span = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return Optional.of(new Lookback(Optional.of(span), Optional.empty()));
        }
        try {
            Duration span = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            return span.isNegative()
                    ? Optional.empty()
                    : Optional.of(new Lookback(Optional.of(span), Optional.empty()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The {@code lookback} key of {@code section}, read with its default; empty, with a problem
     * reported at the key, when it is neither a time span nor a non-negative number.
     */
    public static Optional<Lookback> read(SpecValues section) {
        String text = section.text("lookback").orElseThrow();
        Optional<Lookback> lookback = parse(text);
        if (lookback.isEmpty()) {
            section.problem(
                    "lookback",
                    "Invalid lookback '" + text + "'",
                    "write a time span such as 10m, 2h, 1d or PT10M for a date or timestamp key, or a number such"
                            + " as 1000 for a numeric one");
        }
        return lookback;
    }

    /** True for a lookback of nothing ({@code 0}). */
    public boolean isNone() {
        return equals(NONE);
    }

    @Override
    public String toString() {
        return span.map(Duration::toString).orElseGet(() -> amount.orElseThrow().toPlainString());
    }
}
