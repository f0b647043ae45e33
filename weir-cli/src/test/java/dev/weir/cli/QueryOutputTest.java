package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.QueryResult;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryOutputTest {
    private static final QueryResult RESULT = new QueryResult(
            List.of("id", "name", "amount", "paid", "ratio"),
            List.of("long", "string", "decimal(10,2)", "boolean", "double"),
            List.of(
                    Arrays.asList("1", "Zoë, \"the\" first", "10.50", "true", "0.5"),
                    Arrays.asList("2", null, null, "false", "NaN")));

    @Test
    void csvQuotesWhatNeedsItAndLeavesNullEmpty() throws IOException {
        assertThat(write(QueryOutput.csv))
                .isEqualTo("id,name,amount,paid,ratio\n1,\"Zoë, \"\"the\"\" first\",10.50,true,0.5\n2,,,false,NaN\n");
    }

    @Test
    void jsonLinesKeepNumbersAndBooleansTypedAndNullsNull() throws IOException {
        assertThat(write(QueryOutput.jsonl).split("\n"))
                .containsExactly(
                        "{\"id\":1,\"name\":\"Zoë, \\\"the\\\" first\",\"amount\":10.50,\"paid\":true,\"ratio\":0.5}",
                        "{\"id\":2,\"name\":null,\"amount\":null,\"paid\":false,\"ratio\":\"NaN\"}");
    }

    @Test
    void jsonIsOneArray() throws IOException {
        assertThat(write(QueryOutput.json))
                .startsWith("[ {")
                .contains("\"amount\" : 10.50")
                .endsWith("} ]" + System.lineSeparator());
    }

    @Test
    void theTableCountsItsRows() throws IOException {
        assertThat(write(QueryOutput.table)).contains("Zoë").endsWith("(2 rows)" + System.lineSeparator());
    }

    private static String write(QueryOutput format) throws IOException {
        StringWriter out = new StringWriter();
        format.write(RESULT, out, false);
        return out.toString();
    }
}
