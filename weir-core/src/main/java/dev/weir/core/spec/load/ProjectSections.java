package dev.weir.core.spec.load;

import static dev.weir.core.spec.load.ValueType.BOOLEAN;
import static dev.weir.core.spec.load.ValueType.INTEGER;
import static dev.weir.core.spec.load.ValueType.NUMBER;
import static dev.weir.core.spec.load.ValueType.STRING;

import java.util.regex.Pattern;

/** The keys of {@code weir.yaml}'s operational sections: {@code alerts:} and {@code scheduler:}. */
final class ProjectSections {
    private static final Pattern TIME_OF_DAY = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private static final MappingRule SMTP = MappingRule.of(
            KeyRule.of("host", STRING, "host: smtp.example.com").required(),
            KeyRule.of("port", INTEGER, "port: 587").range(1, 65535).defaultsTo("587"),
            KeyRule.of("from", STRING, "from: weir@example.com").required(),
            KeyRule.of("username", STRING, "username: weir"),
            KeyRule.of("password", STRING, "password: \"${env:SMTP_PASSWORD}\""),
            KeyRule.of("starttls", BOOLEAN, "starttls: true").defaultsTo("true"));

    static final MappingRule ALERTS = MappingRule.of(
            KeyRule.of("quiet_minutes", NUMBER, "quiet_minutes: 60").atLeast(0).defaultsTo("60"),
            KeyRule.of("digest_at", STRING, "digest_at: \"09:00\"")
                    .format(TIME_OF_DAY, "a time of day such as \"09:00\" (24-hour HH:MM)")
                    .defaultsTo("09:00"),
            KeyRule.of("time_zone", STRING, "time_zone: Europe/Berlin").defaultsTo("UTC"),
            KeyRule.section("smtp", SMTP, "smtp: {host: smtp.example.com, port: 587, from: weir@example.com}"));

    static final MappingRule SCHEDULER = MappingRule.of(
            KeyRule.of("time_zone", STRING, "time_zone: Europe/Berlin").defaultsTo("UTC"),
            KeyRule.of("max_concurrent", INTEGER, "max_concurrent: 4")
                    .atLeast(1)
                    .defaultsTo("4"));

    private ProjectSections() {}
}
