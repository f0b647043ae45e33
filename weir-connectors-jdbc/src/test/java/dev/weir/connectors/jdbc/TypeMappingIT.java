package dev.weir.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Column;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL's types as Iceberg types, each value read without loss, against a real PostgreSQL. */
class TypeMappingIT {
    @TempDir
    Path root;

    private String url;
    private JdbcProject project;

    @BeforeEach
    void database() {
        url = SharedPostgres.newDatabase();
        project = new JdbcProject(root, Map.of()).connection("pg", url);
    }

    private JdbcProject.Extract readAll(String table) {
        project.pipeline("p", "  connection: pg\n  table: " + table + "\n  strategy: full\n");
        return project.extract("p", Optional.empty());
    }

    private static Map<String, String> types(JdbcProject.Extract extract) {
        Map<String, String> types = new LinkedHashMap<>();
        for (Column c : extract.columns()) {
            types.put(c.name(), c.type());
        }
        return types;
    }

    @Test
    void everyDocumentedTypeMapsToItsIcebergTypeAndKeepsItsValue() {
        SharedPostgres.execute(url, "CREATE TYPE mood AS ENUM ('happy', 'sad')", """
                CREATE TABLE all_types (
                  s smallint, i integer NOT NULL, b bigint, amount numeric(12,3), free numeric,
                  r real, d double precision, ok boolean, t text, v varchar(10), c char(3),
                  day date, at_time time, ts timestamp, tstz timestamptz, id uuid, j json, jb jsonb,
                  raw bytea, tags text[], counts integer[], feeling mood)""", """
                INSERT INTO all_types VALUES (
                  -3, 7, 9007199254740993, 123456789.125, 1.5,
                  1.25, 2.5, true, 'text', 'varchar', 'ab', '2026-03-01', '13:14:15.123456',
                  '2026-03-01 10:11:12.123456', '2026-03-01 10:11:12.654321+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
                  '{"a": 1}', '{"b": [1, 2]}', '\\xdeadbeef', ARRAY['x', 'y"z'], ARRAY[1, NULL, 3], 'sad')""");

        JdbcProject.Extract extract = readAll("all_types");

        assertThat(types(extract))
                .containsExactly(
                        Map.entry("s", "int"),
                        Map.entry("i", "int"),
                        Map.entry("b", "long"),
                        Map.entry("amount", "decimal(12,3)"),
                        Map.entry("free", "decimal(38,9)"),
                        Map.entry("r", "float"),
                        Map.entry("d", "double"),
                        Map.entry("ok", "boolean"),
                        Map.entry("t", "string"),
                        Map.entry("v", "string"),
                        Map.entry("c", "string"),
                        Map.entry("day", "date"),
                        Map.entry("at_time", "time"),
                        Map.entry("ts", "timestamp"),
                        Map.entry("tstz", "timestamptz"),
                        Map.entry("id", "uuid"),
                        Map.entry("j", "string"),
                        Map.entry("jb", "string"),
                        Map.entry("raw", "string"),
                        Map.entry("tags", "string"),
                        Map.entry("counts", "string"),
                        Map.entry("feeling", "string"));
        assertThat(extract.columns().get(1).required()).isTrue();
        assertThat(extract.rows()).hasSize(1);
        assertThat(extract.rows().get(0))
                .containsExactly(
                        -3,
                        7,
                        9007199254740993L,
                        new BigDecimal("123456789.125"),
                        new BigDecimal("1.500000000"),
                        1.25f,
                        2.5d,
                        true,
                        "text",
                        "varchar",
                        "ab ",
                        LocalDate.of(2026, 3, 1),
                        LocalTime.of(13, 14, 15, 123_456_000),
                        LocalDateTime.of(2026, 3, 1, 10, 11, 12, 123_456_000),
                        OffsetDateTime.of(2026, 3, 1, 8, 11, 12, 654_321_000, ZoneOffset.UTC),
                        UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                        "{\"a\": 1}",
                        "{\"b\": [1, 2]}",
                        "deadbeef",
                        "[\"x\",\"y\\\"z\"]",
                        "[1,null,3]",
                        "sad");
    }

    @Test
    void aDecimalIsNeverRoundedAValueBeyondItsScaleIsARejectNamingTheColumn() {
        SharedPostgres.execute(
                url,
                "CREATE TABLE amounts (id int, free numeric)",
                "INSERT INTO amounts VALUES (1, 0.123456789), (2, 0.1234567891)");

        JdbcProject.Extract extract = readAll("amounts");

        assertThat(extract.column("free")).containsExactly(new BigDecimal("0.123456789"));
        assertThat(extract.read().rejects).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("out_of_range");
            assertThat(r.detail()).startsWith("column 'free': 0.1234567891 has more than 9 decimal places");
            assertThat(r.origin()).isEqualTo("pg:amounts:2");
        });
    }

    @Test
    void anUnmappableTypeFailsBeforeAnyRowIsReadNamingTheColumn() {
        SharedPostgres.execute(
                url, "CREATE TABLE spans (id int, took interval)", "INSERT INTO spans VALUES (1, '1 hour')");

        assertThatThrownBy(() -> readAll("spans"))
                .isInstanceOf(WeirException.class)
                .hasMessage("Cannot load column 'took' of type interval: no Iceberg type is known for it")
                .satisfies(e -> assertThat(((WeirException) e).hint())
                        .hasValue("leave it out, or cast it in extract.query, such as 'select ..., took::text as took"
                                + " from ...'"));
    }

    @Test
    void aDecimalWiderThanIcebergsIsRefusedNamingTheColumn() {
        SharedPostgres.execute(url, "CREATE TABLE wide (id int, big numeric(50,2))");

        assertThatThrownBy(() -> readAll("wide"))
                .isInstanceOf(WeirException.class)
                .hasMessage("Cannot load column 'big' of type numeric(50,2): Iceberg decimals hold at most 38 digits");
    }
}
