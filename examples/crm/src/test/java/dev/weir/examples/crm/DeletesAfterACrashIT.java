package dev.weir.examples.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed while it commits the second day's changes and deletes, and run again: the deletes
 * are found again and the tables end as an uninterrupted run leaves them. The deletes go in the
 * same commit as the changes, so there is no state in between to recover.
 */
class DeletesAfterACrashIT {
    private static final String TOKEN = "crash-api-t0ken";
    private static final String PASSWORD = "crash-db-pa55";

    @TempDir
    Path dir;

    @Test
    void aRunKilledBeforeItsCommitsAndRunAgainReconcilesEveryDeleteOnce() {
        try (CrmServices services = CrmServices.start(dir.resolve("services"), TOKEN, PASSWORD)) {
            CrmProject project = CrmProject.copyInto(dir.resolve("crm"));
            Map<String, String> env = services.environment(TOKEN, PASSWORD);
            assertThat(Weir.run(project.root(), env, "run").exitCode()).isZero();
            assertThat(services.applySecondDay()).isTrue();

            for (String pipeline : List.of("bronze_customers", "dim_customers")) {
                Map<String, String> killed = new HashMap<>(env);
                killed.put("WEIR_FAIL_POINT", "after-write-before-commit@" + pipeline);
                Weir.Result crash = Weir.run(project.root(), killed, "run");
                assertThat(crash.exitCode()).as(crash.toString()).isEqualTo(137);
            }
            Weir.Result resumed = Weir.run(project.root(), env, "run");

            assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
            assertThat(resumed.out())
                    .contains("SUCCESS dim_customers")
                    .contains("reconciled 1 row gone from the source");
            try (Lakehouse lake = new Lakehouse(project.root())) {
                int customers = CrmData.FIRST_DAY_CUSTOMERS + CrmData.NEW_CUSTOMERS;
                assertThat(lake.count("bronze.customers")).isEqualTo(customers - 1);
                assertThat(lake.count("silver.customers")).isEqualTo(customers - 1);
                assertThat(lake.rows("SELECT count(*), count(*) FILTER (WHERE is_current) FROM gold.dim_customers"))
                        .containsExactly(List.of(
                                String.valueOf(customers + CrmData.CHANGED_CUSTOMERS.size()),
                                String.valueOf(customers - 1)));
                assertThat(lake.value("SELECT count(*) FROM gold.dim_customers WHERE customer_id = "
                                + CrmData.DELETED_CUSTOMER + " AND NOT is_current"))
                        .isEqualTo("1");
            }
            Weir.Result doctor = Weir.run(project.root(), env, "doctor");
            assertThat(doctor.exitCode()).as(doctor.toString()).isZero();
        }
    }
}
