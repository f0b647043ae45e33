package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.LoadSpec;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The postgres CDC source's spec problems, and the load it makes of a merge. */
class CdcSpecProblemsTest {
    @TempDir
    Path dir;

    private TestProject project;

    @BeforeEach
    void writeProjectFile() {
        project = new TestProject(dir).weirYaml("""
                name: cdc
                connections:
                  shop:
                    url: jdbc:postgresql://localhost:5432/shop
                    user: weir
                    password: ${env:SHOP_PASSWORD}
                """);
    }

    private static String pipeline(String extract, String load) {
        return """
                pipeline: {name: customers}
                extract:
                  source_system: postgres
                  connection: shop
                  strategy: cdc
                %s
                load:
                  target: bronze.customers
                %s
                """.formatted(extract.indent(2).stripTrailing(), load.indent(2).stripTrailing());
    }

    @Test
    void aMergeOfChangesIsOrderedAndDeletesByTheSource() {
        project.pipeline("customers", pipeline("table: public.customers", "strategy: merge\nmerge_keys: [id]"));

        LoadSpec load = project.load().pipelines().get(0).load();
        assertThat(load.sequenceBy()).contains("_cdc_sequence");
        assertThat(load.deleteWhen()).contains("_cdc_operation = 'delete'");
        assertThat(project.load().pipelines().get(0).extract().options().toString())
                .contains("table=public.customers, softDeletes=false, changeColumns=[LSN, COMMIT_TIME],"
                        + " maxChanges=100000, maxBatchTime=PT1M]");
    }

    @Test
    void softDeletesAreRowsOfTheirOwn() {
        project.pipeline(
                "customers",
                pipeline("table: customers\ndeletes: soft\nchange_columns: []", "strategy: merge\nmerge_keys: [id]"));

        LoadSpec load = project.load().pipelines().get(0).load();
        assertThat(load.deleteWhen()).isEqualTo(Optional.empty());
        assertThat(load.sequenceBy()).contains("_cdc_sequence");
    }

    @Test
    void changesAreAppliedByMergeOnly() {
        project.pipeline("customers", pipeline("table: public.customers", "strategy: upsert\nmerge_keys: [id]"));

        assertThat(project.problems())
                .containsExactly("pipelines/customers.yaml:9:13: load.strategy: A cdc source's changes are applied by"
                        + " key, which strategy upsert does not do — write 'strategy: merge' with merge_keys set to the"
                        + " source table's primary key");
    }

    @Test
    void theSourceOrdersAndDeletesItsChangesItself() {
        project.pipeline(
                "customers",
                pipeline(
                        "table: public.customers",
                        "strategy: merge\nmerge_keys: [id]\nsequence_by: updated_at\ndelete_when: \"op = 'd'\""));

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/customers.yaml:11:16: load.sequence_by: A cdc source orders its changes itself, by"
                                + " _cdc_sequence — remove sequence_by: changes are applied in the order the source"
                                + " committed them",
                        "pipelines/customers.yaml:12:16: load.delete_when: A cdc source marks its deletes itself —"
                                + " remove delete_when: a row deleted at the source is deleted from the table (or, with"
                                + " extract.deletes: soft, kept with _deleted_at)");
    }

    @Test
    void theTableAndChangeColumnsAreChecked() {
        project.pipeline(
                "customers",
                pipeline("change_columns: [lsn, xid]\ndeletes: hard", "strategy: merge\nmerge_keys: [id]"));

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/customers.yaml:3:3: extract.table: Missing required key 'table' — name the table"
                                + " whose changes to read, such as 'table: public.orders'",
                        "pipelines/customers.yaml:6:19: extract.change_columns: Unknown change column 'xid' — use any"
                                + " of [lsn, commit_time, transaction_id] (the operation and sequence columns are always"
                                + " there)",
                        "pipelines/customers.yaml:7:12: extract.deletes: Invalid value 'hard' — use one of delete,"
                                + " soft");
    }
}
