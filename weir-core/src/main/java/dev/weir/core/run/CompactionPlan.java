package dev.weir.core.run;

import dev.weir.core.spi.DataFileRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The groups of data files a compaction rewrites, each into files of about the target size: per
 * partition, its files with deletes and, when it has enough of them, its small files, packed
 * first-fit by decreasing size into groups of at most the target size (a larger file is a group
 * of its own). A group of one file without deletes would be rewritten for nothing and is left out.
 */
record CompactionPlan(List<List<DataFileRef>> groups) {
    CompactionPlan {
        groups = groups.stream().map(List::copyOf).toList();
    }

    static CompactionPlan of(List<DataFileRef> files, long targetFileSizeBytes, int minInputFiles) {
        long smallFileBytes = CompactionOptions.smallFileBytes(targetFileSizeBytes);
        Map<String, List<DataFileRef>> byPartition = files.stream()
                .collect(Collectors.groupingBy(DataFileRef::partition, TreeMap::new, Collectors.toList()));
        List<List<DataFileRef>> groups = new ArrayList<>();
        for (List<DataFileRef> partition : byPartition.values()) {
            List<DataFileRef> small = partition.stream()
                    .filter(f -> f.sizeBytes() < smallFileBytes)
                    .toList();
            boolean mergeSmall = small.size() >= minInputFiles;
            List<DataFileRef> chosen = partition.stream()
                    .filter(f -> f.hasDeletes() || (mergeSmall && f.sizeBytes() < smallFileBytes))
                    .sorted(Comparator.comparingLong(DataFileRef::sizeBytes)
                            .reversed()
                            .thenComparing(DataFileRef::path))
                    .toList();
            for (List<DataFileRef> group : pack(chosen, targetFileSizeBytes)) {
                if (group.size() > 1 || group.get(0).hasDeletes()) {
                    groups.add(group);
                }
            }
        }
        return new CompactionPlan(groups);
    }

    private static List<List<DataFileRef>> pack(List<DataFileRef> bySizeDescending, long target) {
        List<List<DataFileRef>> groups = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (DataFileRef file : bySizeDescending) {
            int fit = -1;
            for (int i = 0; i < groups.size() && fit < 0; i++) {
                if (sizes.get(i) + file.sizeBytes() <= target) {
                    fit = i;
                }
            }
            if (fit < 0) {
                groups.add(new ArrayList<>());
                sizes.add(0L);
                fit = groups.size() - 1;
            }
            groups.get(fit).add(file);
            sizes.set(fit, sizes.get(fit) + file.sizeBytes());
        }
        return groups;
    }

    List<DataFileRef> files() {
        return groups.stream().flatMap(List::stream).toList();
    }

    boolean isEmpty() {
        return groups.isEmpty();
    }
}
