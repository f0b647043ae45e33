package dev.weir.connectors.file;

import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Keeps what a record reader hands over, for assertions (other sources' tests use it through this module's test jar). */
public final class CollectingSink implements RecordSink {
    public final List<List<Object>> rows = new ArrayList<>();
    public final List<RecordReject> rejects = new ArrayList<>();
    /** Where each row's record is, {@code file:line}, in the order of {@link #rows}. */
    public final List<String> rowOrigins = new ArrayList<>();

    @Override
    public void row(Object[] values, String file, long line) {
        rows.add(Arrays.asList(values));
        rowOrigins.add(file + ":" + line);
    }

    @Override
    public void reject(RecordReject reject) {
        rejects.add(reject);
    }

    /** The values of column {@code index} of every row, in order. */
    public List<Object> column(int index) {
        return rows.stream().map(r -> r.get(index)).toList();
    }

    public List<String> reasons() {
        return rejects.stream().map(RecordReject::reason).toList();
    }

    public List<String> origins() {
        return rejects.stream().map(RecordReject::origin).toList();
    }
}
