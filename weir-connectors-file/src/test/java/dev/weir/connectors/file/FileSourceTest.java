package dev.weir.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.FileSet;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {
    @TempDir
    Path root;

    @Test
    void globSelectsMatchingFilesSortedByPath() throws IOException {
        touch("data/orders/b.csv", "data/orders/a.csv", "data/orders/notes.txt", "data/other/c.csv");

        Batch.Files batch = files(source("data/orders/*.csv", false).open(Optional.empty()));

        assertThat(batch.files())
                .extracting(SourceFile::relativePath)
                .containsExactly("data/orders/a.csv", "data/orders/b.csv");
        assertThat(batch.files().get(0).path()).isAbsolute();
    }

    @Test
    void doubleStarGlobDescendsIntoSubdirectories() throws IOException {
        touch("data/2024/01/a.csv", "data/2024/02/b.csv", "data/top.csv");

        Batch.Files batch = files(source("data/**/*.csv", false).open(Optional.empty()));

        assertThat(batch.files())
                .extracting(SourceFile::relativePath)
                .containsExactly("data/2024/01/a.csv", "data/2024/02/b.csv");
    }

    @Test
    void plainPathSelectsThatOneFile() throws IOException {
        touch("data/one.csv");

        Batch.Files batch = files(source("data/one.csv", false).open(Optional.empty()));

        assertThat(batch.files()).extracting(SourceFile::relativePath).containsExactly("data/one.csv");
    }

    @Test
    void newFilesModeSkipsFilesAlreadyLoaded() throws IOException {
        touch("in/a.csv", "in/b.csv", "in/c.csv");
        Optional<Position> loaded =
                Optional.of(new FileSet(new TreeSet<>(List.of("in/a.csv", "in/b.csv"))).toPosition());

        Batch.Files batch = files(source("in/*.csv", true).open(loaded));

        assertThat(batch.files()).extracting(SourceFile::relativePath).containsExactly("in/c.csv");
    }

    @Test
    void newFilesModeEndsAtTheFilesLoadedBeforePlusTheNewOnes() throws IOException {
        touch("in/a.csv", "in/b.csv", "in/c.csv");
        Optional<Position> loaded = Optional.of(new FileSet(new TreeSet<>(List.of("in/a.csv"))).toPosition());

        SourceBatch opened = source("in/*.csv", true).open(loaded);

        assertThat(opened.empty()).isFalse();
        assertThat(FileSet.of(opened.end().known()).files()).containsExactly("in/a.csv", "in/b.csv", "in/c.csv");
        assertThat(opened.end().known().map(Position::display)).contains("files:3");
    }

    @Test
    void aNewFilesGlobThatMatchesNoFileFailsTheRunWhenFilesAreRequired() {
        FileSource required = new FileSource(
                root,
                "in/*.csv",
                new FileSourceOptions(FileFormat.CSV, CsvOptions.DEFAULTS, List.of(), false, false, true, true),
                Optional.empty(),
                Optional.empty());

        assertThatThrownBy(() -> required.open(Optional.empty())).isInstanceOfSatisfying(WeirException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILED);
            assertThat(e.getMessage()).startsWith("Cannot extract: no file matches 'in/*.csv' under ");
        });
    }

    @Test
    void aNewFilesGlobThatMatchesNoFileLoadsNothingByDefaultAndWarns() {
        SourceBatch opened = source("in/*.csv", true).open(Optional.empty());

        assertThat(opened.empty()).isTrue();
        assertThat(opened.warnings()).containsExactly("No file matches 'in/*.csv': nothing to load");
    }

    @Test
    void aGlobThatMatchesFilesGivesNoWarning() throws Exception {
        touch("in/a.csv");

        assertThat(source("in/*.csv", true).open(Optional.empty()).warnings()).isEmpty();
    }

    @Test
    void aBatchOfEmptyFilesWithoutDeclaredColumnsIsNothingToLoadAndWarnsNamingThem() throws IOException {
        write("in/a.csv", "");
        write("in/b.csv", "\n");

        for (boolean newFiles : List.of(true, false)) {
            SourceBatch opened = new FileSource(
                            root,
                            "in/*.csv",
                            new FileSourceOptions(
                                    FileFormat.CSV, CsvOptions.DEFAULTS, List.of(), false, false, newFiles, false),
                            Optional.empty(),
                            Optional.empty())
                    .open(Optional.empty());

            assertThat(opened.empty()).as("new files: " + newFiles).isTrue();
            assertThat(opened.warnings())
                    .containsExactly("in/a.csv, in/b.csv: empty, without even a header row: nothing to load;"
                            + " read again once they have one");
        }
    }

    @Test
    void newFilesModeWithNothingNewGivesAnEmptyBatch() throws IOException {
        touch("in/a.csv");
        Optional<Position> loaded = Optional.of(new FileSet(new TreeSet<>(List.of("in/a.csv"))).toPosition());

        assertThat(files(source("in/*.csv", true).open(loaded)).files()).isEmpty();
    }

    @Test
    void fullExtractWithNoMatchingFileFailsNamingThePattern() {
        assertThatThrownBy(() -> source("missing/*.csv", false).open(Optional.empty()))
                .isInstanceOf(WeirException.class)
                .hasMessageStartingWith("Cannot extract: no file matches 'missing/*.csv'")
                .satisfies(e -> assertThat(((WeirException) e).code()).isEqualTo(ErrorCode.SOURCE_FAILED));
    }

    @Test
    void undeclaredCsvColumnsAreTheHeadersNamesAsTextInFirstSeenOrder() throws IOException {
        write("in/a.csv", "\uFEFFid,\"full name\",amount\n1,x,2\n");
        write("in/b.csv", "amount,id,note\n3,2,n\n");

        Batch.Records batch =
                (Batch.Records) csvSource("in/*.csv").open(Optional.empty()).batch();

        assertThat(batch.columns())
                .containsExactly(
                        new Column(0, "id", "string", false),
                        new Column(0, "full name", "string", false),
                        new Column(0, "amount", "string", false),
                        new Column(0, "note", "string", false));
    }

    @Test
    void keptJsonLinesKeysAreTheUnionOverTheBatchsFilesInFirstSeenOrderAsText() throws IOException {
        write("in/a.jsonl", "\uFEFF{\"id\": 1, \"coupon\": \"x\", \"Note\": null}\n{\"id\": 2, \"bogus\": }\n[1]\n");
        write("in/b.jsonl", "\n{\"note\": 1, \"ID\": 2, \"channel\": {\"a\": 1}}\n");

        Batch.Records batch = (Batch.Records) new FileSource(
                        root,
                        "in/*.jsonl",
                        new FileSourceOptions(
                                FileFormat.JSONL,
                                CsvOptions.DEFAULTS,
                                List.of(DeclaredColumn.parse("id", "BIGINT NOT NULL")),
                                true,
                                false,
                                false,
                                false),
                        Optional.empty(),
                        Optional.empty())
                .open(Optional.empty())
                .batch();

        assertThat(batch.columns())
                .containsExactly(
                        new Column(0, "id", "long", true),
                        new Column(0, "coupon", "string", false),
                        new Column(0, "Note", "string", false),
                        new Column(0, "channel", "string", false));
    }

    @Test
    void aFileOfRandomBytesAmongCsvFilesIsOneNotTextRejectAndBringsNoColumns() throws IOException {
        write("in/a.csv", "id,name\n1,x\n");
        byte[] garbage = new byte[3000];
        new Random(7).nextBytes(garbage);
        garbage[40] = 0;
        Files.createDirectories(root.resolve("in"));
        Files.write(root.resolve("in/b.csv"), garbage);

        Batch.Records batch =
                (Batch.Records) csvSource("in/*.csv").open(Optional.empty()).batch();
        CollectingSink sink = new CollectingSink();
        batch.reader().read(sink);

        assertThat(batch.columns()).extracting(Column::name).containsExactly("id", "name");
        assertThat(sink.rows).containsExactly(List.of("1", "x"));
        assertThat(sink.reasons()).containsExactly("not_text");
        assertThat(sink.origins()).containsExactly("in/b.csv:1");
        assertThat(sink.rejects.get(0).detail())
                .startsWith("not a text file: ")
                .endsWith("; the whole file (3000 bytes) is one reject");
        assertThat(sink.rejects.get(0).record()).isEmpty();
    }

    @Test
    void aCompressedOrSpreadsheetFileIsNamedForWhatItStartsLike() throws IOException {
        Files.createDirectories(root.resolve("in"));
        Files.write(root.resolve("in/a.csv"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Files.write(root.resolve("in/b.csv"), new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0});
        write("in/c.csv", "id\n1\n");

        CollectingSink sink = new CollectingSink();
        ((Batch.Records) csvSource("in/*.csv").open(Optional.empty()).batch())
                .reader()
                .read(sink);

        assertThat(sink.rejects)
                .extracting(RecordReject::detail)
                .satisfiesExactly(
                        gzip -> assertThat(gzip).contains("it starts like a gzip archive (first bytes 1f 8b 08 00"),
                        zip -> assertThat(zip).contains("a ZIP archive (an .xlsx workbook is one)"));
        assertThat(sink.rows).containsExactly(List.of("1"));
    }

    @Test
    void utf16TextReadAsUtf8IsNotTextAndTheMessageSaysWhichEncodingToDeclare() throws IOException {
        Files.createDirectories(root.resolve("in"));
        Files.write(root.resolve("in/a.csv"), "id,name\n1,x\n".getBytes(StandardCharsets.UTF_16LE));

        assertThatThrownBy(() -> csvSource("in/*.csv").open(Optional.empty()))
                .isInstanceOf(WeirException.class)
                .satisfies(e -> assertThat(((WeirException) e).render())
                        .startsWith("in/a.csv: Cannot load the file: not a text file: a NUL byte at offset 1"
                                + " (it looks like UTF-16 text: set extract.csv.encoding: utf-16)"));
    }

    @Test
    void aBatchOfOnlyBinaryFilesFailsNamingTheFirstSinceNoFileHasColumns() throws IOException {
        Files.createDirectories(root.resolve("in"));
        Files.write(root.resolve("in/a.csv"), new byte[] {1, 2, 0, 3, 4});

        assertThatThrownBy(() -> csvSource("in/*.csv").open(Optional.empty()))
                .isInstanceOf(WeirException.class)
                .satisfies(e -> {
                    WeirException weir = (WeirException) e;
                    assertThat(weir.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
                    assertThat(weir.render())
                            .startsWith("in/a.csv: Cannot load the file: not a text file: a NUL byte at offset 2")
                            .contains("hint: replace it by a CSV file or move it out of the way of 'in/*.csv'");
                });
    }

    @Test
    void aCsvFileWhoseHeaderCannotBeParsedIsOneRejectAndTheOtherFilesLoad() throws IOException {
        write("in/a.csv", "\"id,name\n1,x\n");
        write("in/b.csv", "id,name\n2,y\n");

        Batch.Records batch =
                (Batch.Records) csvSource("in/*.csv").open(Optional.empty()).batch();
        CollectingSink sink = new CollectingSink();
        batch.reader().read(sink);

        assertThat(batch.columns()).extracting(Column::name).containsExactly("id", "name");
        assertThat(sink.rows).containsExactly(List.of("2", "y"));
        assertThat(sink.reasons()).containsExactly("malformed_record");
        assertThat(sink.origins()).containsExactly("in/a.csv:1");
        assertThat(sink.rejects.get(0).detail())
                .startsWith("the header row cannot be parsed (")
                .endsWith("); the whole file is one reject");
        assertThat(sink.rejects.get(0).record()).isEqualTo("\"id,name\n1,x");
    }

    @Test
    void aFileThatIsNotParquetFailsTheRunNamingItAndWhatItHolds() throws IOException {
        write("in/a.parquet", "id,name\n1,x\n");
        touch("in/b.parquet");

        assertThatThrownBy(() -> source("in/*.parquet", false).open(Optional.empty()))
                .isInstanceOf(WeirException.class)
                .satisfies(e -> assertThat(((WeirException) e).render())
                        .startsWith("in/a.parquet: Cannot load the file: not a Parquet file: it holds text"
                                + " (first bytes 69 64 2c 6e 61 6d 65 0a)"));
    }

    @Test
    void anEmptyParquetFileIsLeftForLaterWithAWarning() throws IOException {
        write("in/a.parquet", "");
        touch("in/b.parquet");

        SourceBatch opened = source("in/*.parquet", true).open(Optional.empty());

        assertThat(files(opened).files()).extracting(SourceFile::relativePath).containsExactly("in/b.parquet");
        assertThat(opened.warnings())
                .containsExactly("in/a.parquet: empty: nothing to load; read again once it has data");
        assertThat(FileSet.of(opened.end().known()).files()).containsExactly("in/b.parquet");
    }

    @Test
    void aSymbolicLinkThatMatchesTheGlobButLeadsNowhereIsAWarningNotASilentSkip() throws IOException {
        touch("in/a.parquet");
        Files.createSymbolicLink(root.resolve("in/b.parquet"), root.resolve("nowhere/b.parquet"));

        SourceBatch opened = source("in/*.parquet", true).open(Optional.empty());

        assertThat(files(opened).files()).extracting(SourceFile::relativePath).containsExactly("in/a.parquet");
        assertThat(opened.warnings())
                .containsExactly("in/b.parquet is a symbolic link to " + root.resolve("nowhere/b.parquet")
                        + ", which does not exist: not loaded");
    }

    /** A source of Parquet files: which files a batch holds does not depend on their format. */
    private FileSource source(String glob, boolean newFiles) {
        return new FileSource(
                root,
                glob,
                new FileSourceOptions(
                        FileFormat.PARQUET, CsvOptions.DEFAULTS, List.of(), false, false, newFiles, false),
                Optional.empty(),
                Optional.empty());
    }

    private FileSource csvSource(String glob) {
        return new FileSource(
                root,
                glob,
                new FileSourceOptions(FileFormat.CSV, CsvOptions.DEFAULTS, List.of(), false, false, false, false),
                Optional.empty(),
                Optional.empty());
    }

    private static Batch.Files files(SourceBatch opened) {
        return (Batch.Files) opened.batch();
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void touch(String... paths) throws IOException {
        for (String p : paths) {
            Path file = root.resolve(p);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "PAR1PAR1"); // Parquet's magic at both ends: enough to be listed, never read
        }
    }
}
