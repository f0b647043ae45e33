package dev.weir.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.SourceFile;
import dev.weir.core.spi.Watermark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {
    @TempDir
    Path root;

    @Test
    void globSelectsMatchingFilesSortedByPath() throws IOException {
        touch("data/orders/b.csv", "data/orders/a.csv", "data/orders/notes.txt", "data/other/c.csv");

        Batch.Files batch = (Batch.Files) source("data/orders/*.csv", false).open(Watermark.NONE);

        assertThat(batch.files()).extracting(SourceFile::relativePath).containsExactly("data/orders/a.csv", "data/orders/b.csv");
        assertThat(batch.files().get(0).path()).isAbsolute();
    }

    @Test
    void doubleStarGlobDescendsIntoSubdirectories() throws IOException {
        touch("data/2024/01/a.csv", "data/2024/02/b.csv", "data/top.csv");

        Batch.Files batch = (Batch.Files) source("data/**/*.csv", false).open(Watermark.NONE);

        assertThat(batch.files()).extracting(SourceFile::relativePath).containsExactly("data/2024/01/a.csv", "data/2024/02/b.csv");
    }

    @Test
    void plainPathSelectsThatOneFile() throws IOException {
        touch("data/one.csv");

        Batch.Files batch = (Batch.Files) source("data/one.csv", false).open(Watermark.NONE);

        assertThat(batch.files()).extracting(SourceFile::relativePath).containsExactly("data/one.csv");
    }

    @Test
    void newFilesModeSkipsFilesAlreadyLoaded() throws IOException {
        touch("in/a.csv", "in/b.csv", "in/c.csv");
        Watermark loaded = new Watermark(Optional.empty(), new TreeSet<>(List.of("in/a.csv", "in/b.csv")));

        Batch.Files batch = (Batch.Files) source("in/*.csv", true).open(loaded);

        assertThat(batch.files()).extracting(SourceFile::relativePath).containsExactly("in/c.csv");
    }

    @Test
    void newFilesModeWithNothingNewGivesAnEmptyBatch() throws IOException {
        touch("in/a.csv");
        Watermark loaded = new Watermark(Optional.empty(), new TreeSet<>(List.of("in/a.csv")));

        assertThat(((Batch.Files) source("in/*.csv", true).open(loaded)).files()).isEmpty();
    }

    @Test
    void fullExtractWithNoMatchingFileFailsNamingThePattern() {
        assertThatThrownBy(() -> source("missing/*.csv", false).open(Watermark.NONE))
                .isInstanceOf(WeirException.class)
                .hasMessageStartingWith("Cannot extract: no file matches 'missing/*.csv'")
                .satisfies(e -> assertThat(((WeirException) e).code()).isEqualTo(ErrorCode.SOURCE_FAILED));
    }

    private FileSource source(String glob, boolean newFiles) {
        ExtractSpec spec = new ExtractSpec(ExtractSpec.FILES, glob, FileFormat.CSV, CsvOptions.DEFAULTS, List.of(),
                newFiles ? ExtractStrategy.INCREMENTAL : ExtractStrategy.FULL, Optional.empty(), newFiles);
        return new FileSource(root, spec);
    }

    private void touch(String... paths) throws IOException {
        for (String p : paths) {
            Path file = root.resolve(p);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "id\n1\n");
        }
    }
}
