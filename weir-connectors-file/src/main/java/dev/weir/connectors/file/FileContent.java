package dev.weir.connectors.file;

import dev.weir.core.spi.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a file holds, told from its first bytes before any header or schema is read from it: a
 * file of random bytes, an archive or a workbook among text files would otherwise be read as one
 * header of nonsense names, and reported as a schema change of every column.
 */
final class FileContent {
    /** How much of a file is looked at: enough to meet a NUL in any binary format, little enough to cost nothing. */
    static final int SAMPLE_BYTES = 8192;

    /** Control characters (other than tab, line ends, form feed and escape) text may hold before it is not text: 1 in 100. */
    private static final double CONTROL_SHARE = 0.01;

    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

    private record Magic(byte[] prefix, String looksLike) {}

    private static final List<Magic> MAGICS = List.of(
            new Magic(new byte[] {0x1f, (byte) 0x8b}, "a gzip archive"),
            new Magic(new byte[] {'P', 'K', 0x03, 0x04}, "a ZIP archive (an .xlsx workbook is one)"),
            new Magic(new byte[] {'B', 'Z', 'h'}, "a bzip2 archive"),
            new Magic(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0x00}, "an xz archive"),
            new Magic(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, "a zstd archive"),
            new Magic(PARQUET_MAGIC, "a Parquet file"),
            new Magic(new byte[] {'%', 'P', 'D', 'F'}, "a PDF document"),
            new Magic(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "a PNG image"),
            new Magic(new byte[] {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0}, "an old Excel (.xls) workbook"));

    private FileContent() {}

    /**
     * Why {@code file}, read as text in {@code encoding}, is not text, if it is not: it starts like
     * a known binary format, or holds a NUL or too many control characters in its first bytes.
     */
    static Optional<String> notText(SourceFile file, String encoding) throws IOException {
        byte[] sample = sample(file);
        Optional<String> known = looksLike(sample);
        if (known.isPresent()) {
            return Optional.of("not a text file: it starts like " + known.get() + " (" + hex(sample) + ")");
        }
        if (encoding.toLowerCase(Locale.ROOT).equals("utf-16")) {
            return Optional.empty(); // every other byte of UTF-16 text is NUL; the decoder tells the rest
        }
        int controls = 0;
        for (int i = 0; i < sample.length; i++) {
            int b = sample[i] & 0xff;
            if (b == 0) {
                return Optional.of("not a text file: a NUL byte at offset " + i
                        + (looksLikeUtf16(sample)
                                ? " (it looks like UTF-16 text: set extract.csv.encoding: utf-16)"
                                : "")
                        + " (" + hex(sample) + ")");
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b) {
                controls++;
            }
        }
        if (controls > 1 && controls > sample.length * CONTROL_SHARE) {
            return Optional.of("not a text file: " + controls + " control characters in its first " + sample.length
                    + " bytes (" + hex(sample) + ")");
        }
        return Optional.empty();
    }

    /** Why {@code file} is not a Parquet file, if it is not: Parquet starts and ends with {@code PAR1}. */
    static Optional<String> notParquet(SourceFile file) throws IOException {
        byte[] head = sample(file);
        byte[] tail = new byte[PARQUET_MAGIC.length];
        try (SeekableByteChannel channel = Files.newByteChannel(file.path())) {
            if (channel.size() >= 2L * PARQUET_MAGIC.length) {
                channel.position(channel.size() - tail.length);
                channel.read(ByteBuffer.wrap(tail));
            }
        }
        boolean starts = startsWith(head, PARQUET_MAGIC);
        if (starts && Arrays.equals(tail, PARQUET_MAGIC)) {
            return Optional.empty();
        }
        String why;
        if (head.length == 0) {
            return Optional.of("not a Parquet file: it is empty");
        } else if (starts) {
            why = "it starts like one but does not end like one (cut short while it was written or copied?)";
        } else if (looksLike(head).isPresent()) {
            why = "it starts like " + looksLike(head).get();
        } else {
            why = notText(file, "utf-8").isEmpty() ? "it holds text" : "it does not start with PAR1";
        }
        return Optional.of("not a Parquet file: " + why + " (" + hex(head) + ")");
    }

    private static byte[] sample(SourceFile file) throws IOException {
        try (InputStream in = Files.newInputStream(file.path())) {
            return in.readNBytes(SAMPLE_BYTES);
        }
    }

    private static Optional<String> looksLike(byte[] sample) {
        return MAGICS.stream()
                .filter(m -> startsWith(sample, m.prefix()))
                .map(Magic::looksLike)
                .findFirst();
    }

    /** ASCII text in UTF-16: a NUL at every other byte of the first ones. */
    private static boolean looksLikeUtf16(byte[] sample) {
        int pairs = Math.min(sample.length / 2, 32);
        if (pairs < 4) {
            return false;
        }
        int even = 0;
        int odd = 0;
        for (int i = 0; i < pairs * 2; i += 2) {
            even += sample[i] == 0 ? 1 : 0;
            odd += sample[i + 1] == 0 ? 1 : 0;
        }
        return Math.max(even, odd) >= pairs * 3 / 4 && Math.min(even, odd) == 0;
    }

    private static boolean startsWith(byte[] sample, byte[] prefix) {
        if (sample.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (sample[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first bytes, in hex, for an operator to recognise the format by. */
    private static String hex(byte[] sample) {
        int n = Math.min(sample.length, 8);
        StringBuilder text = new StringBuilder("first bytes ");
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " ").append(HexFormat.of().toHexDigits(sample[i]));
        }
        return text.toString();
    }
}
