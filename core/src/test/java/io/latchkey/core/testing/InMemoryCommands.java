package io.latchkey.core.testing;

import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandEvent;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.CommandQueue;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.CommandTransitions;
import io.latchkey.core.action.SealedSecret;
import io.latchkey.core.action.Transition;
import io.latchkey.core.action.WakeupBatch;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.inventory.Page;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Commands, their history, wake-up leases and sealed secrets, in memory, behind one lock so each
 * call is atomic like a database transaction. It is honest where the ports promise something:
 * transitions are compare-and-set, idempotency keys are unique per requester, and a wake-up
 * lease hides a command from other claimers until it runs out.
 */
public final class InMemoryCommands implements CommandHistory, CommandQueue, CommandTransitions {
    /** The actor of the engine's own sweeps (expiry). */
    public static final String SYSTEM = "system";

    private final InMemoryAuditLog audit;
    private final Map<UUID, ActionRequest> requests = new LinkedHashMap<>();
    private final Map<String, UUID> idempotencyKeys = new HashMap<>();
    private final Map<UUID, Command> commands = new LinkedHashMap<>(); // insertion = creation order
    private final Map<UUID, List<CommandEvent>> events = new HashMap<>();
    private final Map<UUID, List<UUID>> byRequest = new LinkedHashMap<>(); // positions = seq; oldest request first
    private final Map<UUID, Integer> wakeCursor = new HashMap<>();
    private final Map<UUID, Instant> leases = new HashMap<>();
    private final Map<UUID, SealedSecret> secrets = new HashMap<>();

    public InMemoryCommands(InMemoryAuditLog audit) {
        this.audit = audit;
    }

    // ---- ActionRequests, through InMemoryActionRequests ----

    synchronized ActionRequest create(ActionRequest request, List<Command> list, AuditEvent event) {
        String key = request.idempotencyKey() == null ? null : request.requestedBy() + "\u0000" + request.idempotencyKey();
        if (key != null && idempotencyKeys.containsKey(key)) {
            return requests.get(idempotencyKeys.get(key));
        }
        if (requests.containsKey(request.id())) {
            throw new IllegalStateException("duplicate request id " + request.id());
        }
        for (Command c : list) {
            if (commands.containsKey(c.id()) || !c.requestId().equals(request.id())) {
                throw new IllegalStateException("command " + c.id() + " is a duplicate or belongs elsewhere");
            }
        }
        requests.put(request.id(), request);
        if (key != null) {
            idempotencyKeys.put(key, request.id());
        }
        List<UUID> positions = new ArrayList<>();
        for (Command c : list) {
            commands.put(c.id(), c);
            events.put(c.id(), new ArrayList<>());
            positions.add(c.id());
        }
        byRequest.put(request.id(), positions);
        boolean nothingToWake = list.stream().noneMatch(c -> c.state() == CommandState.PENDING);
        wakeCursor.put(request.id(), nothingToWake ? list.size() : 0);
        audit.append(event);
        return request;
    }

    synchronized Optional<ActionRequest> request(UUID id) {
        return Optional.ofNullable(requests.get(id));
    }

    synchronized Optional<ActionRequest> requestByKey(String requestedBy, String key) {
        UUID id = idempotencyKeys.get(requestedBy + "\u0000" + key);
        return Optional.ofNullable(id == null ? null : requests.get(id));
    }

    synchronized List<ActionRequest> requestsNewestFirst() {
        return new ArrayList<>(requests.values()).reversed();
    }

    // ---- CommandHistory ----

    @Override
    public synchronized Optional<Command> find(UUID commandId) {
        return Optional.ofNullable(commands.get(commandId));
    }

    @Override
    public synchronized Page<Command> ofRequest(UUID requestId, CommandState state, String cursor, int limit) {
        List<Command> list = commands.values().stream()
                .filter(c -> c.requestId().equals(requestId) && (state == null || c.state() == state)).toList();
        return Paging.page(list, c -> c.id().toString(), cursor, limit);
    }

    @Override
    public synchronized Page<Command> ofDevice(UUID deviceId, String cursor, int limit) {
        List<Command> list = commands.values().stream().filter(c -> c.deviceId().equals(deviceId)).toList();
        return Paging.page(list.reversed(), c -> c.id().toString(), cursor, limit);
    }

    @Override
    public synchronized List<CommandEvent> events(UUID commandId) {
        return List.copyOf(events.getOrDefault(commandId, List.of()));
    }

    @Override
    public synchronized Map<CommandState, Long> countByState(UUID requestId) {
        Map<CommandState, Long> counts = new EnumMap<>(CommandState.class);
        for (Command c : commands.values()) {
            if (requestId == null || c.requestId().equals(requestId)) {
                counts.merge(c.state(), 1L, Long::sum);
            }
        }
        return counts;
    }

    // ---- CommandQueue ----

    @Override
    public synchronized List<Command> dueFor(UUID deviceId, int max) {
        return commands.values().stream()
                .filter(c -> c.deviceId().equals(deviceId))
                .filter(c -> c.state() == CommandState.PENDING || c.state() == CommandState.SENT)
                .limit(max).toList();
    }

    @Override
    public synchronized List<Command> stale(Instant before, Instant now, int max) {
        return commands.values().stream()
                .filter(c -> c.state() == CommandState.PENDING || c.state() == CommandState.SENT)
                .filter(c -> c.expiresAt() == null || c.expiresAt().isAfter(now))
                .filter(c -> (c.updatedAt() != null ? c.updatedAt() : c.createdAt()).isBefore(before))
                .sorted(java.util.Comparator.comparing(c -> c.updatedAt() != null ? c.updatedAt() : c.createdAt()))
                .limit(max).toList();
    }

