package io.latchkey.bench;

import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 7's benchmark: server time of the console's device list page at a fleet of N devices
 * (default 100,000) with a filter, and of the Remote Tasks confirmation (the capability preview)
 * for a 10,000-device selection, against {@code GET /healthz} with the same client in the same run.
 * One client, requests one after another, so each figure is one request's time end to end on
 * loopback. Usage: ConsoleBench [devices] [requests] [sqlite | h2 | postgresql url user password key]
 */
public final class ConsoleBench {
    private static final String PASSWORD = "console-bench-password";
    private static final String TOKEN = "lk_console-bench-token-0123456789";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("rel=\"next\" href=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final String base;

    private ConsoleBench(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String db = args.length > 2 ? args[2] : "sqlite";
        Path dir = BenchDirectory.create("latchkey-console-bench");
        Map<Option, String> options = new EnumMap<>(Option.class);
        options.put(Option.PORT, "0");
        options.put(Option.BIND, "127.0.0.1");
        options.put(Option.DATA_DIR, dir.resolve("data").toString());
        BenchDatabase.put(options, db, args, 3);
        Settings settings = SettingsLoader.load(options, null, Map.of());
        try (App app = App.open(settings)) {
            app.bootstrap("admin", PASSWORD, TOKEN);
            long seeded = Fleet.store(app.storage().imports(), devices, 7);
            ConsoleBench bench = new ConsoleBench("http://127.0.0.1:" + app.serve());
            bench.signIn();
            String csrf = bench.csrf();
            String list = "/console/groups/all-mobile-devices?platform=ANDROID&sort=NAME";
            String search = "/console/groups/all-devices?q=dev-4242";
            String next = bench.nextPage(list);
            String preview = "csrf=" + csrf + "&action=resetPasscode&scope=filter&group=all-devices&platform=IOS";
            bench.warm(list, preview);
            String setup = db + ", " + String.format("%,d", devices) + " devices (seeded in "
                    + String.format("%.1f", seeded / 1e9) + " s)";
            report(setup, "bare endpoint: GET /healthz", bench.time(requests, () -> bench.get("/healthz")), null);
            List<Long> bare = bench.time(requests, () -> bench.get("/healthz"));
            report(setup, "device list, filter platform=Android in All Mobile Devices (30,000 match), first page of 50",
                    bench.time(requests, () -> bench.get(list)), bare);
            report(setup, "the same page through the JSON API (one page query, no count, no user or task column)",
                    bench.time(requests, () -> bench.api("/api/v1/devices?group=all-mobile-devices&platform=ANDROID"
                            + "&limit=50")), bare);
            report(setup, "its \"select all N matching\" count (fragment loaded after the page: COUNT of 30,000 rows)",
                    bench.time(requests, () -> bench.get("/console/groups/all-mobile-devices/count?platform=ANDROID")),
                    bare);
            report(setup, "same list, next page (keyset cursor)", bench.time(requests, () -> bench.get(next)), bare);
            report(setup, "device list, search \"dev-4242\" in All Devices", bench.time(requests,
                    () -> bench.get(search)), bare);
            report(setup, "Remote Tasks › Passcode Reset confirmation: capability preview of 10,000 devices "
                    + "(all iOS matching the filter)", bench.time(Math.max(20, requests / 5),
                    () -> bench.post("/console/tasks/confirm", preview)), bare);
        }
    }

    private void signIn() throws Exception {
        String page = get("/console/login");
        String token = match(CSRF, page);
        String r = post("/console/login", "csrf=" + token + "&name=admin&password=" + PASSWORD);
        if (!r.isEmpty() && r.contains("id=\"password\"")) {
            throw new IllegalStateException("sign-in failed");
        }
    }

    private String csrf() {
        return match(CSRF, get("/console/users"));
    }

    private String nextPage(String list) {
        return match(NEXT, get(list)).replace("&amp;", "&");
    }

    private void warm(String list, String preview) {
        for (int i = 0; i < 50; i++) {
            get(list);
            get("/healthz");
        }
        for (int i = 0; i < 5; i++) {
            post("/console/tasks/confirm", preview);
        }
    }

    private List<Long> time(int n, Supplier<String> call) {
        List<Long> ns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.get();
            ns.add(System.nanoTime() - t);
        }
        return ns;
    }

    private static void report(String setup, String what, List<Long> ns, List<Long> bare) {
        List<Long> sorted = new ArrayList<>(ns);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2) / 1e6;
        double p95 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1)) / 1e6;
        String vs = "";
        if (bare != null) {
            List<Long> b = new ArrayList<>(bare);
            Collections.sort(b);
            vs = String.format("%.1f× bare median", median / (b.get(b.size() / 2) / 1e6));
        }
        System.out.printf("| %s | %s | median %.1f ms, p95 %.1f ms (n=%d) | %s |%n", setup, what, median, p95,
                ns.size(), vs);
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    private String api(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN).GET()
                .build());
    }

    private String post(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 400) {
                throw new IllegalStateException(request.uri() + " answered " + r.statusCode());
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String match(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("not found: " + p);
        }
        return m.group(1);
    }
}
