package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline that keeps failing pages once per quiet period, across {@code weir run}s: the state is
 * in the metastore, not in the process. Through the command line, to a real SMTP server.
 */
class AlertEmailIT {
    private static final double QUIET_MINUTES = 0.5;

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    @TempDir
    Path root;

    @Test
    void aPipelineFailingFiveTimesSendsOneEmailAndTheNextAfterTheQuietPeriodCountsFourSuppressed() throws Exception {
        CliProject project = new CliProject(root)
                .write("weir.yaml", """
                        name: alerts
                        alerts:
                          quiet_minutes: %s
                          smtp: {host: 127.0.0.1, port: %d, from: weir@example.com, starttls: false}
                        """.formatted(QUIET_MINUTES, ServerSetupTest.SMTP.getPort()))
                .write("data/orders.csv", "id,amount\n1,10\n,20\n")
                .write("pipelines/orders.yaml", """
                        pipeline:
                          name: orders
                          tier: 1
                        extract:
                          source_system: files
                          connection: data/orders.csv
                          format: csv
                          strategy: full
                        load:
                          target: bronze.orders
                          strategy: append
                        quality_gates:
                          pre_load:
                            - {type: not_null, column: id, severity: P1}
                        error_handling:
                          alert_channels: [log, "mailto:oncall@example.com"]
                        """);

        assertThat(project.execute("run")).as(project.err()).isEqualTo(1);
        Instant paged = Instant.now();
        for (int run = 1; run < 5; run++) {
            assertThat(project.execute("run")).as(project.err()).isEqualTo(1);
        }
        Duration fiveRuns = Duration.between(paged, Instant.now());
        assertThat(fiveRuns).as("the five runs fit in the quiet period").isLessThan(quietPeriod());
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        MimeMessage page = SMTP.getReceivedMessages()[0];
        assertThat(page.getSubject()).startsWith("[Weir P1] orders: run failed, nothing was published");
        assertThat(GreenMailUtil.getBody(page))
                .contains("Respond within: 1 hour")
                .contains("Run:");

        Thread.sleep(Duration.between(Instant.now(), paged.plus(quietPeriod()).plusSeconds(1))
                .toMillis());
        assertThat(project.execute("run")).isEqualTo(1);

        assertThat(SMTP.getReceivedMessages()).hasSize(2);
        assertThat(GreenMailUtil.getBody(SMTP.getReceivedMessages()[1])).contains("4 similar alerts suppressed since");
    }

    private static Duration quietPeriod() {
        return Duration.ofMillis(Math.round(QUIET_MINUTES * 60_000));
    }
}