    @Override
    public synchronized boolean deferred(UUID commandId, String detail, Instant at) {
        Command c = commands.get(commandId);
        if (c == null || c.state() != CommandState.SENT) {
            return false;
        }
        commands.put(c.id(), new Command(c.id(), c.requestId(), c.deviceId(), c.action(), c.channel(), c.state(),
                detail, c.options(), c.createdAt(), at, c.expiresAt()));
        return true;
    }

    @Override
    public synchronized Optional<WakeupBatch> claimWakeups(int max, Instant now, Instant leaseUntil) {
        for (Map.Entry<UUID, List<UUID>> e : byRequest.entrySet()) {
            UUID requestId = e.getKey();
            int from = wakeCursor.get(requestId);
            Instant lease = leases.get(requestId);
            if (from >= e.getValue().size() || (lease != null && lease.isAfter(now))) {
                continue;
            }
            int to = Math.min(from + max, e.getValue().size());
            leases.put(requestId, leaseUntil);
            List<Command> pending = e.getValue().subList(from, to).stream().map(commands::get)
                    .filter(c -> c.state() == CommandState.PENDING).toList();
            return Optional.of(new WakeupBatch(requestId, from, to, pending));
        }
        return Optional.empty();
    }

    @Override
    public synchronized void wakeupsDone(WakeupBatch batch) {
        if (wakeCursor.getOrDefault(batch.requestId(), -1) != batch.fromSeq()) {
            return; // another claimer took the window over after this lease ran out
        }
        wakeCursor.put(batch.requestId(), batch.toSeq());
        leases.remove(batch.requestId());
    }

    // ---- CommandTransitions ----

    private java.util.function.Consumer<io.latchkey.core.action.WireNumbers> wireSink = w -> { };

    /** Where the wire numbers of numbered hand-outs go (the store keeps them in the same transaction). */
    public synchronized void onWireNumbers(java.util.function.Consumer<io.latchkey.core.action.WireNumbers> sink) {
        this.wireSink = sink;
    }

    @Override
    public synchronized boolean apply(Transition t) {
        Command c = commands.get(t.commandId());
        if (c == null || !t.from().contains(c.state())) {
            return false;
        }
        move(c, t.to(), t.detail(), t.actor(), t.at());
        if (t.wire() != null) {
            wireSink.accept(t.wire());
        }
        if (t.secret() != null) {
            SealedSecret s = t.secret();
            secrets.put(c.id(), new SealedSecret(s.kind(), s.ciphertext().clone(), s.expiresAt()));
        }
        return true;
    }

    @Override
    public synchronized int cancelPending(UUID requestId, String actor, Instant at) {
        int n = 0;
        for (Command c : List.copyOf(commands.values())) {
            if (c.requestId().equals(requestId) && c.state() == CommandState.PENDING) {
                move(c, CommandState.CANCELED, "canceled by " + actor, actor, at);
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized int expire(Instant now, int max) {
        int n = 0;
        for (Command c : List.copyOf(commands.values())) {
            if (n >= max) {
                break;
            }
            if (!c.state().terminal() && c.expiresAt() != null && c.expiresAt().isBefore(now)) {
                move(c, CommandState.EXPIRED, "the device did not answer within the time to live", SYSTEM, now);
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized Optional<SealedSecret> secret(UUID commandId, Instant now) {
        SealedSecret s = secrets.get(commandId);
        if (s == null || !s.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new SealedSecret(s.kind(), s.ciphertext().clone(), s.expiresAt()));
    }

    @Override
    public synchronized SealedSecret keepSecret(UUID commandId, SealedSecret secret) {
        if (!commands.containsKey(commandId)) {
            throw new IllegalArgumentException("no command " + commandId);
        }
        return secrets.computeIfAbsent(commandId, k -> secret);
    }

    @Override
    public synchronized int purgeSecrets(Instant now) {
        int before = secrets.size();
        secrets.values().removeIf(s -> !s.expiresAt().isAfter(now));
        return before - secrets.size();
    }

    // ---- for assertions ----

    public synchronized int requestCount() {
        return requests.size();
    }

    public synchronized List<Command> allCommands() {
        return List.copyOf(commands.values());
    }

    public synchronized int secretCount() {
        return secrets.size();
    }

    /**
     * Whether any byte sequence this store holds (sealed secrets, command details, history rows,
     * request options) contains {@code needle}: the way to prove a plaintext never reached storage.
     */
    public synchronized boolean holdsBytes(byte[] needle) {
        List<byte[]> haystacks = new ArrayList<>();
        secrets.values().forEach(s -> haystacks.add(s.ciphertext()));
        commands.values().forEach(c -> haystacks.add(utf8(c.detail() + c.options())));
        events.values().forEach(l -> l.forEach(e -> haystacks.add(utf8(e.detail() + "|" + e.actor()))));
        requests.values().forEach(r -> haystacks.add(utf8(r.options().toString())));
        return haystacks.stream().anyMatch(h -> indexOf(h, needle) >= 0);
    }

    private void move(Command c, CommandState to, String detail, String actor, Instant at) {
        String newDetail = detail != null ? detail : c.detail();
        commands.put(c.id(), new Command(c.id(), c.requestId(), c.deviceId(), c.action(), c.channel(), to, newDetail,
                c.options(), c.createdAt(), at, c.expiresAt()));
        events.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(new CommandEvent(c.id(), at, c.state(), to, detail,
                actor));
        if (to != CommandState.PENDING) {
            leases.remove(c.id());
        }
    }

    private static byte[] utf8(String s) {
        return String.valueOf(s).getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
