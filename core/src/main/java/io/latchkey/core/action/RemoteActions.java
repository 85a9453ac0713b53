package io.latchkey.core.action;

import io.latchkey.core.Ids;
import io.latchkey.core.Rejected;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.capability.CapabilityMatrix;
import io.latchkey.core.capability.Decision;
import io.latchkey.core.inventory.BuiltInGroup;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Groups;
import io.latchkey.core.secret.SecretSealer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The administrator's remote tasks (product spec section 3): submit an action for any number of
 * devices, preview it, cancel it, reveal a secret result. Every call is audited.
 */
public final class RemoteActions {
    public static final Duration MIN_TTL = Duration.ofMinutes(1);
    public static final Duration MAX_TTL = Duration.ofDays(90);

    private final Devices devices;
    private final Groups groups;
    private final ActionRequests requests;
    private final CommandTransitions transitions;
    private final AuditLog audit;
    private final SecretSealer sealer;
    private final Runnable wakeup;
    private final Clock clock;
    private final Duration defaultTtl;

    public RemoteActions(Devices devices, Groups groups, ActionRequests requests, CommandTransitions transitions,
                         AuditLog audit, SecretSealer sealer, Runnable wakeup, Clock clock, Duration defaultTtl) {
        this.devices = devices;
        this.groups = groups;
        this.requests = requests;
        this.transitions = transitions;
        this.audit = audit;
        this.sealer = sealer;
        this.wakeup = wakeup;
        this.clock = clock;
        this.defaultTtl = defaultTtl;
    }

    /** Decides per device and stores the request with one command per device, atomically. */
    public Submitted submit(ActionSubmission submission, Actor actor) {
        return submit(submission, actor, "");
    }

