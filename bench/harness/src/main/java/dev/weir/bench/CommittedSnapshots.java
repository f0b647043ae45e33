package dev.weir.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The snapshots of one table of a Weir project, read as any engine reads them: the current metadata
 * file named by the project's Iceberg JDBC catalog (SQLite), then its snapshot list. Each comes
 * with its commit time and the source position Weir committed with it ({@code weir.position}).
 */
final class CommittedSnapshots {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One commit: when it was made (the committer's clock), the position it holds, if any, and the
     * rows its readers see (data rows less those its position deletes remove; Weir keeps one delete
     * file per data file, so no position counts twice).
     */
    record Snapshot(long id, long committedAtMillis, Optional<String> position, long liveRecords) {}

    private CommittedSnapshots() {}

    /** The table's snapshots, oldest first; empty while it has no commit. */
    static List<Snapshot> of(Path project, String namespace, String table) {
        Optional<Path> metadata = currentMetadata(project.resolve(".weir/weir.db"), namespace, table);
        if (metadata.isEmpty()) {
            return List.of();
        }
        try {
            List<Snapshot> snapshots = new ArrayList<>();
            for (JsonNode s : JSON.readTree(metadata.get().toFile()).path("snapshots")) {
                JsonNode summary = s.path("summary");
                JsonNode position = summary.path("weir.position");
                snapshots.add(new Snapshot(
                        s.path("snapshot-id").asLong(),
                        s.path("timestamp-ms").asLong(),
                        position.isTextual() ? Optional.of(position.asText()) : Optional.empty(),
                        summary.path("total-records").asLong()
                                - summary.path("total-position-deletes").asLong()));
            }
            snapshots.sort(Comparator.comparingLong(Snapshot::committedAtMillis));
            return snapshots;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> currentMetadata(Path catalog, String namespace, String table) {
        if (!Files.exists(catalog)) {
            return Optional.empty();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + catalog + "?open_mode=1");
                PreparedStatement s = c.prepareStatement(
                        "SELECT metadata_location FROM iceberg_tables WHERE table_namespace = ? AND table_name = ?")) {
            s.setString(1, namespace);
            s.setString(2, table);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String location = r.getString(1);
                return Optional.of(location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location));
            }
        } catch (SQLException notYet) {
            // the catalog's tables are created with the first commit
            return Optional.empty();
        }
    }
}
