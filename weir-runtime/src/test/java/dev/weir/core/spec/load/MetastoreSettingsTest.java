package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.DatabaseLogin;
import dev.weir.core.spec.ProjectSpec;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** weir.yaml's metastore keys: a PostgreSQL metastore's login and the shared warehouse it needs. */
class MetastoreSettingsTest {
    private static final String PASSWORD = "planted-S3cret-4711";

    @TempDir
    Path dir;

    @Test
    void postgresMetastoreTakesItsLoginFromItsOwnKeysWithThePasswordFromTheEnvironment() {
        ProjectSpec spec = new TestProject(dir)
                .env("WEIR_METASTORE_PASSWORD", PASSWORD)
                .weirYaml("""
                        name: shop
                        metastore: jdbc:postgresql://db.internal:5432/weir
                        metastore_user: weir
                        metastore_password: "${env:WEIR_METASTORE_PASSWORD}"
                        warehouse: /srv/weir/shop/warehouse
                        """)
                .load();

        assertThat(spec.metastoreUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/weir");
        assertThat(spec.metastoreLogin()).contains(new DatabaseLogin("weir", PASSWORD));
        assertThat(spec.warehouse()).isEqualTo(Path.of("/srv/weir/shop/warehouse"));
        assertThat(spec.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void sqliteMetastoreHasNoLogin() {
        assertThat(new TestProject(dir).weirYaml("name: shop\n").load().metastoreLogin())
                .isEqualTo(Optional.empty());
    }

    @Test
    void postgresMetastoreWithoutAWarehouseIsRefusedWithAHint() {
        assertThat(new TestProject(dir)
                        .weirYaml("name: shop\nmetastore: jdbc:postgresql://db/weir\n")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .startsWith(
                                "weir.yaml:1:1: warehouse: Missing key 'warehouse': a PostgreSQL metastore is shared")
                        .endsWith(" — write the absolute path of a directory every machine sharing the metastore sees,"
                                + " e.g. 'warehouse: /srv/weir/shop/warehouse'"));
    }

    @Test
    void postgresMetastoreWithARelativeWarehouseIsRefusedAtTheWarehouseKey() {
        assertThat(new TestProject(dir)
                        .weirYaml("name: shop\nmetastore: jdbc:postgresql://db/weir\nwarehouse: shared/warehouse\n")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .startsWith("weir.yaml:3:12: warehouse: Invalid warehouse 'shared/warehouse': with a"
                                + " PostgreSQL metastore it must be an absolute path"));
    }

    @Test
    void passwordInTheUrlIsRefusedWithoutRepeatingIt() {
        assertThat(new TestProject(dir).env("PW", PASSWORD).weirYaml("""
                                name: shop
                                metastore: "jdbc:postgresql://db/weir?user=weir&password=${env:PW}"
                                warehouse: /srv/weir/warehouse
                                """).problems())
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .startsWith("weir.yaml:2:12: metastore: Invalid metastore: the URL holds a password")
                        .contains("metastore_password")
                        .doesNotContain(PASSWORD));
    }

    @Test
    void loginKeysOfASqliteMetastoreAreRefused() {
        assertThat(new TestProject(dir)
                        .weirYaml("name: shop\nmetastore_user: weir\n")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .startsWith("weir.yaml:2:17: metastore_user: Invalid metastore_user: only a PostgreSQL"
                                + " metastore has a login"));
    }
}
