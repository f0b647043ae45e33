package dev.weir.metastore;

import dev.weir.core.spec.DatabaseLogin;
import java.util.Optional;

/** The metastore contract of {@link SqlMetastoreIT} on PostgreSQL, a new database per test. */
class PostgresMetastoreIT extends SqlMetastoreIT {
    @Override
    String newDatabase() {
        return SharedPostgres.newMigratedDatabase();
    }

    @Override
    Optional<DatabaseLogin> login() {
        return Optional.of(SharedPostgres.LOGIN);
    }
}
