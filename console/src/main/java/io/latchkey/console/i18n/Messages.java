package io.latchkey.console.i18n;

import io.latchkey.core.action.CommandState;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Platform;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every word the console shows, in the administrator's language: the bundle
 * {@code io/latchkey/console/i18n/messages_<lang>.properties}, dates and numbers in the locale.
 * Templates get one of these and never hold a literal string of their own.
 */
public final class Messages {
    /** The languages the console speaks; the first is the fallback. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH);
    private static final String BUNDLE = "io.latchkey.console.i18n.messages";

    private final Locale locale;
    private final ResourceBundle bundle;
    private final ResourceBundle reasons;
    private final DateTimeFormatter dates;
    private final ZoneId zone;

    public Messages(Locale locale, ZoneId zone) {
        this.locale = SUPPORTED.stream().filter(l -> l.getLanguage().equals(locale.getLanguage())).findFirst()
                .orElse(Locale.ENGLISH);
        // No fallback to the JVM's default locale: an English page must not pick up a French bundle.
        ResourceBundle.Control control = ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES);
        this.bundle = ResourceBundle.getBundle(BUNDLE, this.locale, control);
        this.reasons = ResourceBundle.getBundle("io.latchkey.console.i18n.reasons", this.locale, control);
        this.zone = zone;
        this.dates = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(this.locale).withZone(zone);
    }

    public Locale locale() {
        return locale;
    }

    public String lang() {
        return locale.getLanguage();
    }

    /** The text for {@code key}, with {@code {0}}-style arguments formatted in the locale. */
    public String m(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "??" + key + "??";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public String date(Instant at) {
        return at == null ? m("common.never") : dates.format(at);
    }

    public String number(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    public String action(Action action) {
        return m("action." + action.wireName());
    }

    public String state(CommandState state) {
        return m("state." + state.wireName());
    }

    public String platform(Platform platform) {
        return m("platform." + platform.name());
    }

    public String channel(ManagementChannel channel) {
        return m("channel." + channel.wireName());
    }

    /**
     * A capability matrix reason in the administrator's language. The matrix speaks English and
     * stays the one source of truth; a reason with no translation (one built from device data) is
     * shown as the matrix wrote it.
     */
    public String reason(String english) {
        if (english == null) {
            return "";
        }
        String key = Reasons.keyOf(english);
        if (key != null && reasons.containsKey(key)) {
            return reasons.getString(key);
        }
        return english;
    }
}
