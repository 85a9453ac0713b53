package io.latchkey.server.http;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The console over plain HTTP, as a browser would drive it: sign in, then GET pages and POST forms with the CSRF token. */
final class ConsoleClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final String session;
    private final String csrf;

    private ConsoleClient(String base, String session, String csrf) {
        this.base = base;
        this.session = session;
        this.csrf = csrf;
    }

    record Page(int status, String body) {
    }

    static ConsoleClient signIn(String base, String name, String password) {
        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(base + "/console/login")).GET(), null);
        String login = cookie(form, "lk_login");
        Matcher m = CSRF.matcher(form.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page");
        }
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(base + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("name", name, "password", password,
                        "csrf", m.group(1))))), "lk_login=" + login);
        String session = cookie(signedIn, "lk_console");
        if (session == null || session.isEmpty()) {
            throw new IllegalStateException("sign-in failed for " + name + ": " + signedIn.statusCode());
        }
        // Any signed-in page carries the session's CSRF token in its forms (the language switch at least).
        HttpResponse<String> tasks = send(HttpRequest.newBuilder(URI.create(base + "/console/tasks")).GET(),
                "lk_console=" + session);
        Matcher t = CSRF.matcher(tasks.body());
        String csrf = t.find() ? t.group(1) : null;
        return new ConsoleClient(base, session, csrf);
    }

    Page get(String path) {
        var r = send(HttpRequest.newBuilder(URI.create(base + path)).GET(), "lk_console=" + session);
        return new Page(r.statusCode(), r.body());
    }

    Page post(String path, Map<String, String> fields) {
        return post(path, fields, List.of());
    }

    /** With fields that repeat (ticked rows: {@code ids} once per device). */
    Page post(String path, Map<String, String> fields, List<Map.Entry<String, String>> repeated) {
        Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        all.put("csrf", csrf);
        String body = form(all);
        for (Map.Entry<String, String> e : repeated) {
            body += "&" + URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8);
        }
        var r = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "lk_console=" + session);
        return new Page(r.statusCode(), r.body());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String cookie(HttpResponse<?> r, String name) {
        for (String h : r.headers().allValues("Set-Cookie")) {
            if (h.startsWith(name + "=")) {
                return h.substring(name.length() + 1, h.indexOf(';') < 0 ? h.length() : h.indexOf(';'));
            }
        }
        return null;
    }

    private static HttpResponse<String> send(HttpRequest.Builder b, String cookie) {
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
