package dev.weir.core.spec.load;

import dev.weir.core.spi.SpecValues;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A spec section as plugins see it: typed values and problems reported where they were written. */
class SectionView implements SpecValues {
    private final SectionValues values;

    SectionView(SectionValues values) {
        this.values = Objects.requireNonNull(values, "values is null");
    }

    final SectionValues values() {
        return values;
    }

    @Override
    public boolean has(String key) {
        return values.has(key);
    }

    @Override
    public Optional<String> text(String key) {
        return values.text(key);
    }

    @Override
    public boolean bool(String key) {
        return values.bool(key);
    }

    @Override
    public List<String> strings(String key) {
        return values.strings(key);
    }

    @Override
    public Map<String, String> pairs(String key) {
        return values.pairs(key);
    }

    @Override
    public SpecValues section(String key) {
        return new SectionView(values.section(key));
    }

    @Override
    public void problem(String key, String message, String hint) {
        values.problems().add(values.location(key), message, hint);
    }
}
