package dev.weir.engine.tests;

import dev.weir.core.spi.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every Weir engine passes, through the {@link Engine} SPI, core's loaders and a real
 * Iceberg table store. An engine's test module extends this class and implements {@link #engine}:
 *
 * <pre>{@code
 * class DuckDbEngineContractTest extends EngineContractTest {
 *     protected Engine engine() { return new DuckDbEngine(Optional.of("1GB")); }
 * }
 * }</pre>
 *
 * The topics are the nested classes: staging each kind of batch, malformed records, load
 * strategies, newest-wins loads, where stage SQL fails, casts to a contract's types, values (NULLs, unicode, decimals, times), schema evolution, checks and the
 * quarantine. One project (warehouse and catalog in a temporary directory) serves the whole suite;
 * each test opens a session of its own and uses tables of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineContractTest {
    private ContractProject project;

    /** The engine under test; called once per run of the suite. */
    protected abstract Engine engine();

    @BeforeAll
    final void openProject() {
        project = ContractProject.open(engine());
    }

    @AfterAll
    final void closeProject() {
        if (project != null) {
            project.close();
        }
    }

    @Nested
    class Staging extends StagingContract {
        Staging() {
            super(EngineContractTest.this.project);
        }
    }

    @Nested
    class IncrementalKeys extends IncrementalKeyContract {
        IncrementalKeys() {
            super(EngineContractTest.this.project);
        }
    }

    @Nested
    class Records extends RecordsContract {
        Records() {
            super(EngineContractTest.this.project);
        }
    }

    @Nested
    class StageSql extends StageSqlContract {
        StageSql() {
            super(EngineContractTest.this.project);
        }
    }

    @Nested
    class ColumnCasts extends ColumnCastsContract {
        ColumnCasts() {
            super(EngineContractTest.this.project);
        }
    }

    @Nested
    class MalformedRecords extends MalformedRecordsContract {
        MalformedRecords() {
            super(EngineContractTest.this.project);
        }
    }

    @Nested
    class LoadStrategies extends LoadStrategyContract {
        LoadStrategies() {
            super(EngineContractTest.this.project);
        }
    }

    @Nested
    class SequencedLoads extends SequencedLoadContract {
        SequencedLoads() {
            super(EngineContractTest.this.project);
        }
    }

    @Nested
    class HistoryLoads extends HistoryLoadContract {
        HistoryLoads() {
            super(EngineContractTest.this.project);
        }
    }

    @Nested
    class VanishedRowsLoads extends VanishedRowsContract {
        VanishedRowsLoads() {
            super(EngineContractTest.this.project);
        }
    }

    @Nested
    class Values extends ValuesContract {
        Values() {
            super(EngineContractTest.this.project);
        }
    }

    @Nested
    class SchemaEvolution extends SchemaEvolutionContract {
        SchemaEvolution() {
            super(EngineContractTest.this.project);
        }
    }

    @Nested
    class Checks extends CheckContract {
        Checks() {
            super(EngineContractTest.this.project);
        }
    }

    @Nested
    class Quarantine extends QuarantineContract {
        Quarantine() {
            super(EngineContractTest.this.project);
        }
    }

    @Nested
    class RecordOrigins extends RecordOriginsContract {
        RecordOrigins() {
            super(EngineContractTest.this.project);
        }
    }
}
