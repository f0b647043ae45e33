package dev.weir.connectors.cdc;

import dev.weir.connectors.jdbc.ProjectDatabase;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spi.HealthFinding;
import dev.weir.core.spi.SourceContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code weir doctor}'s look at the replication slots named like Weir's ({@code weir_...}) in each
 * database the project's CDC pipelines read: the slots of its pipelines, with the WAL they keep, and
 * each slot that no pipeline of the project reads any more, which keeps WAL until someone drops it.
 * A slot of another Weir project reading the same database looks the same from here, so the repair
 * says to check that first. Only the databases of the pipelines the project still has are seen.
 */
final class SlotFindings {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final Map<String, ExtractSpec> extracts;
    private final Function<String, SourceContext> contexts;

    SlotFindings(Map<String, ExtractSpec> extracts, Function<String, SourceContext> contexts) {
        this.extracts = extracts;
        this.contexts = contexts;
    }

    List<HealthFinding> check() {
        Map<String, String> readers = new TreeMap<>();
        Map<String, List<String>> pipelinesByConnection = new LinkedHashMap<>();
        extracts.forEach((pipeline, extract) -> {
            if (extract.options() instanceof CdcOptions options) {
                readers.put(ReplicationSlot.nameOf(pipeline), pipeline);
                pipelinesByConnection
                        .computeIfAbsent(options.connection().name(), c -> new ArrayList<>())
                        .add(pipeline);
            }
        });
        List<HealthFinding> findings = new ArrayList<>();
        pipelinesByConnection.forEach((connection, pipelines) -> {
            String first = pipelines.get(0);
            CdcOptions options = (CdcOptions) extracts.get(first).options();
            findings.addAll(check(connection, options, contexts.apply(first), readers));
        });
        return findings;
    }

    private static List<HealthFinding> check(
            String connection, CdcOptions options, SourceContext context, Map<String, String> readers) {
        String subject = "replication slots of connection " + connection;
        try (ProjectDatabase database = new ProjectDatabase(options.connection(), context)) {
            try (Connection open = database.open(PATIENCE)) {
                open.setAutoCommit(true);
                return findings(connection, slots(open), readers);
            } catch (SQLException | WeirException e) {
                return List.of(HealthFinding.problem(
                        subject,
                        "cannot be checked: " + database.redact(String.valueOf(e.getMessage())),
                        Optional.of("check that the database is reachable: weir validate --connect")));
            }
        }
    }

    /** Weir's slots in the connection's database: name to the WAL the server keeps for it, in bytes. */
    private static Map<String, Long> slots(Connection connection) throws SQLException {
        Map<String, Long> slots = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT slot_name,"
                        + " COALESCE(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint"
                        + " FROM pg_catalog.pg_replication_slots"
                        + " WHERE slot_name LIKE 'weir\\_%' AND database = current_database()")) {
            while (rows.next()) {
                slots.put(rows.getString(1), rows.getLong(2));
            }
        }
        return slots;
    }

    private static List<HealthFinding> findings(
            String connection, Map<String, Long> slots, Map<String, String> readers) {
        List<HealthFinding> findings = new ArrayList<>();
        List<String> read = new ArrayList<>();
        Set<String> unread = new TreeSet<>();
        slots.forEach((slot, kept) -> {
            String reader = readers.get(slot);
            if (reader == null) {
                unread.add(slot);
            } else {
                read.add(slot + " (read by " + reader + ", keeps " + Lsns.walBytes(kept) + ")");
            }
        });
        findings.add(HealthFinding.healthy(
                "replication slots of connection " + connection,
                read.isEmpty() ? "none yet (a pipeline makes its slot on its first run)" : String.join(", ", read)));
        for (String slot : unread) {
            findings.add(HealthFinding.problem(
                    "replication slot " + slot + " of connection " + connection,
                    "no pipeline of this project reads it, and it keeps " + Lsns.walBytes(slots.get(slot))
                            + " (more with every change the server writes, until its disk fills)",
                    Optional.of("if no other Weir project reads it, drop it in that database: SELECT"
                            + " pg_drop_replication_slot('" + slot + "'); DROP PUBLICATION IF EXISTS " + slot
                            + " (weir cdc drop PIPELINE does both for a pipeline the project still has)")));
        }
        return findings;
    }
}
