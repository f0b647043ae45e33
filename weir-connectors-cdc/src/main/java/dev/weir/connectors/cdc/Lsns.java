package dev.weir.connectors.cdc;

import java.util.Locale;

/** PostgreSQL's text form of a WAL position, {@code 16/B374D848}: the high and low 32 bits in hex. */
final class Lsns {
    private Lsns() {}

    static String format(long lsn) {
        return (Long.toHexString(lsn >>> 32) + "/" + Long.toHexString(lsn & 0xFFFFFFFFL)).toUpperCase(Locale.ROOT);
    }

    static long parse(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }
}
