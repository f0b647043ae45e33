package dev.weir.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    private final List<String> keys = List.of("target", "strategy", "merge_keys", "partition_key");

    @Test
    void suggestsTheCandidateWithinTwoEdits() {
        assertThat(DidYouMean.closest("stratgy", keys)).contains("strategy");
        assertThat(DidYouMean.closest("tagret", keys)).contains("target");
    }

    @Test
    void ignoresCase() {
        assertThat(DidYouMean.closest("TARGET", keys)).contains("target");
    }

    @Test
    void suggestsByPrefixWhenTooManyEditsAway() {
        assertThat(DidYouMean.closest("partition", keys)).contains("partition_key");
        assertThat(DidYouMean.closest("merge_keys_list", keys)).contains("merge_keys");
    }

    @Test
    void suggestsNothingForAnUnrelatedName() {
        assertThat(DidYouMean.closest("colour", keys)).isEmpty();
        assertThat(DidYouMean.hint("colour", keys)).isEmpty();
    }

    @Test
    void prefersTheCloserCandidate() {
        assertThat(DidYouMean.closest("ab", List.of("xyz", "abc", "ab_"))).contains("abc");
        assertThat(DidYouMean.hint("upsrt", List.of("append", "upsert"))).contains("did you mean 'upsert'?");
    }
}
