package io.latchkey.server.config;

import io.latchkey.channel.android.AndroidSettings;
import io.latchkey.channel.android.PushAuth;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The Android channel's settings: null (channel off) unless a service-account key is configured. */
final class AndroidSettingsLoader {
    private AndroidSettingsLoader() {
    }

    static AndroidSettings load(Function<Option, String> text, Function<Option, String> source, List<String> problems) {
        String key = blank(text.apply(Option.ANDROID_SERVICE_ACCOUNT_KEY));
        if (key == null) {
            return null;
        }
        int before = problems.size();
        if (!Files.isRegularFile(Path.of(key))) {
            problems.add("android.service.account.key: " + key + " does not exist or is not a file ("
                    + source.apply(Option.ANDROID_SERVICE_ACCOUNT_KEY) + ")");
        }
        URI root = null;
        String rawRoot = text.apply(Option.ANDROID_AMAPI_ROOT_URL).trim();
        try {
            root = URI.create(rawRoot.endsWith("/") ? rawRoot : rawRoot + "/");
            if (!("https".equals(root.getScheme()) || "http".equals(root.getScheme())) || root.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            problems.add("android.amapi.root.url must be an absolute http(s) URL (" + source.apply(Option.ANDROID_AMAPI_ROOT_URL) + ")");
        }
        String topic = blank(text.apply(Option.ANDROID_PUBSUB_TOPIC));
        if (topic != null && !topic.matches("projects/[^/]+/topics/[^/]+")) {
            problems.add("android.pubsub.topic must look like projects/<project>/topics/<topic> ("
                    + source.apply(Option.ANDROID_PUBSUB_TOPIC) + ")");
        }
        String token = blank(text.apply(Option.ANDROID_PUSH_TOKEN));
        if (token != null && token.length() < 20) {
            problems.add("android.push.token must be at least 20 characters (" + source.apply(Option.ANDROID_PUSH_TOKEN) + ")");
        }
        PushAuth push = push(text, source, topic, token, problems);
        int rate = 0;
        try {
            rate = Integer.parseInt(text.apply(Option.ANDROID_RATE).trim());
        } catch (NumberFormatException e) {
            rate = 0;
        }
        if (rate < 1 || rate > 100_000) {
            problems.add("android.rate must be a whole number from 1 to 100000 (" + source.apply(Option.ANDROID_RATE) + ")");
        }
        String rawDuration = blank(text.apply(Option.ANDROID_COMMAND_DURATION));
        Duration max = rawDuration == null ? null : duration(Option.ANDROID_COMMAND_DURATION, rawDuration, source, problems);
        Duration poll = duration(Option.ANDROID_POLL_EVERY, text.apply(Option.ANDROID_POLL_EVERY), source, problems);
        Duration reconcile = duration(Option.ANDROID_RECONCILE_EVERY, text.apply(Option.ANDROID_RECONCILE_EVERY),
                source, problems);
        if (problems.size() > before) {
            return null;
        }
        return new AndroidSettings(root, Path.of(key), blank(text.apply(Option.ANDROID_PROJECT_ID)), topic, push,
                rate, max, poll, reconcile);
    }

    /**
     * The push subscription's authentication: an ID token (audience and service account together,
     * certificates fetched over https, or plain http from this machine only), a URL secret, or both.
     * A topic with neither would have every notification refused, so that does not start.
     */
    private static PushAuth push(Function<Option, String> text, Function<Option, String> source, String topic,
                                 String token, List<String> problems) {
        String audience = blank(text.apply(Option.ANDROID_PUBSUB_AUDIENCE));
        String account = blank(text.apply(Option.ANDROID_PUBSUB_SERVICE_ACCOUNT));
        if ((audience == null) != (account == null)) {
            problems.add("android.pubsub.audience and android.pubsub.service.account go together ("
                    + source.apply(audience == null ? Option.ANDROID_PUBSUB_SERVICE_ACCOUNT : Option.ANDROID_PUBSUB_AUDIENCE)
                    + ")");
        }
        if (account != null && !account.matches("[^@\\s]+@[^@\\s]+")) {
            problems.add("android.pubsub.service.account must be the service account's email address ("
                    + source.apply(Option.ANDROID_PUBSUB_SERVICE_ACCOUNT) + ")");
        }
        URI certs = null;
        try {
            certs = URI.create(text.apply(Option.ANDROID_PUBSUB_CERTS_URL).trim());
            boolean local = "http".equals(certs.getScheme()) && certs.getHost() != null
                    && (certs.getHost().equals("localhost") || certs.getHost().equals("127.0.0.1")
                    || certs.getHost().equals("[::1]"));
            if (!("https".equals(certs.getScheme()) && certs.getHost() != null) && !local) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            problems.add("android.pubsub.certs.url must be an absolute https URL, or http on localhost ("
                    + source.apply(Option.ANDROID_PUBSUB_CERTS_URL) + ")");
        }
        if (topic != null && audience == null && token == null) {
            problems.add("android.pubsub.topic is set but pushes could not be authenticated: set "
                    + "android.pubsub.audience with android.pubsub.service.account, or android.push.token ("
                    + source.apply(Option.ANDROID_PUBSUB_TOPIC) + ")");
        }
        if ((audience == null) != (account == null) || certs == null) {
            return PushAuth.sharedToken(token);
        }
        return new PushAuth(token, audience, account, certs);
    }

    /** 1 second to 90 days, as 90s, 30m, 12h or 7d. */
    private static Duration duration(Option o, String raw, Function<Option, String> source, List<String> problems) {
        String t = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (t.matches("[0-9]{1,9}[smhd]")) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            if (!d.isZero() && d.compareTo(Duration.ofDays(90)) <= 0) {
                return d;
            }
        }
        problems.add(o.key() + " must be a duration from 1s to 90d such as 90s, 30m or 12h, not '" + raw + "' ("
                + source.apply(o) + ")");
        return Duration.ofMinutes(1);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
