package dev.weir.core.spec.load;

import dev.weir.core.error.Location;
import java.util.Objects;

/** A value from a spec file and where it was written, for problems found across files. */
record LocatedText(String text, Location location) {
    LocatedText {
        Objects.requireNonNull(text, "text is null");
        Objects.requireNonNull(location, "location is null");
    }
}
