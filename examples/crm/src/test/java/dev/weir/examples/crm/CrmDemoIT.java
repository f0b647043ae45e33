package dev.weir.examples.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRM demo through the real command line against the real services (PostgreSQL, the orders
 * API), started once for the class: the first day, a rerun, the second day's changes, a rerun.
 * Each test checks one promise of what those four runs left.
 */
class CrmDemoIT {
    private static final String TOKEN = "planted-api-t0ken-4d1c";
    private static final String PASSWORD = "planted-db-pa55-9e07";

    @TempDir
    static Path dir;

    private static CrmServices services;
    private static CrmProject project;
    private static Weir.Result firstDay;
    private static Weir.Result firstDayAgain;
    private static Weir.Result secondDay;
    private static Weir.Result secondDayAgain;
    private static int firstDayRequests;
    private static Map<String, Integer> snapshotsAfterSecondDay;
    private static Map<String, Integer> snapshotsAfterRerun;

    @BeforeAll
    static void runTheDemo() {
        services = CrmServices.start(dir.resolve("services"), TOKEN, PASSWORD);
        project = CrmProject.copyInto(dir.resolve("crm"));
        Map<String, String> env = services.environment(TOKEN, PASSWORD);

        firstDay = Weir.run(project.root(), env, "run");
        firstDayRequests = services.apiRequests();
        firstDayAgain = Weir.run(project.root(), env, "run");
        assertThat(services.applySecondDay()).isTrue();
        secondDay = Weir.run(project.root(), env, "run");
        snapshotsAfterSecondDay = snapshotCounts();
        secondDayAgain = Weir.run(project.root(), env, "run");
        snapshotsAfterRerun = snapshotCounts();
    }

