package dev.weir.connectors.file;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * A reader that keeps what it has read from a mark on, so that a record's original text can be
 * cut out by character offsets after a parser has read it, and that counts physical lines: a line
 * ends at {@code \n}, {@code \r\n} or a lone {@code \r}, inside quoted values too.
 */
final class TrackingReader extends Reader {
    private final Reader in;
    private char[] kept = new char[8192];
    /** The offset in the input of {@code kept[0]}. */
    private long keptFrom;

    private int keptLength;
    /** Characters before this offset are no longer needed. */
    private long forgetFrom;
    /** Line breaks before {@link #scanned}. */
    private long lineBreaks;

    private long scanned;
    private boolean previousWasCr;

    TrackingReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            if (keptLength + n > kept.length) {
                compact();
            }
            if (keptLength + n > kept.length) {
                kept = Arrays.copyOf(kept, Math.max(kept.length * 2, keptLength + n));
            }
            System.arraycopy(buffer, offset, kept, keptLength, n);
            keptLength += n;
        }
        return n;
    }

    /** The offset just past the last character read so far. */
    long end() {
        return keptFrom + keptLength;
    }

    /**
     * Skips the line breaks and blank lines at {@code from} (what is left of the previous record's
     * line end) and returns the offset of the first other character, or {@code to} when none.
     */
    long skipLineEnds(long from, long to) {
        countLinesTo(from);
        long at = from;
        while (at < to) {
            char c = charAt(at);
            if (c != '\n' && c != '\r') {
                break;
            }
            at++;
        }
        countLinesTo(at);
        return at;
    }

    /** The 1-based physical line that the character at {@code offset} is on; offsets only grow between calls. */
    long lineOf(long offset) {
        countLinesTo(offset);
        return lineBreaks + 1;
    }

    /** The text between two offsets not yet forgotten, line ends at its end removed. */
    String text(long from, long to) {
        int start = (int) (from - keptFrom);
        int end = (int) (Math.min(to, end()) - keptFrom);
        while (end > start && (kept[end - 1] == '\n' || kept[end - 1] == '\r')) {
            end--;
        }
        return new String(kept, start, Math.max(0, end - start));
    }

    /** Forgets what lies before {@code offset}: the text from there on is all a later record can need. */
    void forgetBefore(long offset) {
        countLinesTo(offset);
        forgetFrom = Math.max(forgetFrom, offset);
    }

    private void compact() {
        int drop = (int) (forgetFrom - keptFrom);
        if (drop > 0) {
            System.arraycopy(kept, drop, kept, 0, keptLength - drop);
            keptLength -= drop;
            keptFrom = forgetFrom;
        }
    }

    private void countLinesTo(long offset) {
        long to = Math.min(offset, end());
        for (long at = Math.max(scanned, keptFrom); at < to; at++) {
            char c = charAt(at);
            if (c == '\r') {
                lineBreaks++;
                previousWasCr = true;
            } else {
                if (c == '\n' && !previousWasCr) {
                    lineBreaks++;
                }
                previousWasCr = false;
            }
        }
        scanned = Math.max(scanned, to);
    }

    private char charAt(long offset) {
        return kept[(int) (offset - keptFrom)];
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
