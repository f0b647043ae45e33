package dev.weir.core.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The type changes Iceberg allows on an existing column (format spec, "Schema Evolution"). */
final class TypePromotions {
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");

    private TypePromotions() {}

    /** Whether a column of type {@code from} may become {@code to} with every stored value still read correctly. */
    static boolean canPromote(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        if (from.equals("int") && to.equals("long") || from.equals("float") && to.equals("double")) {
            return true;
        }
        Matcher a = DECIMAL.matcher(from);
        Matcher b = DECIMAL.matcher(to);
        return a.matches()
                && b.matches()
                && a.group(2).equals(b.group(2))
                && Integer.parseInt(b.group(1)) >= Integer.parseInt(a.group(1));
    }
}