    /**
     * Checks a submission as {@link #submit} would (action, options, time to live, idempotency key,
     * group) and returns the devices it selects now, storing nothing; refuses an empty selection.
     * An approval policy looks at these devices before anything is queued.
     */
    public List<Device> check(ActionSubmission submission) {
        if (submission.action() == null) {
            throw Rejected.invalid("action is required");
        }
        ActionOptions.validate(submission.action(), submission.options());
        Duration ttl = submission.timeToLive() == null ? defaultTtl : submission.timeToLive();
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw Rejected.invalid("time to live must be between 1 minute and 90 days");
        }
        String key = submission.idempotencyKey();
        if (key != null && (key.isBlank() || key.length() > 200)) {
            throw Rejected.invalid("idempotency key must be 1 to 200 characters");
        }
        DeviceFilter target = submission.target() == null ? DeviceFilter.ALL : submission.target();
        checkGroup(target);
        List<Device> selected = devices.select(target);
        if (selected.isEmpty()) {
            List<UUID> notFound = missing(target, selected);
            throw Rejected.invalid("no device matches the selection" + (notFound.isEmpty() ? "" : " (unknown ids: "
                    + notFound + ")"));
        }
        return selected;
    }

    /**
     * {@link #submit}, with a note appended to the audit entry: who approved it, when an approval
     * policy held the request back (the requester stays the actor).
     */
    public Submitted submit(ActionSubmission submission, Actor actor, String auditNote) {
        if (submission.action() == null) {
            throw Rejected.invalid("action is required");
        }
        Map<String, String> options = ActionOptions.validate(submission.action(), submission.options());
        DeviceFilter target = submission.target() == null ? DeviceFilter.ALL : submission.target();
        Duration ttl = submission.timeToLive() == null ? defaultTtl : submission.timeToLive();
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw Rejected.invalid("time to live must be between 1 minute and 90 days");
        }
        String key = submission.idempotencyKey();
        if (key != null && (key.isBlank() || key.length() > 200)) {
            throw Rejected.invalid("idempotency key must be 1 to 200 characters");
        }
        String fingerprint = fingerprint(submission.action().wireName() + "|" + ttl, target, options);
        if (key != null) {
            var earlier = requests.findByIdempotencyKey(actor.name(), key);
            if (earlier.isPresent()) {
                return replay(earlier.get(), fingerprint);
            }
        }
        checkGroup(target);
        List<Device> selected = devices.select(target);
        List<UUID> notFound = missing(target, selected);
        if (selected.isEmpty()) {
            throw Rejected.invalid("no device matches the selection" + (notFound.isEmpty() ? "" : " (unknown ids: "
                    + notFound + ")"));
        }
        Instant now = clock.instant();
        UUID requestId = Ids.timeOrdered();
        Instant expiresAt = now.plus(ttl);
        List<Command> commands = new ArrayList<>(selected.size());
        int refused = 0;
        List<UUID> refusedIds = new ArrayList<>();
        for (Device device : selected) {
            Decision decision = CapabilityMatrix.decide(device, submission.action());
            ChannelKind channel = ChannelKind.of(device).orElse(null);
            boolean ok = decision.supported() && channel != null;
            if (!ok) {
                refused++;
                refusedIds.add(device.id());
            }
            String detail = switch (decision) {
                case Decision.Supported s -> s.method();
                case Decision.NotSupported n -> n.reason();
            };
            commands.add(new Command(Ids.timeOrdered(), requestId, device.id(), submission.action(), channel,
                    ok ? CommandState.PENDING : CommandState.NOT_SUPPORTED, detail, options, now, now, expiresAt));
        }
        ActionRequest request = new ActionRequest(requestId, submission.action(), target, options, actor.name(),
                actor.address(), key, fingerprint, now, expiresAt, commands.size(), refused);
        AuditEvent event = new AuditEvent(UUID.randomUUID(), now, actor.name(), actor.address(), "action.submit",
                "actionRequest", requestId.toString(), submission.action().wireName() + " for " + commands.size()
                + " device(s), " + refused + " not supported" + (auditNote == null ? "" : auditNote));
        ActionRequest stored = requests.create(request, commands, event);
        if (!stored.id().equals(requestId)) {
            // A concurrent call with the same idempotency key won the race; answer as a replay.
            return replay(stored, fingerprint);
        }
        if (refused < commands.size()) {
            wakeup.run();
        }
        return new Submitted(stored, true, notFound, refusedIds);
    }

    /** What {@link #submit} would do for this selection, without storing anything. */
    public Preview preview(io.latchkey.core.capability.Action action, DeviceFilter target) {
        if (action == null) {
            throw Rejected.invalid("action is required");
        }
        checkGroup(target);
        List<Device> selected = devices.select(target == null ? DeviceFilter.ALL : target);
        Map<String, Integer> skipped = new TreeMap<>();
        int supported = 0;
        for (Device device : selected) {
            Decision decision = CapabilityMatrix.decide(device, action);
            if (decision instanceof Decision.NotSupported n) {
                skipped.merge(n.reason(), 1, Integer::sum);
            } else {
                supported++;
            }
        }
        return new Preview(action, selected.size(), supported, skipped);
    }

    /** Cancels the request's commands that were not sent yet; returns how many. */
    public int cancel(UUID requestId, Actor actor) {
        requests.find(requestId).orElseThrow(() -> Rejected.notFound("no action request " + requestId));
        Instant now = clock.instant();
        int canceled = transitions.cancelPending(requestId, actor.name(), now);
        audit.append(new AuditEvent(UUID.randomUUID(), now, actor.name(), actor.address(), "action.cancel",
                "actionRequest", requestId.toString(), canceled + " pending command(s) canceled"));
        return canceled;
    }

    /**
     * Opens a command's secret result for an administrator. The reveal is audited before the value
     * is returned, so no reveal goes unrecorded.
     */
    public RevealedSecret reveal(UUID commandId, Actor actor) {
        Instant now = clock.instant();
        SealedSecret sealed = transitions.secret(commandId, now).orElseThrow(() -> new Rejected(Rejected.Kind.GONE,
                "command " + commandId + " has no secret result, or it expired (secrets are kept 7 days)"));
        audit.append(new AuditEvent(UUID.randomUUID(), now, actor.name(), actor.address(), "secret.reveal",
                "command", commandId.toString(), sealed.kind()));
        byte[] plain = sealer.open(sealed.ciphertext(), commandId.toString().getBytes(StandardCharsets.UTF_8));
        return new RevealedSecret(commandId, sealed.kind(), new String(plain, StandardCharsets.UTF_8));
    }

    private Submitted replay(ActionRequest earlier, String fingerprint) {
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw Rejected.conflict("idempotency key '" + earlier.idempotencyKey()
                    + "' was already used for a different request (" + earlier.id() + ")");
        }
        return new Submitted(earlier, false, List.of());
    }

    private void checkGroup(DeviceFilter target) {
        if (target == null || target.groupId() == null || BuiltInGroup.byId(target.groupId()).isPresent()) {
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(target.groupId());
        } catch (IllegalArgumentException e) {
            throw Rejected.notFound("no group '" + target.groupId() + "'");
        }
        if (groups.find(id).isEmpty()) {
            throw Rejected.notFound("no group '" + target.groupId() + "'");
        }
    }

    private static List<UUID> missing(DeviceFilter target, List<Device> selected) {
        if (target.ids() == null) {
            return List.of();
        }
        Set<UUID> found = new HashSet<>();
        selected.forEach(d -> found.add(d.id()));
        return target.ids().stream().filter(id -> !found.contains(id)).distinct().toList();
    }

    static String fingerprint(String action, DeviceFilter target, Map<String, String> options) {
        List<UUID> ids = target.ids() == null ? null : target.ids().stream().sorted().toList();
        String text = action + "|" + ids + "|" + target.groupId() + "|" + target.userId() + "|" + target.platform()
                + "|" + target.channel() + "|" + target.search() + "|" + new TreeMap<>(options);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
