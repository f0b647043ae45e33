package dev.weir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.weir.core.spi.QueryResult;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** How {@code weir query} writes its result: a text table for people, CSV, JSON or JSON lines for programs. */
enum QueryOutput {
    table,
    csv,
    json,
    jsonl;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes {@code result}; only the text table says how many rows there were. */
    void write(QueryResult result, Writer out, boolean limitReached) throws IOException {
        switch (this) {
            case table -> {
                TextTable text = new TextTable(result.columns());
                result.rows().forEach(text::add);
                java.io.PrintWriter printer = new java.io.PrintWriter(out);
                text.print(printer);
                printer.printf("(%d rows%s)%n", result.rows().size(), limitReached ? ", limit reached" : "");
                printer.flush();
            }
            case csv -> writeCsv(result, out);
            case json -> {
                List<ObjectNode> rows =
                        result.rows().stream().map(r -> object(result, r)).toList();
                out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
                out.write(System.lineSeparator());
            }
            case jsonl -> {
                for (List<String> row : result.rows()) {
                    out.write(JSON.writeValueAsString(object(result, row)));
                    out.write('\n');
                }
            }
        }
        out.flush();
    }

    /** RFC 4180 CSV with a header row; NULL is an empty field. */
    private static void writeCsv(QueryResult result, Writer out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        result.columns().forEach(schema::addColumn);
        try (SequenceWriter rows = new CsvMapper().writer(schema.build()).writeValues(out)) {
            for (List<String> row : result.rows()) {
                rows.write(row);
            }
        }
    }

    /** A row as a JSON object: numbers and booleans typed as the column is, everything else as text. */
    private static ObjectNode object(QueryResult result, List<String> row) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < row.size(); i++) {
            String name = result.columns().get(i);
            String value = row.get(i);
            String type = result.types().get(i);
            if (value == null) {
                node.putNull(name);
            } else if (type.equals("int") || type.equals("long")) {
                node.put(name, new BigInteger(value));
            } else if (type.startsWith("decimal")
                    || (type.equals("double") || type.equals("float")) && isFinite(value)) {
                node.put(name, new BigDecimal(value));
            } else if (type.equals("boolean")) {
                node.put(name, Boolean.parseBoolean(value));
            } else {
                node.put(name, value);
            }
        }
        return node;
    }

    private static boolean isFinite(String value) {
        try {
            return Double.isFinite(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