    @AfterAll
    static void stopTheServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void everyRunSucceedsForEveryPipeline() {
        for (Weir.Result run : List.of(firstDay, firstDayAgain, secondDay, secondDayAgain)) {
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.pipelineLines()).as(run.toString()).hasSize(6).allMatch(l -> l.startsWith("SUCCESS"));
        }
    }

    @Test
    void theFirstDayLoadsEveryCustomerAndEveryOrderOfAllSixPages() {
        assertThat(firstDay.out())
                .contains("SUCCESS bronze_customers       extracted 50, loaded 50, rejected 0; wrote 50 rows")
                .contains("SUCCESS bronze_orders          extracted 300, loaded 300, rejected 0; wrote 300 rows");
        // 300 orders, 50 a page: six pages, the last without a next cursor
        assertThat(firstDayRequests).isEqualTo(6);
        try (Lakehouse lake = new Lakehouse(project.root())) {
            assertThat(lake.count("silver.orders")).isEqualTo(CrmData.FIRST_DAY_ORDERS + CrmData.NEW_ORDERS);
        }
    }

    @Test
    void theDimensionHasOneCurrentRowPerCustomerTheCrmStillHas() {
        int customers = CrmData.FIRST_DAY_CUSTOMERS + CrmData.NEW_CUSTOMERS;
        try (Lakehouse lake = new Lakehouse(project.root())) {
            assertThat(lake.rows("SELECT count(*), count(DISTINCT customer_id) FROM gold.dim_customers"
                            + " WHERE is_current"))
                    .containsExactly(List.of(String.valueOf(customers - 1), String.valueOf(customers - 1)));
            assertThat(lake.value("SELECT count(*) FROM (SELECT customer_id FROM gold.dim_customers"
                            + " GROUP BY 1 HAVING count(*) FILTER (WHERE is_current) <> 1)"))
                    .as("only the deleted customer has no current version")
                    .isEqualTo("1");
            assertThat(lake.value("SELECT count(*) FROM gold.dim_customers WHERE is_current"
                            + " AND valid_to <> TIMESTAMP '9999-12-31'"))
                    .isEqualTo("0");
            assertThat(lake.count("gold.dim_customers")).isEqualTo(customers + CrmData.CHANGED_CUSTOMERS.size());
        }
    }

    @Test
    void aCustomerDeletedInTheCrmLeavesBronzeAndSilverAndItsVersionIsClosed() {
        int deleted = CrmData.DELETED_CUSTOMER;
        try (Lakehouse lake = new Lakehouse(project.root())) {
            assertThat(lake.value("SELECT count(*) FROM bronze.customers WHERE customer_id = " + deleted))
                    .isEqualTo("0");
            assertThat(lake.value("SELECT count(*) FROM silver.customers WHERE customer_id = " + deleted))
                    .isEqualTo("0");
            List<List<String>> history = lake.rows("SELECT is_current, valid_to < TIMESTAMP '9999-12-31'"
                    + " FROM gold.dim_customers WHERE customer_id = " + deleted);
            assertThat(history).containsExactly(List.of("false", "true"));
            // its orders stay, and still see who the customer was when they ordered
            assertThat(lake.value("SELECT count(*) = count(customer_segment) FROM gold.orders WHERE customer_id = "
                            + deleted))
                    .isEqualTo("true");
        }
    }

    @Test
    void aChangedCustomersOldVersionIsClosedWhenTheNewOneBegins() throws SQLException {
        Map<Integer, String> changedAt = new java.util.HashMap<>();
        try (Connection db = CrmDatabase.connectAsOwner(services.databaseUrl());
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT customer_id, segment, city, updated_at::text FROM customers")) {
            while (rs.next()) {
                changedAt.put(rs.getInt(1), rs.getString(2) + "," + rs.getString(3) + "," + rs.getString(4));
            }
        }
        try (Lakehouse lake = new Lakehouse(project.root())) {
            for (int customer : CrmData.CHANGED_CUSTOMERS) {
                List<List<String>> versions = lake.rows("SELECT segment, city, CAST(valid_from AS VARCHAR),"
                        + " CAST(valid_to AS VARCHAR), is_current FROM gold.dim_customers WHERE customer_id = "
                        + customer + " ORDER BY valid_from");
                String[] now = changedAt.get(customer).split(",");
                assertThat(versions).as("customer %d", customer).hasSize(2);
                assertThat(versions.get(0).get(3))
                        .isEqualTo(now[2])
                        .isEqualTo(versions.get(1).get(2));
                assertThat(versions.get(0).get(4)).isEqualTo("false");
                assertThat(versions.get(0).subList(0, 2)).isNotEqualTo(List.of(now[0], now[1]));
                assertThat(versions.get(1)).containsExactly(now[0], now[1], now[2], "9999-12-31 00:00:00", "true");
            }
        }
    }

    @Test
    void aChangeOfTheUntrackedPhoneNumberAloneMakesNoNewVersion() {
        try (Lakehouse lake = new Lakehouse(project.root())) {
            assertThat(lake.rows("SELECT is_current, reasserted_at FROM gold.dim_customers WHERE customer_id = "
                            + CrmData.PHONE_ONLY_CUSTOMER))
                    .containsExactly(List.of("true", "2026-11-03 09:00:00"));
            assertThat(lake.value(
                            "SELECT phone FROM silver.customers WHERE customer_id = " + CrmData.PHONE_ONLY_CUSTOMER))
                    .isEqualTo("+49 30 9999999");
        }
    }

    @Test
    void ordersLoadWithTheirMetadataColumnsAndTheirLatestStatus() {
        try (Lakehouse lake = new Lakehouse(project.root())) {
            // bronze keeps every version the API sent: the first day's, the new orders and the status changes
            assertThat(lake.count("bronze.orders"))
                    .isEqualTo(CrmData.FIRST_DAY_ORDERS + CrmData.NEW_ORDERS + CrmData.STATUS_CHANGES);
            // each row's source names the page and the record it came from
            assertThat(lake.rows("SELECT count(DISTINCT _weir_run_id), count(DISTINCT regexp_extract(_weir_source,"
                            + " ' page [0-9]+:')), count(*) FILTER (WHERE _weir_loaded_at IS NULL"
                            + " OR NOT starts_with(_weir_source, '" + services.apiUrl()
                            + " page ')) FROM bronze.orders"))
                    .containsExactly(List.of("2", "6", "0"));
            assertThat(lake.rows("SELECT count(*) FROM silver.orders WHERE _weir_loaded_at IS NULL"
                            + " OR _weir_run_id IS NULL OR _weir_source IS NULL"))
                    .containsExactly(List.of("0"));
            assertThat(lake.value("SELECT count(*) FROM silver.orders WHERE status IN ('delivered', 'cancelled',"
                            + " 'returned')"))
                    .isEqualTo(String.valueOf(CrmData.STATUS_CHANGES));
            assertThat(lake.value("SELECT count(DISTINCT shipping_city) FROM bronze.orders WHERE shipping_city"
                            + " IS NOT NULL"))
                    .isEqualTo("8");
        }
    }

    @Test
    void eachOrderSeesTheCustomerAsTheyWereWhenItWasPlaced() {
        try (Lakehouse lake = new Lakehouse(project.root())) {
            assertThat(lake.value("SELECT count(*) FROM gold.orders WHERE customer_segment IS NULL"))
                    .isEqualTo("0");
            // every order of a changed customer joins the version valid at its time: old before, new after
            List<List<String>> wrong = lake.rows("SELECT o.order_id FROM gold.orders o JOIN gold.dim_customers d"
                    + " ON d.customer_id = o.customer_id AND o.ordered_at >= d.valid_from AND o.ordered_at < d.valid_to"
                    + " WHERE o.customer_segment <> d.segment OR o.customer_city <> d.city"
                    + " OR o.customer_version_from <> d.valid_from");
            assertThat(wrong).isEmpty();
            assertThat(lake.value("SELECT count(DISTINCT customer_version_from) FROM gold.orders WHERE customer_id = "
                            + CrmData.CHANGED_CUSTOMERS.get(0)))
                    .isEqualTo("2");
        }
    }

    @Test
    void everyRunRecordBalancesItsCounts() {
        List<JsonNode> records = project.runRecords();

        assertThat(records).hasSize(24).allSatisfy(r -> {
            assertThat(r.get("status").asText()).isEqualTo("success");
            assertThat(r.get("rows_extracted").asLong())
                    .as(r.toString())
                    .isEqualTo(r.get("rows_loaded").asLong()
                            + r.get("rows_rejected").asLong());
        });
    }

    @Test
    void aRerunWithNoChangesWritesNoRowAndCommitsNothing() {
        for (Weir.Result rerun : List.of(firstDayAgain, secondDayAgain)) {
            assertThat(rerun.pipelineLines()).as(rerun.toString()).allMatch(l -> l.contains("; wrote 0 rows;"));
        }
        // bronze_customers re-reads the rows inside its 10-minute lookback, which replace nothing
        assertThat(secondDayAgain.out()).contains("SUCCESS bronze_customers       extracted 1, loaded 1, rejected 0");
        assertThat(snapshotsAfterRerun).hasSize(6).isEqualTo(snapshotsAfterSecondDay);
    }

    @Test
    void theSecretsAppearInNoOutputAndNoFileOfTheProject() throws IOException {
        StringBuilder everything = new StringBuilder();
        for (Weir.Result run : List.of(firstDay, firstDayAgain, secondDay, secondDayAgain)) {
            everything.append(run.out()).append(run.err());
        }
        try (Stream<Path> files = Files.walk(project.root())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                everything.append(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(everything.toString()).doesNotContain(TOKEN).doesNotContain(PASSWORD);
    }

    private static Map<String, Integer> snapshotCounts() {
        try (Lakehouse lake = new Lakehouse(project.root())) {
            return lake.snapshotCounts();
        }
    }
}
