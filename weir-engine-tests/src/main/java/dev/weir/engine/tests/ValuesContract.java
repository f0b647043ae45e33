package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.MergeMode;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.KeyRange;
import dev.weir.core.spi.RelationInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Values come back from a table exactly as they went in: NULLs of every type, any Unicode text,
 * decimals with their scale, timestamps to the microsecond, dates far from today.
 */
abstract class ValuesContract extends ContractTopic {
    private static final String UNICODE = "SELECT CAST(id AS BIGINT) AS id, CAST(name AS VARCHAR) AS name FROM (VALUES"
            + " (1, 'Zoë'), (2, '東京'), (3, '🎉 party 🦆'), (4, 'שלום'), (5, 'e\u0301 combined'), (6, 'tab\there, \"quotes\", comma'),"
            + " (7, ''), (8, 'a/b+c %41=NULL')) AS t(id, name)";

    ValuesContract(ContractProject project) {
        super(project, "values");
    }

    @Test
    void everyColumnTypeRoundTripsThroughATableAndSoDoesNullInEach() {
        TableId table = table("all_types");
        String sql = "SELECT CAST(id AS BIGINT) AS id, CAST(flag AS BOOLEAN) AS flag, CAST(small AS INTEGER) AS small,"
                + " CAST(ratio AS DOUBLE) AS ratio, CAST(amount AS DECIMAL(18,4)) AS amount, CAST(day AS DATE) AS day,"
                + " CAST(seen_at AS TIMESTAMP) AS seen_at, CAST(name AS VARCHAR) AS name FROM (VALUES"
                + " (1, true, 7, 0.5, '12345678901234.5678', '2024-02-29', '2024-02-29 23:59:59.123456', 'Zoë'),"
                + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL)) AS t(id, flag, small, ratio, amount, day, seen_at, name)";

        load(append(table), sql);

        assertThat(state(table).layout().schema().columns())
                .extracting(Column::type)
                .containsExactly("long", "boolean", "int", "double", "decimal(18,4)", "date", "timestamp", "string");
        assertThat(read(table, "id, flag, small, ratio, amount, day, seen_at, name", "id"))
                .containsExactly(
                        row(
                                "1",
                                "true",
                                "7",
                                "0.5",
                                "12345678901234.5678",
                                "2024-02-29",
                                "2024-02-29 23:59:59.123456",
                                "Zoë"),
                        row("2", null, null, null, null, null, null, null));
    }

    @Test
    void nullAndEmptyTextStayApart() {
        TableId table = table("null_and_empty");
        load(
                append(table),
                "SELECT CAST(id AS BIGINT) AS id, CAST(name AS VARCHAR) AS name FROM (VALUES (1, ''), (2, NULL)) AS t(id, name)");

        attach(table);

        assertThat(rows("SELECT count(*) FROM " + table + " WHERE name IS NULL"))
                .containsExactly(row("1"));
        assertThat(rows("SELECT count(*) FROM " + table + " WHERE name = ''")).containsExactly(row("1"));
    }

    @Test
    void unicodeTextRoundTripsThroughATable() {
        TableId table = table("unicode");

        load(append(table), UNICODE);

        assertThat(read(table, "id, name", "id"))
                .containsExactly(
                        row("1", "Zoë"),
                        row("2", "東京"),
                        row("3", "🎉 party 🦆"),
                        row("4", "שלום"),
                        row("5", "e\u0301 combined"),
                        row("6", "tab\there, \"quotes\", comma"),
                        row("7", ""),
                        row("8", "a/b+c %41=NULL"));
    }

    @Test
    void unicodeTextIsReadFromCsvAndJsonLines() {
        session.stage(
                csv(
                        "values/unicode.csv",
                        "id,name\n1,Zoë\n2,東京\n3,\"🎉, party\"\n",
                        column("id", "BIGINT"),
                        column("name", "VARCHAR")),
                Optional.empty());
        assertThat(rows("SELECT name FROM source ORDER BY id"))
                .containsExactly(row("Zoë"), row("東京"), row("🎉, party"));

        Path jsonl = project.write(
                "values/unicode.jsonl",
                "{\"id\": 1, \"name\": \"Zoë\"}\n{\"id\": 2, \"name\": \"\\u6771\\u4eac \\ud83c\\udf89\"}\n");
        session.stage(files(FileFormat.JSONL, CsvOptions.DEFAULTS, List.of(), jsonl), Optional.empty());
        assertThat(rows("SELECT name FROM source ORDER BY id")).containsExactly(row("Zoë"), row("東京 🎉"));
    }

    @Test
    void latinOneCsvIsDecodedToUnicode() {
        Path file =
                project.write("values/latin1.csv", "id,city\n1,M\u00fcnchen\n".getBytes(StandardCharsets.ISO_8859_1));

        session.stage(
                files(
                        FileFormat.CSV,
                        new CsvOptions(true, ",", "\"", "\"", "latin-1"),
                        List.of(column("id", "BIGINT"), column("city", "VARCHAR")),
                        file),
                Optional.empty());

        assertThat(rows("SELECT city FROM source")).containsExactly(row("München"));
    }

    @Test
    void identityPartitionsOfUnicodeTextHoldTheirValuesAndPruneByThem() {
        TableId table = table("unicode_partitions");
        load(
                load(
                        table,
                        LoadStrategy.APPEND,
                        List.of(),
                        MergeMode.MERGE_ON_READ,
                        Optional.empty(),
                        Optional.of("name")),
                UNICODE);

        List<DataFileRef> tokyo =
                project.store().dataFiles(state(table), Optional.of(new KeyRange("name", "東京", "東京")));
        List<DataFileRef> special = project.store()
                .dataFiles(state(table), Optional.of(new KeyRange("name", "a/b+c %41=NULL", "a/b+c %41=NULL")));

        assertThat(read(table, "id, name", "id")).hasSize(8).contains(row("2", "東京"), row("3", "🎉 party 🦆"));
        assertThat(tokyo)
                .as("the files of partition 東京")
                .singleElement()
                .satisfies(f -> assertThat(f.recordCount()).isEqualTo(1));
        session.attachTable(table, state(table).layout().schema(), tokyo);
        assertThat(rows("SELECT id FROM " + table)).containsExactly(row("2"));
        session.attachTable(table, state(table).layout().schema(), special);
        assertThat(rows("SELECT id FROM " + table))
                .as("the files of the partition of text with /, +, % and =")
                .containsExactly(row("8"));
    }

    @Test
    void decimalsKeepTheirScaleAndPrecision() {
        TableId table = table("decimals");
        load(
                append(table),
                "SELECT CAST(id AS BIGINT) AS id, CAST(amount AS DECIMAL(18,4)) AS amount FROM (VALUES"
                        + " (1, '1.5'), (2, '-0.0001'), (3, '99999999999999.9999'), (4, '0'), (5, '-12345678901234.5678')) AS t(id, amount)");

        assertThat(read(table, "id, amount", "id"))
                .containsExactly(
                        row("1", "1.5000"),
                        row("2", "-0.0001"),
                        row("3", "99999999999999.9999"),
                        row("4", "0.0000"),
                        row("5", "-12345678901234.5678"));
        assertThat(rows("SELECT sum(amount) FROM " + table)).containsExactly(row("87654321098766.9320"));
    }

    @Test
    void decimalsDeclaredForACsvKeepTheirScale() {
        RelationInfo source = session.stage(
                csv(
                        "values/decimals.csv",
                        "id,amount\n1,1.5\n2,-0.0001\n3,12345678901234.5678\n",
                        column("id", "BIGINT"),
                        column("amount", "DECIMAL(18,4)")),
                Optional.empty());

        assertThat(source.schema().column("amount").orElseThrow().type()).isEqualTo("decimal(18,4)");
        assertThat(rows("SELECT amount FROM source ORDER BY id"))
                .containsExactly(row("1.5000"), row("-0.0001"), row("12345678901234.5678"));
    }

    @Test
    void timestampsKeepTheirMicroseconds() {
        TableId table = table("timestamps");
        load(
                append(table),
                "SELECT CAST(id AS BIGINT) AS id, CAST(seen_at AS TIMESTAMP) AS seen_at FROM (VALUES"
                        + " (1, '2024-01-01 00:00:00.000001'), (2, '1999-12-31 23:59:59.999999'), (3, '1970-01-01 00:00:00'),"
                        + " (4, '1969-12-31 23:59:59.5'), (5, '2262-04-11 23:47:16.854775')) AS t(id, seen_at)");

        assertThat(read(table, "id, seen_at", "id"))
                .containsExactly(
                        row("1", "2024-01-01 00:00:00.000001"),
                        row("2", "1999-12-31 23:59:59.999999"),
                        row("3", "1970-01-01 00:00:00"),
                        row("4", "1969-12-31 23:59:59.5"),
                        row("5", "2262-04-11 23:47:16.854775"));
        assertThat(rows("SELECT id FROM " + table + " WHERE seen_at = TIMESTAMP '2024-01-01 00:00:00.000001'"))
                .containsExactly(row("1"));
    }

    @Test
    void timestampsWithTimeZoneAreKeptAsInstantsAndShownInUtc() {
        TableId table = table("timestamptz");
        load(
                append(table),
                "SELECT CAST(id AS BIGINT) AS id, CAST(seen_at AS TIMESTAMP WITH TIME ZONE) AS seen_at FROM (VALUES"
                        + " (1, '2024-03-01 10:00:00.123456+02:00'), (2, '2024-03-01 08:00:00.123456+00:00')) AS t(id, seen_at)");

        assertThat(state(table)
                        .layout()
                        .schema()
                        .column("seen_at")
                        .orElseThrow()
                        .type())
                .isEqualTo("timestamptz");
        assertThat(read(table, "id, seen_at", "id"))
                .containsExactly(row("1", "2024-03-01 08:00:00.123456+00"), row("2", "2024-03-01 08:00:00.123456+00"));
    }

    @Test
    void datesRoundTripFarFromToday() {
        TableId table = table("dates");
        load(
                append(table),
                "SELECT CAST(id AS BIGINT) AS id, CAST(day AS DATE) AS day FROM (VALUES"
                        + " (1, '0001-01-01'), (2, '1969-12-31'), (3, '1970-01-01'), (4, '2024-02-29'), (5, '9999-12-31')) AS t(id, day)");

        assertThat(read(table, "id, day", "id"))
                .containsExactly(
                        row("1", "0001-01-01"),
                        row("2", "1969-12-31"),
                        row("3", "1970-01-01"),
                        row("4", "2024-02-29"),
                        row("5", "9999-12-31"));
    }

    @Test
    void timesPartitionByDayAndHourInUtc() {
        TableId table = table("hours");
        load(
                load(
                        table,
                        LoadStrategy.APPEND,
                        List.of(),
                        MergeMode.MERGE_ON_READ,
                        Optional.empty(),
                        Optional.of("hour(seen_at)")),
                "SELECT CAST(id AS BIGINT) AS id, CAST(seen_at AS TIMESTAMP) AS seen_at FROM (VALUES (1, '2024-03-01 10:59:59.999999'),"
                        + " (2, '2024-03-01 11:00:00'), (3, '1969-12-31 23:30:00')) AS t(id, seen_at)");

        List<DataFileRef> tenOClock = project.store()
                .dataFiles(
                        state(table),
                        Optional.of(new KeyRange("seen_at", "2024-03-01T10:00:00", "2024-03-01T10:59:59.999999")));
        List<DataFileRef> beforeEpoch = project.store()
                .dataFiles(
                        state(table),
                        Optional.of(new KeyRange("seen_at", "1969-12-31T23:00:00", "1969-12-31T23:59:59")));

        assertThat(tenOClock)
                .singleElement()
                .satisfies(f -> assertThat(f.recordCount()).isEqualTo(1));
        assertThat(beforeEpoch)
                .singleElement()
                .satisfies(f -> assertThat(f.recordCount()).isEqualTo(1));
        assertThat(read(table, "id, seen_at", "id"))
                .containsExactly(
                        row("1", "2024-03-01 10:59:59.999999"),
                        row("2", "2024-03-01 11:00:00"),
                        row("3", "1969-12-31 23:30:00"));
    }

    @Test
    void theEngineNamesTheTableTypeOfTheSqlTypesContractsUse() {
        assertThat(session.tableType("BIGINT")).hasValue("long");
        assertThat(session.tableType("INTEGER")).hasValue("int");
        assertThat(session.tableType("DECIMAL(18, 4)")).hasValue("decimal(18,4)");
        assertThat(session.tableType("DOUBLE")).hasValue("double");
        assertThat(session.tableType("DATE")).hasValue("date");
        assertThat(session.tableType("TIMESTAMP")).hasValue("timestamp");
        assertThat(session.tableType("VARCHAR")).hasValue("string");
        assertThat(session.tableType("BOOLEAN")).hasValue("boolean");
        assertThat(session.tableType("NOT A TYPE")).isEmpty();
        assertThat(session.tableType("INTEGER); DROP TABLE x; --")).isEmpty();
    }
}
