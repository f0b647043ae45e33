package dev.weir.connectors.jdbc;

import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a reader hands over, as the engine would stage it. */
final class CollectingSink implements RecordSink {
    final List<Object[]> rows = new ArrayList<>();
    final List<RecordReject> rejects = new ArrayList<>();

    @Override
    public void row(Object[] values, String file, long line) {
        rows.add(values);
    }

    @Override
    public void reject(RecordReject reject) {
        rejects.add(reject);
    }
}
