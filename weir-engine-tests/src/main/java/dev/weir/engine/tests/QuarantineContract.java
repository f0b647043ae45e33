package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.quality.CheckTarget;
import dev.weir.core.run.EngineContractLoads;
import dev.weir.core.run.Quarantine;
import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Under dead-letter the rows failing row-level checks are split off: each once, with the first
 * check it fails, why, and the row as JSON; core then commits them, like the malformed records,
 * into the table's quarantine.
 */
abstract class QuarantineContract extends ContractTopic {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CheckTarget ORDERS = CheckTarget.of("orders");
    private static final CheckSpec STATUS_NOT_NULL = check(new CheckRule.NotNull("status"));
    private static final CheckSpec QUANTITY_RANGE = check(new CheckRule.Range(
            "quantity",
            Optional.of(new CheckRule.Literal("1", true)),
            Optional.of(new CheckRule.Literal("100", true))));

    QuarantineContract(ContractProject project) {
        super(project, "quarantine");
    }

    @BeforeEach
    final void stageOrders() {
        session.runStage(
                "orders",
                "SELECT CAST(order_id AS BIGINT) AS order_id, CAST(status AS VARCHAR) AS status,"
                        + " CAST(quantity AS INTEGER) AS quantity FROM (VALUES (1, 'paid', 3), (2, 'Zoë''s', -1), (3, NULL, 5), (4, 'placed', NULL),"
                        + " (5, NULL, -5)) AS t(order_id, status, quantity)");
    }

    private static CheckSpec check(CheckRule rule) {
        return new CheckSpec(CheckSpec.defaultName(rule), rule, Severity.P1, true, "contracts/orders.yaml:9");
    }

