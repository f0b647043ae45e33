package dev.weir.metastore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.core.quality.CheckPhase;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.quality.CheckStatus;
import dev.weir.core.spec.Severity;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How a {@link CheckResult} maps to a row of {@code weir_check_results}. The phase is kept as its
 * YAML name and the status in lower case like {@code weir_runs.status}, so that queries on the
 * file spell them as Weir's YAML and run log do.
 * The sample is one JSON array holding each failing row's text as a JSON string: re-encoding the
 * rows as nested objects would not give back the exact text the engine produced.
 */
final class CheckResultRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String INSERT = "INSERT INTO weir_check_results (run_id, check_name, check_type, phase, severity,"
            + " status, blocking, observed, threshold, failing_rows, sample_json, recorded_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The results of one run in insertion order, which {@code result_id} records. */
    static final String SELECT_OF_RUN = "SELECT run_id, check_name, check_type, phase, severity, status, blocking,"
            + " observed, threshold, failing_rows, sample_json"
            + " FROM weir_check_results WHERE run_id = ? ORDER BY result_id";

    private CheckResultRows() {}

    static void bind(PreparedStatement statement, CheckResult result, Instant recordedAt) throws SQLException {
        statement.setString(1, result.runId());
        statement.setString(2, result.check());
        statement.setString(3, result.type());
        statement.setString(4, result.phase().yamlName());
        statement.setString(5, result.severity().name());
        statement.setString(6, result.status().name().toLowerCase(Locale.ROOT));
        statement.setBoolean(7, result.blocking());
        statement.setString(8, result.observed());
        statement.setString(9, result.threshold());
        statement.setLong(10, result.failingRows());
        statement.setString(11, sampleJson(result.sample()));
        statement.setString(12, TimestampText.format(recordedAt));
    }

    static CheckResult read(ResultSet row) throws SQLException {
        return new CheckResult(
                row.getString("run_id"),
                row.getString("check_name"),
                row.getString("check_type"),
                phase(row.getString("phase")),
                Severity.valueOf(row.getString("severity")),
                CheckStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                row.getBoolean("blocking"),
                row.getString("observed"),
                row.getString("threshold"),
                row.getLong("failing_rows"),
                sample(row.getString("sample_json")));
    }

    private static String sampleJson(List<String> sample) {
        try {
            return JSON.writeValueAsString(sample);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> sample(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Invalid sample_json in weir_check_results: " + json, e);
        }
    }

    private static CheckPhase phase(String yamlName) {
        for (CheckPhase phase : CheckPhase.values()) {
            if (phase.yamlName().equals(yamlName)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("Unknown check phase: " + yamlName);
    }
}
