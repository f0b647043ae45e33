package dev.weir.alerts.email;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.AlertSettings;
import dev.weir.core.spi.AlertChannel;
import dev.weir.core.spi.AlertChannelFactory;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** {@code mailto:ADDRESS[,ADDRESS...]}: an e-mail per alert, through the SMTP server of {@code alerts.smtp} in weir.yaml. */
public final class EmailAlertChannelFactory implements AlertChannelFactory {
    private static final String SCHEME = "mailto:";
    private static final Pattern MAILTO = Pattern.compile("mailto:[^\\s,@]+@[^\\s,@]+(?:,[^\\s,@]+@[^\\s,@]+)*");

    @Override
    public Pattern accepts() {
        return MAILTO;
    }

    @Override
    public String description() {
        return "mailto: and the addresses to e-mail, such as mailto:oncall@example.com";
    }

    /** A channel needs the SMTP server of weir.yaml; without settings there is none. */
    @Override
    public AlertChannel create(String channel) {
        return create(channel, AlertSettings.DEFAULTS);
    }

    @Override
    public AlertChannel create(String channel, AlertSettings settings) {
        List<String> recipients =
                Arrays.asList(channel.substring(SCHEME.length()).split(","));
        return new EmailAlertChannel(
                settings.smtp()
                        .orElseThrow(() -> WeirException.withHint(
                                ErrorCode.USAGE,
                                "Alert channel " + channel + " needs an SMTP server, and weir.yaml has no alerts.smtp",
                                "add 'alerts: {smtp: {host: smtp.example.com, port: 587, from: weir@example.com,"
                                        + " username: weir, password: \"${env:SMTP_PASSWORD}\"}}' to weir.yaml")),
                recipients);
    }
}
