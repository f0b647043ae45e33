package dev.weir.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.weir.core.error.WeirException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets of a connection are resolved when a run connects and never shown: not in a message, a
 * hint, a stack trace, or a driver's message that quotes what it was given.
 */
class ConnectionSecretsIT {
    private static final String SECRET = "pl4nted-S3cret";

    @TempDir
    Path root;

    /** Everything a failure would show: the rendered message with its hint, and the stack trace of its causes. */
    private static String everythingShown(WeirException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return e.render() + "\n" + e.hint().orElse("") + "\n" + trace;
    }

    @Test
    void aSecretTheDriverQuotesInItsErrorIsHidden() {
        SharedPostgres.newDatabase();
        // the driver's error names the database it could not find: here, the secret
        String url = SharedPostgres.url("${env:DB_NAME}");
        JdbcProject project = new JdbcProject(root, Map.of("DB_NAME", SECRET, "DB_PASSWORD", SECRET))
                .write("connections/pg.yaml", "url: " + url + "\nuser: postgres\npassword: ${env:DB_PASSWORD}\n")
                .pipeline("p", "  connection: pg\n  table: orders\n  strategy: full\n");

        WeirException failure = catchThrowableOfType(WeirException.class, () -> project.extract("p", Optional.empty()));

        assertThat(failure.getMessage())
                .startsWith("Cannot connect to 'pg' (connections/pg.yaml): FATAL: database \"***\" does not exist");
        assertThat(everythingShown(failure)).doesNotContain(SECRET);
    }

    @Test
    void aPasswordReadFromAFileConnects() {
        String url = SharedPostgres.newDatabase();
        SharedPostgres.execute(url, "CREATE TABLE orders (id int)", "INSERT INTO orders VALUES (1)");
        JdbcProject project = new JdbcProject(root, Map.of())
                .write("secrets/pg.txt", SECRET + "\n")
                .write("connections/pg.yaml", "url: " + url + "\nuser: postgres\npassword: ${file:secrets/pg.txt}\n")
                .pipeline("p", "  connection: pg\n  table: orders\n  strategy: full\n");

        assertThat(project.extract("p", Optional.empty()).column("id")).containsExactly(1);
    }

    @Test
    void anUnsetVariableIsNamedAndNothingElse() {
        JdbcProject project = new JdbcProject(root, Map.of())
                .write(
                        "connections/pg.yaml",
                        "url: " + SharedPostgres.newDatabase() + "\nuser: postgres\npassword: ${env:PG_PASSWORD}\n")
                .pipeline("p", "  connection: pg\n  table: orders\n  strategy: full\n");

        WeirException failure = catchThrowableOfType(WeirException.class, () -> project.extract("p", Optional.empty()));

        assertThat(failure.getMessage())
                .isEqualTo("Cannot connect: connections/pg.yaml password reads environment variable PG_PASSWORD,"
                        + " which is not set");
    }
}
