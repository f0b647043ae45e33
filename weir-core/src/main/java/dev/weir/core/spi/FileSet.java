package dev.weir.core.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** The position of a source that loads each file once: the files loaded so far, as paths relative to the project. */
public record FileSet(SortedSet<String> files) {
    public static final String KIND = "files";
    private static final ObjectMapper JSON = new ObjectMapper();

    public FileSet {
        files = Collections.unmodifiableSortedSet(new TreeSet<>(files));
    }

    public Position toPosition() {
        try {
            return new Position(KIND, JSON.writeValueAsString(files), "files:" + files.size());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files of {@code previous} when it is a file set; none otherwise. */
    public static FileSet of(Optional<Position> previous) {
        return previous.filter(p -> p.kind().equals(KIND))
                .map(FileSet::parse)
                .orElseGet(() -> new FileSet(new TreeSet<>()));
    }

    /** This set plus {@code more}. */
    public FileSet with(Iterable<String> more) {
        SortedSet<String> all = new TreeSet<>(files);
        more.forEach(all::add);
        return new FileSet(all);
    }

    private static FileSet parse(Position position) {
        try {
            return new FileSet(JSON.readValue(position.state(), new TypeReference<TreeSet<String>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Invalid file-set position: " + position.state(), e);
        }
    }
}
