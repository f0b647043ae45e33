package dev.weir.alerts.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.weir.core.spec.AlertSettings;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.SmtpSettings;
import dev.weir.core.spi.Alert;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** E-mail alerts through a real SMTP server (GreenMail, in the test's JVM). */
class EmailAlertChannelIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("weir", "s3cret"));

    private static AlertSettings settings(String password) {
        return new AlertSettings(
                AlertSettings.DEFAULT_QUIET_PERIOD,
                LocalTime.of(9, 0),
                ZoneId.of("UTC"),
                Optional.of(new SmtpSettings(
                        "127.0.0.1",
                        ServerSetupTest.SMTP.getPort(),
                        "weir@example.com",
                        Optional.of("weir"),
                        Optional.of(password),
                        false)));
    }

    private static final Alert ALERT = new Alert(
            Alert.Kind.RUN_FAILED,
            Severity.P1,
            "silver_orders",
            "run-42",
            "silver.orders",
            "run failed, nothing was published",
            List.of("unique(id) [P0] 3 of 10 rows fail", "hint: fix the source"),
            Optional.of("#data-alerts"),
            Instant.parse("2026-12-02T10:00:00Z"));

    @Test
    void anAlertArrivesWithSeverityPipelineAndTitleInItsSubjectAndTheRunAndResponseTimeInItsBody() throws Exception {
        new EmailAlertChannelFactory()
                .create("mailto:oncall@example.com,lead@example.com", settings("s3cret"))
                .send(ALERT);

        assertThat(SMTP.waitForIncomingEmail(5_000, 2)).isTrue();
        MimeMessage[] received = SMTP.getReceivedMessages();
        MimeMessage mail = received[0];
        assertThat(mail.getAllRecipients())
                .extracting(Object::toString)
                .containsExactly("oncall@example.com", "lead@example.com");
        assertThat(mail.getSubject()).isEqualTo("[Weir P1] silver_orders: run failed, nothing was published");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("weir@example.com");
        assertThat(GreenMailUtil.getBody(mail))
                .contains("- unique(id) [P0] 3 of 10 rows fail")
                .contains("Respond within: 1 hour")
                .contains("Run:            run-42")
                .contains("#data-alerts");
    }

    @Test
    void aRefusedLoginIsLoggedAndDoesNotFailTheRun() {
        new EmailAlertChannelFactory()
                .create("mailto:oncall@example.com", settings("wrong"))
                .send(ALERT);

        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void theFactoryAcceptsMailtoWithOneOrMoreAddressesOnly() {
        EmailAlertChannelFactory factory = new EmailAlertChannelFactory();

        assertThat(factory.accepts().matcher("mailto:a@example.com").matches()).isTrue();
        assertThat(factory.accepts()
                        .matcher("mailto:a@example.com,b@example.com")
                        .matches())
                .isTrue();
        assertThat(factory.accepts().matcher("mailto:").matches()).isFalse();
        assertThat(factory.accepts().matcher("mailto:nobody").matches()).isFalse();
    }

    @Test
    void thePasswordNeverAppearsInTheSettingsText() {
        assertThat(settings("s3cret").toString()).doesNotContain("s3cret");
    }
}
