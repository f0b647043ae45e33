package dev.weir.examples.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/crm/demo}, the README's one command, on a copy of the project: it starts the
 * services, runs the project over both days, shows a customer's history and stops the services,
 * leaving no process behind, also when a run fails. The builds it makes on a fresh clone (the
 * distribution through {@code bin/weir}, the services through the Maven wrapper) are replaced by
 * this test's class path ({@code CRM_DEMO_WEIR}, {@code CRM_DEMO_CLASSPATH}): building inside a
 * build would take minutes and race the outer one.
 */
class DemoScriptIT {
    @TempDir
    Path dir;

    private record Outcome(int exitCode, String output) {}

    @Test
    void theDemoRunsBothDaysShowsTheHistoryAndStopsTheServices() throws Exception {
        CrmProject demo = CrmProject.copyInto(dir.resolve("crm"), "weir.yaml", "pipelines", "contracts");

        Outcome outcome = runDemo(demo);

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output())
                .contains("SUCCESS dim_customers          extracted 14, loaded 14, rejected 0; checks 2/2 passed;"
                        + " wrote 23 rows; reconciled 1 row gone from the source")
                .containsPattern("7 +Grace Lovelace +enterprise +Lyon +2026-10-05 04:00:00 +2026-11-03 08:07:00 +false")
                .containsPattern("7 +Grace Lovelace +consumer +Zurich +2026-11-03 08:07:00 +9999-12-31 00:00:00 +true")
                .containsPattern("gold.dim_customers +63 +54")
                .containsPattern("silver.customers +0 +NULL +NULL")
                .containsPattern("silver.orders +340")
                .endsWith("crm demo: services stopped\n");
        assertThat(outcome.output().lines().filter(l -> l.contains("; wrote 0 rows;")))
                .hasSize(6);
        assertNoProcessLeft(demo);
    }

    @Test
    void aFailingRunStopsTheServicesToo() throws Exception {
        CrmProject demo = CrmProject.copyInto(dir.resolve("crm"), "weir.yaml", "pipelines", "contracts");
        Path spec = demo.root().resolve("pipelines/silver_orders.yaml");
        Files.writeString(spec, Files.readString(spec).replace("strategy: upsert", "strategy: upsrt"));

        Outcome outcome = runDemo(demo);

        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.output())
                .contains("load.strategy: Invalid value 'upsrt'")
                .endsWith("crm demo: services stopped\n");
        assertNoProcessLeft(demo);
    }

    private Outcome runDemo(CrmProject demo) throws IOException, InterruptedException {
        Path script = demo.root().resolve("demo");
        Files.copy(CrmProject.SOURCE.resolve("demo"), script);
        Path weir = dir.resolve("weir");
        Files.writeString(
                weir,
                "#!/bin/sh\nexec "
                        + Weir.command().stream().map(DemoScriptIT::quoted).collect(Collectors.joining(" "))
                        + " \"$@\"\n");
        Files.setPosixFilePermissions(weir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path output = dir.resolve("demo.out.txt");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("CRM_DEMO_WEIR", weir.toString());
        builder.environment().put("CRM_DEMO_CLASSPATH", System.getProperty("java.class.path"));
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the demo did not finish in 3 minutes:\n" + Files.readString(output));
        }
        return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** No process of this machine mentions the demo's directory: the services' JVM and PostgreSQL are gone. */
    private static void assertNoProcessLeft(CrmProject demo) throws InterruptedException {
        String root = demo.root().toString();
        List<String> left = List.of();
        // the script waits for the services, which wait for PostgreSQL: allow the last exits a moment to be seen
        for (int attempt = 0; attempt < 20; attempt++) {
            left = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains(root))
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                    .toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        assertThat(left).isEmpty();
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
