package dev.weir.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.io.InputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileIOTest {
    @TempDir
    Path dir;

    private final LocalFileIO io = new LocalFileIO();

    @Test
    void writtenFileReadsBackIntoNewDirectories() throws IOException {
        String location = dir.resolve("metadata/v1.json").toString();

        try (OutputStream out = io.newOutputFile(location).create()) {
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        InputFile input = io.newInputFile(location);

        assertThat(input.exists()).isTrue();
        assertThat(input.getLength()).isEqualTo(2);
        try (InputStream in = input.newStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
        }
    }

    @Test
    void deleteRemovesTheFileAndIgnoresMissingOnes() throws IOException {
        Path file = Files.writeString(dir.resolve("x.parquet"), "x");

        io.deleteFile(file.toString());
        io.deleteFile(file.toString());

        assertThat(file).doesNotExist();
    }

    @Test
    void fileUriLocationsAsHadoopWritesThemAreLocalPaths() {
        assertThat(LocalFileIO.toPath("file:/tmp/wh/a b/x.parquet")).isEqualTo(Path.of("/tmp/wh/a b/x.parquet"));
        assertThat(LocalFileIO.toPath("file:///tmp/wh/x.parquet")).isEqualTo(Path.of("/tmp/wh/x.parquet"));
        assertThat(LocalFileIO.toPath("/tmp/wh/x.parquet")).isEqualTo(Path.of("/tmp/wh/x.parquet"));
    }

    @Test
    void objectStoreLocationsAreRefused() {
        assertThatThrownBy(() -> io.newInputFile("s3://bucket/wh/x.parquet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot access s3://bucket/wh/x.parquet: only local files are supported");
    }

    @Test
    void keepsThePropertiesItWasInitialisedWith() {
        io.initialize(Map.of("warehouse", "/tmp/wh"));

        assertThat(io.properties()).containsExactly(Map.entry("warehouse", "/tmp/wh"));
    }
}
