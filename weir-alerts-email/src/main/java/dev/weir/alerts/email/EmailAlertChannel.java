package dev.weir.alerts.email;

import dev.weir.core.spec.SmtpSettings;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.AlertChannel;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-mails each alert: the subject names severity, pipeline and title; the body its details, the
 * run, the table and the response time. Delivery is tried once with short timeouts: a mail server
 * that is down must not hold up or fail the run, so a failure is logged, naming only the host.
 */
final class EmailAlertChannel implements AlertChannel {
    private static final Logger LOG = LoggerFactory.getLogger(EmailAlertChannel.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SmtpSettings smtp;
    private final List<String> recipients;
    private final Session session;

    EmailAlertChannel(SmtpSettings smtp, List<String> recipients) {
        this.smtp = smtp;
        this.recipients = List.copyOf(recipients);
        this.session = Session.getInstance(properties(smtp));
    }

    private static Properties properties(SmtpSettings smtp) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", smtp.host());
        p.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
        p.setProperty("mail.smtp.auth", Boolean.toString(smtp.username().isPresent()));
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
        p.setProperty("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(TIMEOUT.toMillis()));
        return p;
    }

    @Override
    public void send(Alert alert) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(smtp.from()));
            for (String recipient : recipients) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
            }
            message.setSubject(subject(alert), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(alert.at()));
            message.setText(body(alert), StandardCharsets.UTF_8.name());
            if (smtp.username().isPresent()) {
                Transport.send(message, smtp.username().get(), smtp.password().orElse(""));
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            // the exception's message may quote the server's reply to the login, never worth the risk
            LOG.warn(
                    "Alert e-mail through {}:{} not sent ({}); the alert is in the run's log",
                    smtp.host(),
                    smtp.port(),
                    e.getClass().getSimpleName());
        }
    }

    /** e.g. {@code [Weir P1] silver_orders: run failed, nothing was published}. */
    static String subject(Alert alert) {
        return "[Weir " + alert.severity() + "] " + alert.pipeline() + ": " + alert.title();
    }

    static String body(Alert alert) {
        StringBuilder body = new StringBuilder();
        body.append(alert.title()).append("\n\n");
        alert.details().forEach(d -> body.append("- ").append(d).append('\n'));
        if (!alert.details().isEmpty()) {
            body.append('\n');
        }
        line(body, "Severity", alert.severity().name());
        line(body, "Respond within", alert.responseTime());
        line(body, "Pipeline", alert.pipeline());
        line(body, "Table", alert.table());
        line(body, "Run", alert.runId());
        line(body, "Kind", alert.kind().wireName());
        line(body, "At", alert.at().toString());
        alert.notificationChannel().ifPresent(c -> line(body, "Channel", c));
        return body.toString();
    }

    private static void line(StringBuilder body, String label, String value) {
        body.append(String.format("%-15s %s%n", label + ":", value));
    }
}
