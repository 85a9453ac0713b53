package io.latchkey.channel.windows.wns;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OAuth access token WNS wants on every push: client credentials for the Store app
 * ({@code grant_type=client_credentials}, {@code client_id} the package SID, {@code client_secret},
 * {@code scope=notify.windows.com}), answered as JSON {@code {access_token, token_type, expires_in}}
 * (shared/reference/windows-mdm.md §5, Fleet's wns.go). Cached until shortly before it expires, or
 * until WNS refuses it.
 */
final class WnsAccessToken {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*\"?(\\d+)");
    private static final Duration EARLY = Duration.ofMinutes(1);

    private final HttpClient http;
    private final WnsSettings settings;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private String token;
    private Instant expiresAt = Instant.MIN;

    WnsAccessToken(HttpClient http, WnsSettings settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    /** A valid token, fetching a new one when needed. */
    String get() throws IOException, InterruptedException {
        lock.lock();
        try {
            if (token == null || !clock.instant().isBefore(expiresAt.minus(EARLY))) {
                fetch();
            }
            return token;
        } finally {
            lock.unlock();
        }
    }

    /** WNS refused {@code refused} (401/403): the next {@link #get} fetches a fresh one. */
    void invalidate(String refused) {
        lock.lock();
        try {
            if (refused != null && refused.equals(token)) {
                token = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private void fetch() throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + enc(settings.packageSid()) + "&client_secret="
                + enc(settings.clientSecret()) + "&scope=notify.windows.com";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(settings.tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher t = ACCESS_TOKEN.matcher(r.body() == null ? "" : r.body());
        if (r.statusCode() != 200 || !t.find()) {
            // The body may echo the request: never quote it.
            throw new IOException("the WNS token endpoint answered HTTP " + r.statusCode() + " without an access token");
        }
        Matcher e = EXPIRES_IN.matcher(r.body());
        long seconds = e.find() ? Long.parseLong(e.group(1)) : 3600;
        token = t.group(1);
        expiresAt = clock.instant().plusSeconds(seconds);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
