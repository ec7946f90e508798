package org.returnsbridge.support;

import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A start-up banner, written one log line per text line. The log pattern escapes line breaks inside a
 * message (so vendor text cannot forge a log line), which would fold a multi-line banner into one
 * unreadable line; the banner is ours, so it is split before it is logged instead.
 */
public final class LogBanner {

    private LogBanner() {}

    /** Formats {@code template} with its {@code {}} placeholders, then logs each of its lines as a WARN. */
    public static void warn(Logger log, String template, Object... args) {
        String text = MessageFormatter.arrayFormat(template, args).getMessage();
        text.lines().forEach(log::warn);
    }
}