    private static String quoted(String column) {
        return "\"" + column + "\"";
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void rowsPassingEveryCheckStayAndEachFailingRowIsRejectedOnceWithTheFirstCheckItFails() {
        RelationInfo passing =
                session.splitOnChecks("passing", "rejected", List.of(STATUS_NOT_NULL, QUANTITY_RANGE), ORDERS);

        assertThat(passing.name()).isEqualTo("passing");
        assertThat(passing.rowCount()).isEqualTo(2);
        assertThat(passing.schema().names()).containsExactly("order_id", "status", "quantity");
        assertThat(rows("SELECT order_id FROM passing ORDER BY order_id")).containsExactly(row("1"), row("4"));
        assertThat(rows("SELECT order_id, " + quoted(EngineSession.REJECTED_CHECK)
                        + " FROM rejected ORDER BY order_id"))
                .containsExactly(
                        row("2", "range(quantity)"), row("3", "not_null(status)"), row("5", "not_null(status)"));
    }

    @Test
    void aRejectedRowKeepsItsColumnsAndCarriesAReasonAndItselfAsJson() {
        session.splitOnChecks("passing", "rejected", List.of(STATUS_NOT_NULL, QUANTITY_RANGE), ORDERS);

        List<List<String>> rejected = rows("SELECT order_id, status, quantity, " + quoted(EngineSession.REJECTED_REASON)
                + ", " + quoted(EngineSession.REJECTED_RECORD) + " FROM rejected WHERE order_id = 2");

        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.subList(0, 3)).containsExactly("2", "Zoë's", "-1");
            assertThat(r.get(3)).contains("quantity").contains("-1");
            JsonNode record = json(r.get(4));
            assertThat(record.get("order_id").asLong()).isEqualTo(2);
            assertThat(record.get("status").asText()).isEqualTo("Zoë's");
            assertThat(record.get("quantity").asInt()).isEqualTo(-1);
        });
    }

    @Test
    void aUniqueCheckInASplitRejectsEveryRowOfARepeatedKey() {
        session.runStage(
                "repeated",
                "SELECT * FROM (VALUES (CAST(1 AS BIGINT), 'a'), (CAST(1 AS BIGINT), 'b'), (CAST(2 AS BIGINT), 'c'))"
                        + " AS t(order_id, status)");

        RelationInfo passing = session.splitOnChecks(
                "passing",
                "rejected",
                List.of(check(new CheckRule.Unique(List.of("order_id")))),
                CheckTarget.of("repeated"));

        assertThat(passing.rowCount()).isEqualTo(1);
        assertThat(rows("SELECT status FROM rejected ORDER BY status")).containsExactly(row("a"), row("b"));
    }

    @Test
    void aSplitWithNothingFailingRejectsNothing() {
        RelationInfo passing =
                session.splitOnChecks("passing", "rejected", List.of(check(new CheckRule.NotNull("order_id"))), ORDERS);

        assertThat(passing.rowCount()).isEqualTo(5);
        assertThat(rows("SELECT count(*) FROM rejected")).containsExactly(row("0"));
    }

    @Test
    void aSplitOnACheckThatCannotBeEvaluatedIsACheckError() {
        assertThatThrownBy(() -> session.splitOnChecks(
                        "passing", "rejected", List.of(check(new CheckRule.NotNull("no_such_column"))), ORDERS))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECK_ERROR));
    }

    @Test
    void rejectedRowsAreCommittedIntoTheTablesQuarantineWithTheirCheckReasonAndOrigin() {
        TableId target = table("orders");
        session.splitOnChecks("passing", "rejected", List.of(STATUS_NOT_NULL, QUANTITY_RANGE), ORDERS);

        long quarantined = new EngineContractLoads(project.store())
                .quarantineRejects(
                        session, target, "rejected", "data/orders.csv", List.of("order_id"), "quarantine-run-1");

        assertThat(quarantined).isEqualTo(3);
        TableId rejects = Quarantine.of(target);
        assertThat(read(rejects, "run_id, check_name, origin", "origin"))
                .containsExactly(
                        row("quarantine-run-1", "range(quantity)", "data/orders.csv order_id=2"),
                        row("quarantine-run-1", "not_null(status)", "data/orders.csv order_id=3"),
                        row("quarantine-run-1", "not_null(status)", "data/orders.csv order_id=5"));
        assertThat(json(rows("SELECT raw_record FROM " + rejects + " WHERE origin LIKE '%=2'")
                                .get(0)
                                .get(0))
                        .get("status")
                        .asText())
                .isEqualTo("Zoë's");
    }

    @Test
    void malformedRecordsAreCommittedIntoTheQuarantineWithFileAndLine() {
        TableId target = table("parsed");
        malformedRecords()
                .stageKeepingMalformed(
                        csv(
                                "quarantine/parsed.csv",
                                "id,day\n1,2024-03-01\n2,someday\n",
                                column("id", "BIGINT"),
                                column("day", "DATE")),
                        Optional.empty(),
                        "malformed");

        long quarantined = new EngineContractLoads(project.store())
                .quarantineMalformed(session, target, "malformed", "quarantine-run-2");

        assertThat(quarantined).isEqualTo(1);
        assertThat(read(Quarantine.of(target), "check_name, raw_record, origin", "origin"))
                .containsExactly(row("parse", "2,someday", "data/quarantine/parsed.csv:3"));
    }
    /**
     * A source that re-reads its input hands over the same unparsable records and rows without a
     * valid key on every run: those an earlier run of the pipeline quarantined are not set aside again.
     */
    @Test
    void rejectsAnEarlierRunOfThePipelineQuarantinedAreDroppedAndOnlyThose() {
        session.runStage(
                "set_aside",
                "SELECT * FROM (VALUES ('parse', 'bad', 'x,1', 'data/a.csv:2'), ('incremental_key', 'null_key',"
                        + " '{\"id\":4}', 'bronze.orders order_id=4'), ('parse', 'bad', 'x,1', 'data/a.csv:9'),"
                        + " ('parse', 'bad', 'y,2', 'data/a.csv:3')) AS t(" + quoted(EngineSession.REJECTED_CHECK)
                        + ", "
                        + quoted(EngineSession.REJECTED_REASON) + ", " + quoted(EngineSession.REJECTED_RECORD) + ", "
                        + quoted(EngineSession.REJECTED_ORIGIN) + ")");
        session.runStage(
                "earlier",
                "SELECT 'run-1' AS run_id, pipeline, TIMESTAMP '2024-01-01 00:00:00' AS rejected_at, 'parse' AS check_name,"
                        + " 'bad' AS reason, raw_record, origin FROM (VALUES ('silver_orders', 'x,1', 'data/a.csv:2'),"
                        + " ('silver_orders', '{\"id\":4}', 'bronze.orders order_id=4'), ('other', 'y,2', 'data/a.csv:3'))"
                        + " AS t(pipeline, raw_record, origin)");

        long left = rejectedRows().dropQuarantined("set_aside", "earlier", "silver_orders");

        assertThat(left).isEqualTo(2);
        assertThat(rows("SELECT " + quoted(EngineSession.REJECTED_ORIGIN) + " FROM set_aside ORDER BY 1"))
                .as("the same record at another line, and one another pipeline quarantined, are new")
                .containsExactly(row("data/a.csv:3"), row("data/a.csv:9"));
    }
}
