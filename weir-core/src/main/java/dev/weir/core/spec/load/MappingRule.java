package dev.weir.core.spec.load;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The keys a spec mapping may hold, in the order the documentation lists them. */
public record MappingRule(List<KeyRule> keys) {
    public MappingRule {
        keys = List.copyOf(keys);
        if (keys.stream().map(KeyRule::key).distinct().count() != keys.size()) {
            throw new IllegalArgumentException("duplicate key in rule: " + keys);
        }
    }

    public static MappingRule of(KeyRule... keys) {
        return new MappingRule(Arrays.asList(keys));
    }

    public Optional<KeyRule> key(String name) {
        return keys.stream().filter(k -> k.key().equals(name)).findFirst();
    }

    public KeyRule require(String name) {
        return key(name).orElseThrow(() -> new IllegalArgumentException("no rule for key '" + name + "'"));
    }

    public List<String> keyNames() {
        return keys.stream().map(KeyRule::key).toList();
    }
}
