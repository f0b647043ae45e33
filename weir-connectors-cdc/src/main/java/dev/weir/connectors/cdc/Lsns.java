package dev.weir.connectors.cdc;

import java.util.Locale;

/** PostgreSQL's text form of a WAL position, {@code 16/B374D848}: the high and low 32 bits in hex; amounts of WAL. */
final class Lsns {
    private Lsns() {}

    static String format(long lsn) {
        return (Long.toHexString(lsn >>> 32) + "/" + Long.toHexString(lsn & 0xFFFFFFFFL)).toUpperCase(Locale.ROOT);
    }

    /** An amount of WAL for people: {@code 512 bytes of WAL}, {@code 12.3 MB of WAL}. */
    static String walBytes(long count) {
        if (count < 1024) {
            return count + " bytes of WAL";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = count;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s of WAL", value, units[unit]);
    }

    static long parse(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }
}
