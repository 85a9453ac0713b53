package io.latchkey.server.simulate;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of {@code latchkey simulate} against a server started with {@link StandIns#serverSettings}:
 * enroll the devices, watch them (progress line), optionally lock them all with one action, and report
 * each action's timings. The stand-ins belong to the caller.
 */
public final class Simulation {
    static final String USER = "simulated-devices@latchkey.invalid";
    private static final Duration INVENTORY_WAIT = Duration.ofMinutes(2);

    private final SimulationPlan plan;
    private final StandIns standIns;
    private final PrintWriter out;
    private final ProgressLine progress;
    private final AdminClient admin;

    public Simulation(SimulationPlan plan, StandIns standIns, PrintWriter out, boolean terminal) {
        this.plan = plan;
        this.standIns = standIns;
        this.out = out;
        this.progress = new ProgressLine(out, terminal);
        this.admin = new AdminClient(plan.server(), plan.token());
    }

    /** Waits until the server answers /readyz, printing where it waits; false when {@code wait} passed first. */
    public boolean awaitServer(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean told = false;
        while (!admin.ready()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (!told) {
                out.println("Waiting for the server at " + admin.base() + " (up to " + wait.toSeconds() + " s)…");
                out.flush();
                told = true;
            }
            Thread.sleep(500);
        }
        return true;
    }

    /** Runs the plan; the report is printed to {@code out}. */
    public void run() throws Exception {
        admin.post("/api/v1/import", "{\"users\":[{\"userPrincipalName\":\"" + USER
                + "\",\"displayName\":\"Simulated devices\"}]}");
        String userId = admin.get("/api/v1/users?search=" + USER).get("items").get(0).get("id").asText();
        SimulatedDevices devices = new SimulatedDevices(plan, standIns);
        out.printf("Enrolling %d Apple, %d Windows and %d Android devices at %s…%n", plan.apple(), plan.windows(),
                plan.android(), admin.base());
        out.flush();
        Thread ticker = Thread.ofVirtual().start(() -> tickWhileEnrolling(devices));
        try {
            devices.enroll(admin, userId, USER);
        } finally {
            ticker.interrupt();
            ticker.join();
        }
        List<SimulatedDevices.Member> members = devices.members();
        Map<String, Integer> indexById = serverIds(members);
        progress.end(String.format("enrolled %d/%d (%d Apple, %d Windows, %d Android)", members.size(),
                plan.devices(), plan.apple(), plan.windows(), plan.android()));
        try (Receipts receipts = new Receipts(members)) {
            Instant since = Instant.now().minusMillis(1);
            String own = plan.lock() ? lock(indexById) : null;
            ActionTimings timings = new ActionTimings(admin, indexById, members, receipts);
            long deadline = System.nanoTime() + plan.timeout().toNanos();
            boolean finished = false;
            while (!finished && System.nanoTime() < deadline) {
                Thread.sleep(progress.everyMs());
                long online = members.stream().filter(m -> m.online().getAsBoolean()).count();
                long[] answered = {0};
                for (JsonNode a : timings.actionsSince(since)) {
                    JsonNode p = admin.get("/api/v1/actions/" + a.get("id").asText()).get("progress");
                    long done = p.get("succeeded").asLong() + p.get("failed").asLong();
                    answered[0] += done + p.get("acknowledged").asLong();
                    if (a.get("id").asText().equals(own)) {
                        finished = done + p.get("expired").asLong() + p.get("canceled").asLong()
                                + p.get("notSupported").asLong() >= a.get("deviceCount").asLong();
                    }
                }
                progress.show(String.format("enrolled %d · online %d · commands received %d · acknowledged %d",
                        members.size(), online, receipts.total(), answered[0]));
            }
            progress.end(finished ? "the lock finished: every command answered or closed"
                    : own == null ? "ran " + plan.timeout().toSeconds() + " s"
                    : "stopped after " + plan.timeout().toSeconds() + " s with commands still open (offline devices keep theirs pending)");
            out.println();
            out.println("Timings (received: seen at the device, sampled every " + Receipts.EVERY_MS
                    + " ms; acknowledged: the device's answer recorded by the server):");
            timings.print(timings.actionsSince(since), out);
        }
    }

    private void tickWhileEnrolling(SimulatedDevices devices) {
        while (!Thread.currentThread().isInterrupted()) {
            int[] e = devices.enrolled();
            progress.show(String.format("enrolling: Apple %d/%d · Windows %d/%d · Android %d/%d", e[0], plan.apple(),
                    e[1], plan.windows(), e[2], plan.android()));
            try {
                Thread.sleep(progress.everyMs());
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    /** The server's id of each member, read from its device list (Android devices arrive by push: waited for). */
    private Map<String, Integer> serverIds(List<SimulatedDevices.Member> members) throws Exception {
        Map<String, Integer> byExternal = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            byExternal.put(members.get(i).externalId(), i);
        }
        Map<String, Integer> byId = new HashMap<>();
        long deadline = System.nanoTime() + INVENTORY_WAIT.toNanos();
        while (true) {
            String cursor = null;
            do {
                JsonNode page = admin.get("/api/v1/devices?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
                for (JsonNode d : page.get("items")) {
                    Integer i = byExternal.get(d.path("externalId").asText());
                    if (i != null) {
                        byId.put(d.get("id").asText(), i);
                    }
                }
                cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
            } while (cursor != null);
            if (byId.size() >= members.size()) {
                return byId;
            }
            if (System.nanoTime() > deadline) {
                throw new SimulationFailed("only " + byId.size() + " of " + members.size()
                        + " simulated devices are in the server's inventory after " + INVENTORY_WAIT.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }

    private String lock(Map<String, Integer> indexById) throws Exception {
        List<String> ids = new ArrayList<>(indexById.keySet());
        StringBuilder json = new StringBuilder("{\"action\":\"remoteLock\",\"target\":{\"ids\":[");
        for (int i = 0; i < ids.size(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(ids.get(i)).append('"');
        }
        json.append("]},\"options\":{\"message\":\"Locked by latchkey simulate\"}}");
        String id = admin.post("/api/v1/actions", json.toString()).get("id").asText();
        out.println("Sent one remote lock for all " + ids.size() + " devices: action " + id);
        out.flush();
        return id;
    }
}
