package io.latchkey.server.simulate;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The final report: for every action created while the simulator ran (its own lock, or one an
 * administrator sent from the console), how long its commands took from the request (the action's
 * {@code createdAt}) to the command received at the device, and to the device's answer recorded by the
 * server (the command's {@code updatedAt} once succeeded or failed), with p50/p90/p99/max overall and
 * per kind of device. Server and simulator clocks are assumed to agree (one machine, or NTP).
 */
final class ActionTimings {
    private static final Set<String> ANSWERED = Set.of("acknowledged", "succeeded", "failed");

    private final AdminClient admin;
    private final Map<String, Integer> indexById;
    private final List<SimulatedDevices.Member> members;
    private final Receipts receipts;

    /** @param indexById the server's device id → the member's index in {@code members} (and in {@code receipts}) */
    ActionTimings(AdminClient admin, Map<String, Integer> indexById, List<SimulatedDevices.Member> members,
                  Receipts receipts) {
        this.admin = admin;
        this.indexById = indexById;
        this.members = members;
        this.receipts = receipts;
    }

    /** Ids of the actions created at or after {@code since}, oldest first. */
    List<JsonNode> actionsSince(Instant since) throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode a : admin.get("/api/v1/actions?limit=100").get("items")) {
            if (!Instant.parse(a.get("createdAt").asText()).isBefore(since)) {
                out.addFirst(a);
            }
        }
        return out;
    }

    void print(List<JsonNode> actions, PrintWriter out) throws IOException, InterruptedException {
        if (actions.isEmpty()) {
            out.println("No action was sent to the simulated devices while the simulator ran.");
        }
        for (JsonNode action : actions) {
            printOne(action, out);
        }
        out.flush();
    }

    private void printOne(JsonNode action, PrintWriter out) throws IOException, InterruptedException {
        String id = action.get("id").asText();
        long created = Instant.parse(action.get("createdAt").asText()).toEpochMilli();
        Map<SimulatedDevices.Kind, List<Long>> received = new EnumMap<>(SimulatedDevices.Kind.class);
        Map<SimulatedDevices.Kind, List<Long>> answered = new EnumMap<>(SimulatedDevices.Kind.class);
        Map<String, Integer> states = new TreeMap<>();
        int ours = 0;
        String cursor = null;
        do {
            JsonNode page = admin.get("/api/v1/actions/" + id + "/commands?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode c : page.get("items")) {
                Integer i = indexById.get(c.get("deviceId").asText());
                if (i == null) {
                    continue; // a device the simulator does not run
                }
                ours++;
                String state = c.get("state").asText();
                states.merge(state, 1, Integer::sum);
                SimulatedDevices.Kind kind = members.get(i).kind();
                long got = receipts.firstAt(i, created);
                if (got >= 0) {
                    received.computeIfAbsent(kind, k -> new ArrayList<>()).add(Math.max(0, got - created));
                }
                if (ANSWERED.contains(state)) {
                    long at = Instant.parse(c.get("updatedAt").asText()).toEpochMilli();
                    answered.computeIfAbsent(kind, k -> new ArrayList<>()).add(Math.max(0, at - created));
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        out.printf("Action %s %s, created %s: %d simulated devices (%s)%n", action.get("action").asText(), id,
                action.get("createdAt").asText(), ours, states.toString().replaceAll("[{}]", ""));
        out.println(Percentiles.header());
        out.println(Percentiles.of(all(received)).row("request → command received"));
        out.println(Percentiles.of(all(answered)).row("request → acknowledged"));
        for (SimulatedDevices.Kind k : SimulatedDevices.Kind.values()) {
            if (received.containsKey(k) || answered.containsKey(k)) {
                out.println(Percentiles.of(longs(received.get(k))).row(k.label() + ": request → received"));
                out.println(Percentiles.of(longs(answered.get(k))).row(k.label() + ": request → acknowledged"));
            }
        }
    }

    private static long[] all(Map<SimulatedDevices.Kind, List<Long>> byKind) {
        return byKind.values().stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
    }

    private static long[] longs(List<Long> values) {
        return values == null ? new long[0] : values.stream().mapToLong(Long::longValue).toArray();
    }
}
