package io.latchkey.bench;

import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Graph API over HTTP on a real server (in this JVM, loopback): the latency of a filtered
 * 1,000-device page of {@code managedDevices} over a fleet of N devices (the first page, and every
 * page of the walk by nextLink), and the time of a bulk {@code executeAction} naming every device,
 * each against a baseline measured in the same run with the same client: {@code GET /healthz} for
 * the pages, the same request through the native {@code POST /api/v1/actions} for the bulk action.
 *
 * <p>Usage: {@code GraphBench <devices> <runs> sqlite|h2} or {@code GraphBench <devices> <runs> postgresql
 * <url> <user> <password> <secret-key-base64>}; prints markdown rows.
 */
public final class GraphBench {
    private static final String TOKEN = "lk_bench_graph_token_0123456789abcdef";
    private static final long SEED = 11;
    /** About one device in ten: the Windows 11 laptops of the synthetic fleet, company-owned. */
    static final String FILTER = "operatingSystem eq 'Windows' and osVersion ge '10.0.22000'"
            + " and managedDeviceOwnerType eq 'company' and managementAgent eq 'mdm'";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String setup;

    private GraphBench(String base, String setup) {
        this.base = base;
        this.setup = setup;
    }

    public static void main(String[] args) throws Exception {
        int devices = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        String vendor = args[2];
        Path dir = BenchDirectory.create("latchkey-graph-bench");
        Map<Option, String> options = new EnumMap<>(Option.class);
        options.put(Option.PORT, "0");
        options.put(Option.BIND, "127.0.0.1");
        options.put(Option.DATA_DIR, dir.toString());
        options.put(Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN);
        options.put(Option.DATABASE_POOL_SIZE, "10");
        BenchDatabase.put(options, vendor, args, 3);
        Settings settings = SettingsLoader.load(options, null, Map.of());
        try (App app = App.open(settings)) {
            app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
            Fleet.store(app.storage().imports(), devices, SEED);
            if (vendor.equals("postgresql")) {
                // What autovacuum does shortly after a bulk load: without statistics the planner takes the
                // equality on channel (most devices) for selective and sorts all its rows.
                try (var c = app.storage().dataSource().getConnection(); var st = c.createStatement()) {
                    st.execute("ANALYZE device");
                }
            }
            GraphBench bench = new GraphBench("http://127.0.0.1:" + app.serve(), vendor + ", " + String.format("%,d",
                    devices) + " devices");
            bench.pages(runs);
            bench.bulk(devices, runs);
        }
    }

    /** The first filtered page {@code 20 × runs} times, then every page of the walk, against /healthz. */
    private void pages(int runs) throws Exception {
        String first = base + "/v1.0/deviceManagement/managedDevices?$top=1000&$filter="
                + URLEncoder.encode(FILTER, StandardCharsets.UTF_8).replace("+", "%20");
        for (int i = 0; i < 20; i++) { // warm-up: JIT, connection, the database's caches
            get(first);
            get(base + "/healthz");
        }
        List<Long> firstPages = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        for (int i = 0; i < 20 * runs; i++) {
            firstPages.add(timed(first));
            bare.add(timed(base + "/healthz"));
        }
        List<Long> walk = new ArrayList<>();
        int matched = 0;
        for (int r = 0; r < runs; r++) {
            String url = first;
            matched = 0;
            while (url != null) {
                long t = System.nanoTime();
                String body = get(url);
                walk.add(System.nanoTime() - t);
                matched += count(body);
                Matcher m = Pattern.compile("\"@odata\\.nextLink\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
                url = m.find() ? m.group(1) : null;
            }
        }
        row("baseline: GET /healthz, same client", bare, null);
        row("first filtered page of 1,000 (" + FILTER.replace("'", "’") + ")", firstPages, bare);
        row("every page of the walk by @odata.nextLink (" + String.format("%,d", matched) + " matches, " + runs
                + " walks)", walk, bare);
    }

    /** executeAction naming every device, against the same selection through the native API. */
    private void bulk(int devices, int runs) throws Exception {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < devices; i++) {
            ids.append(i == 0 ? "" : ",").append('"').append(new UUID(SEED ^ 0x5EED, i)).append('"');
        }
        List<Long> graph = new ArrayList<>();
        List<Long> nativeApi = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            String answer = post(base + "/beta/deviceManagement/managedDevices/executeAction",
                    "{\"actionName\":\"remoteLock\",\"deviceIds\":[" + ids + "]}");
            graph.add(System.nanoTime() - t);
            if (!answer.contains("successfulDeviceIds")) {
                throw new IllegalStateException(answer.substring(0, Math.min(300, answer.length())));
            }
            t = System.nanoTime();
            post(base + "/api/v1/actions", "{\"action\":\"remoteLock\",\"target\":{\"ids\":[" + ids + "]}}");
            nativeApi.add(System.nanoTime() - t);
        }
        row("baseline: POST /api/v1/actions, remoteLock for the same " + String.format("%,d", devices) + " ids",
                nativeApi, null);
        row("POST beta executeAction remoteLock, " + String.format("%,d", devices)
                + " deviceIds, to 200 with the per-device answer", graph, nativeApi);
    }

    private void row(String what, List<Long> ns, List<Long> baseline) {
        String ratio = baseline == null ? "" : String.format("%.1f× baseline median", (double) median(ns)
                / median(baseline));
        System.out.printf("| %s | %s | median %.1f ms, p95 %.1f ms (n=%d) | %s |%n", setup, what, median(ns) / 1e6,
                p95(ns) / 1e6, ns.size(), ratio);
    }

    private long timed(String url) throws Exception {
        long t = System.nanoTime();
        get(url);
        return System.nanoTime() - t;
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " → " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private String post(String url, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " → " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static int count(String body) {
        int n = 0;
        for (int i = body.indexOf("\"deviceName\""); i >= 0; i = body.indexOf("\"deviceName\"", i + 1)) {
            n++;
        }
        return n;
    }

    static long median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    /** Nearest rank. */
    static long p95(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(Math.max(0, (int) Math.ceil(0.95 * s.size()) - 1));
    }
}
