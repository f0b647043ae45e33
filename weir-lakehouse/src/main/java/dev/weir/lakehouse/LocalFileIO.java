package dev.weir.lakehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * Iceberg file access for local files only. Iceberg catalogs default to {@code HadoopFileIO}; this
 * one keeps Hadoop off the runtime classpath. Public with a no-argument constructor because the
 * catalog instantiates it by class name ({@code io-impl}).
 */
public final class LocalFileIO implements FileIO {
    private Map<String, String> properties = Map.of();

    @Override
    public void initialize(Map<String, String> newProperties) {
        this.properties = Map.copyOf(newProperties);
    }

    @Override
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public InputFile newInputFile(String location) {
        return org.apache.iceberg.Files.localInput(toPath(location).toFile());
    }

    @Override
    public OutputFile newOutputFile(String location) {
        return org.apache.iceberg.Files.localOutput(toPath(location).toFile());
    }

    @Override
    public void deleteFile(String location) {
        try {
            Files.deleteIfExists(toPath(location));
        } catch (IOException e) {
            throw new RuntimeIOException(e, "Cannot delete %s", location);
        }
    }

    /**
     * The local path of an Iceberg location: a plain absolute path, or a {@code file:} URI as
     * written by engines that go through Hadoop (Spark).
     */
    static Path toPath(String location) {
        if (location.startsWith("file:")) {
            // Hadoop writes file:/a b, unencoded, so this is not parsed as a URI
            String path = location.substring("file:".length());
            return Path.of(path.startsWith("//") ? path.substring(2) : path);
        }
        if (location.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("Cannot access " + location + ": only local files are supported");
        }
        return Path.of(location).toAbsolutePath();
    }
}
