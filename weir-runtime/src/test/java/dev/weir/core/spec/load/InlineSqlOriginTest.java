package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.weir.core.error.Location;
import dev.weir.core.spec.SqlOrigin;
import java.io.IOException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Each character of inline SQL is found again in the pipeline file, whatever YAML style holds it. */
class InlineSqlOriginTest {
    private static final String FILE = "pipelines/p.yaml";

    /** Where the first {@code amout} of the value under {@code sql:} in {@code yaml} was written. */
    private static String locateAmout(String yaml) throws IOException {
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.VALUE_STRING && "sql".equals(parser.currentName())) {
                    String sql = parser.getText();
                    Location value = new Location(
                            FILE,
                            parser.currentTokenLocation().getLineNr(),
                            parser.currentTokenLocation().getColumnNr(),
                            "");
                    SqlOrigin origin = new InlineSqlOrigin(yaml).of(value, sql);
                    return origin.locate(OptionalInt.of(sql.indexOf("amout"))).render();
                }
            }
        }
        throw new AssertionError("no sql: value in " + yaml);
    }

    @Test
    void literalBlockKeepsLinesAndIndentation() throws IOException {
        assertThat(locateAmout("stage:\n  sql: |\n    SELECT id,\n        amout\n    FROM source\n"))
                .isEqualTo(FILE + ":4:9");
    }

    @Test
    void literalBlockWithIndentationIndicatorCountsTheExtraSpaces() throws IOException {
        assertThat(locateAmout("stage:\n  sql: |2-\n      SELECT amout\n")).isEqualTo(FILE + ":3:14");
    }

    @Test
    void foldedBlockTurnsLineBreaksIntoSpaces() throws IOException {
        assertThat(locateAmout("stage:\n  sql: >-\n    SELECT id,\n    amout FROM source\n"))
                .isEqualTo(FILE + ":4:5");
    }

    @Test
    void plainValueOverSeveralLines() throws IOException {
        assertThat(locateAmout("stage:\n  sql: SELECT id,\n    x, amout\n")).isEqualTo(FILE + ":3:8");
    }

    @Test
    void doubleQuotedValueWithEscapes() throws IOException {
        assertThat(locateAmout("stage: {sql: \"SELECT \\\"id\\\",\\n amout\"}")).isEqualTo(FILE + ":1:32");
    }

    @Test
    void singleQuotedValueWithDoubledQuotes() throws IOException {
        assertThat(locateAmout("stage:\n  sql: 'SELECT ''a'' AS x, amout'\n")).isEqualTo(FILE + ":2:28");
    }

    @Test
    void valueThatIsNotFoundInTheTextIsLocatedAtItsStart() throws IOException {
        String yaml = "stage:\n  sql: SELECT amout FROM t\n";
        SqlOrigin origin =
                new InlineSqlOrigin(yaml).of(new Location(FILE, 2, 8, "stage.sql"), "SELECT x, amout FROM t");

        assertThat(origin.locate(OptionalInt.of(10)).render()).isEqualTo(FILE + ":2:8");
        assertThat(origin.anchors()).isEmpty();
    }
}
