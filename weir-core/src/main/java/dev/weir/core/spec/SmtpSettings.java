package dev.weir.core.spec;

import java.util.Objects;
import java.util.Optional;

/** {@code alerts.smtp:} the mail server e-mail alerts go through. The password never appears in {@link #toString}. */
public record SmtpSettings(
        String host, int port, String from, Optional<String> username, Optional<String> password, boolean starttls) {
    public SmtpSettings {
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(username, "username is null");
        Objects.requireNonNull(password, "password is null");
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", from=" + from + ", username="
                + username.orElse("") + ", password=" + (password.isPresent() ? "***" : "") + ", starttls="
                + starttls + "]";
    }
}
