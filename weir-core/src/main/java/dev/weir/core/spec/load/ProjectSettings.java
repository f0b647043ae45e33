package dev.weir.core.spec.load;

import dev.weir.core.spec.AlertSettings;
import dev.weir.core.spec.DatabaseLogin;
import dev.weir.core.spec.ErrorHandlingSpec;
import dev.weir.core.spec.SchedulerSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** What {@code weir.yaml} sets, resolved: absolute paths and the defaults pipelines inherit. */
record ProjectSettings(
        String name,
        String engine,
        Path stateDir,
        Path warehouse,
        String metastoreUrl,
        Optional<DatabaseLogin> metastoreLogin,
        String defaultOwner,
        ErrorHandlingSpec defaultErrorHandling,
        SchedulerSettings scheduler,
        AlertSettings alerts) {
    ProjectSettings {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(engine, "engine is null");
        Objects.requireNonNull(stateDir, "stateDir is null");
        Objects.requireNonNull(warehouse, "warehouse is null");
        Objects.requireNonNull(metastoreUrl, "metastoreUrl is null");
        Objects.requireNonNull(metastoreLogin, "metastoreLogin is null");
        Objects.requireNonNull(defaultOwner, "defaultOwner is null");
        Objects.requireNonNull(defaultErrorHandling, "defaultErrorHandling is null");
        Objects.requireNonNull(scheduler, "scheduler is null");
        Objects.requireNonNull(alerts, "alerts is null");
    }
}
