package dev.weir.core.spec.load;

import dev.weir.core.error.Location;
import dev.weir.core.spec.SqlOrigin;
import dev.weir.core.spec.StageSpec;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Reads {@code transform.stages}: names, and SQL written inline or in a file under the project. */
final class TransformReader {
    private static final String SOURCE = "source";

    /** A stage and where its SQL was written, for problems about the tables it reads. */
    record LocatedStage(StageSpec stage, Location sqlLocation) {
        LocatedStage {
            Objects.requireNonNull(stage, "stage is null");
            Objects.requireNonNull(sqlLocation, "sqlLocation is null");
        }
    }

    private final Path root;
    private final InlineSqlOrigin inline;

    TransformReader(Path root, InlineSqlOrigin inline) {
        this.root = Objects.requireNonNull(root, "root is null");
        this.inline = Objects.requireNonNull(inline, "inline is null");
    }

    /** The stages whose name and SQL could be read, in order; each problem is reported. */
    List<LocatedStage> read(SectionValues transform) {
        List<LocatedStage> stages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SectionValues stage : transform.sections("stages")) {
            Optional<String> name = stage.text("name");
            name.ifPresent(n -> checkName(stage, n, seen));
            Optional<LocatedStage> read = name.flatMap(n -> sql(stage, n));
            read.ifPresent(stages::add);
        }
        return stages;
    }

    private static void checkName(SectionValues stage, String name, Set<String> seen) {
        if (name.equalsIgnoreCase(SOURCE)) {
            stage.problems()
                    .add(
                            stage.location("name"),
                            "Stage name '" + name + "' is reserved",
                            "the extracted batch is called source; pick another name, such as clean");
        } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
            stage.problems()
                    .add(
                            stage.location("name"),
                            "Duplicate stage name '" + name + "'",
                            "stage names must be unique within a pipeline");
        }
    }

    private Optional<LocatedStage> sql(SectionValues stage, String name) {
        FileProblems problems = stage.problems();
        boolean inline = stage.has("sql");
        boolean file = stage.has("sql_file");
        if (inline && file) {
            problems.add(stage.here(), "Stage '" + name + "' has both sql and sql_file", "keep one of them");
            return Optional.empty();
        }
        if (!inline && !file) {
            problems.add(
                    stage.here(),
                    "Stage '" + name + "' has no SQL",
                    "add a line like 'sql: select * from source' or 'sql_file: sql/" + name + ".sql'");
            return Optional.empty();
        }
        String key = inline ? "sql" : "sql_file";
        Optional<LocatedSql> sql = inline
                ? stage.text("sql").map(s -> new LocatedSql(s, this.inline.of(stage.location("sql"), s)))
                : stage.text("sql_file").flatMap(f -> readFile(stage, f));
        if (sql.isPresent() && sql.get().text().isBlank()) {
            problems.add(
                    stage.location(key),
                    "Stage '" + name + "' has empty SQL",
                    "write the query that produces this stage, such as select * from source");
            return Optional.empty();
        }
        return sql.map(s -> new LocatedStage(new StageSpec(name, s.text(), s.origin()), stage.location(key)));
    }

    private record LocatedSql(String text, SqlOrigin origin) {}

    private Optional<LocatedSql> readFile(SectionValues stage, String relative) {
        FileProblems problems = stage.problems();
        String hint = "sql_file paths are relative to the project root, such as sql/clean.sql";
        try {
            Path file = root.resolve(relative).normalize();
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(relative);
            }
            String sql = Files.readString(file);
            String shown = root.relativize(file)
                    .toString()
                    .replace(file.getFileSystem().getSeparator(), "/");
            return Optional.of(new LocatedSql(sql, SqlOrigin.ofFile(shown, sql)));
        } catch (NoSuchFileException | InvalidPathException e) {
            problems.add(stage.location("sql_file"), "SQL file not found: " + relative, hint);
        } catch (CharacterCodingException e) {
            problems.add(
                    stage.location("sql_file"),
                    "Cannot read SQL file " + relative + ": not UTF-8 text",
                    "save the file as UTF-8");
        } catch (IOException e) {
            problems.add(stage.location("sql_file"), "Cannot read SQL file " + relative + ": " + e.getMessage(), hint);
        }
        return Optional.empty();
    }
}
