package dev.weir.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.CheckRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RejectReasonTest {
    private static final Map<String, String> ROW =
            Map.of("quantity", "-2", "status", "lost", "order_id", "7", "line", "1");

    @Test
    void aRangeNamesTheValueAndTheBounds() {
        RejectReason reason = RejectReason.of(new CheckRule.Range(
                "quantity",
                Optional.of(new CheckRule.Literal("1", true)),
                Optional.of(new CheckRule.Literal("1000", true))));

        assertThat(reason.render(ROW::get)).isEqualTo("quantity = -2 is outside [1, 1000]");
    }

    @Test
    void anOpenRangeShowsInfinity() {
        RejectReason reason = RejectReason.of(
                new CheckRule.Range("quantity", Optional.of(new CheckRule.Literal("0", true)), Optional.empty()));

        assertThat(reason.render(ROW::get)).isEqualTo("quantity = -2 is outside [0, ∞]");
    }

    @Test
    void aMissingValueReadsNull() {
        RejectReason reason = RejectReason.of(new CheckRule.AcceptedValues("note", List.of("a", "b")));

        assertThat(reason.render(ROW::get)).isEqualTo("note = NULL is not one of [a, b]");
    }

    @Test
    void everyRowRuleHasItsReason() {
        assertThat(RejectReason.of(new CheckRule.NotNull("quantity")).render(ROW::get))
                .isEqualTo("quantity is NULL");
        assertThat(RejectReason.of(new CheckRule.Unique(List.of("order_id", "line")))
                        .render(ROW::get))
                .isEqualTo("order_id = 7, line = 1 is not unique");
        assertThat(RejectReason.of(new CheckRule.AcceptedValues("status", List.of("placed", "paid")))
                        .render(ROW::get))
                .isEqualTo("status = lost is not one of [placed, paid]");
        assertThat(RejectReason.of(new CheckRule.Matches("status", "^[a-z]{5}$"))
                        .render(ROW::get))
                .isEqualTo("status = lost does not match ^[a-z]{5}$");
        assertThat(RejectReason.of(new CheckRule.Expression("quantity > 0")).render(ROW::get))
                .isEqualTo("not true: quantity > 0");
    }
}
