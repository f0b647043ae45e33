package dev.weir.core.quality;

import dev.weir.core.spec.CheckRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Why a row fails a row-level check, as the quarantine records it ({@code quantity = -2 is outside
 * [1, 1000]}): text written by core, with the row's own values put in by the engine, so every engine
 * gives the same reasons.
 */
public record RejectReason(List<Part> parts) {
    /** A piece of a reason. */
    public sealed interface Part {}

    /** Text as it stands. */
    public record Text(String text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text is null");
        }
    }

    /** The row's value of {@code column} as text, {@code NULL} when it has none. */
    public record Value(String column) implements Part {
        public Value {
            Objects.requireNonNull(column, "column is null");
        }
    }

    public RejectReason {
        parts = List.copyOf(parts);
    }

    /** The reason a row fails {@code rule}. */
    public static RejectReason of(CheckRule.RowRule rule) {
        List<Part> parts = new ArrayList<>();
        if (rule instanceof CheckRule.NotNull notNull) {
            parts.add(new Text(notNull.column() + " is NULL"));
        } else if (rule instanceof CheckRule.Unique unique) {
            for (int i = 0; i < unique.columns().size(); i++) {
                String column = unique.columns().get(i);
                parts.add(new Text((i == 0 ? "" : ", ") + column + " = "));
                parts.add(new Value(column));
            }
            parts.add(new Text(" is not unique"));
        } else if (rule instanceof CheckRule.Range range) {
            String bounds = "[" + range.min().map(CheckRule.Literal::text).orElse("-∞") + ", "
                    + range.max().map(CheckRule.Literal::text).orElse("∞") + "]";
            valueIs(parts, range.column(), " is outside " + bounds);
        } else if (rule instanceof CheckRule.AcceptedValues accepted) {
            valueIs(parts, accepted.column(), " is not one of " + accepted.values());
        } else if (rule instanceof CheckRule.Matches matches) {
            valueIs(parts, matches.column(), " does not match " + matches.pattern());
        } else if (rule instanceof CheckRule.Expression expression) {
            parts.add(new Text("not true: " + expression.sql()));
        } else {
            throw new IllegalArgumentException("unhandled row rule " + rule);
        }
        return new RejectReason(parts);
    }

    /** The reason with {@code values} standing for the row's values, for messages and tests. */
    public String render(java.util.function.Function<String, String> values) {
        return parts.stream()
                .map(p -> p instanceof Text t
                        ? t.text()
                        : Objects.requireNonNullElse(values.apply(((Value) p).column()), "NULL"))
                .collect(Collectors.joining());
    }

    private static void valueIs(List<Part> parts, String column, String what) {
        parts.add(new Text(column + " = "));
        parts.add(new Value(column));
        parts.add(new Text(what));
    }
}
