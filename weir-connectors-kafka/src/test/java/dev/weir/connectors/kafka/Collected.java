package dev.weir.connectors.kafka;

import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a read handed to its sink. */
final class Collected implements RecordSink {
    final List<List<Object>> rows = new ArrayList<>();
    final List<String> rowOrigins = new ArrayList<>();
    final List<RecordReject> rejects = new ArrayList<>();

    @Override
    public void row(Object[] values, String file, long line) {
        rows.add(Arrays.asList(values));
        rowOrigins.add(file + ":" + line);
    }

    @Override
    public void reject(RecordReject reject) {
        rejects.add(reject);
    }

    List<Object> column(int index) {
        return rows.stream().map(r -> r.get(index)).toList();
    }
}
