package io.latchkey.channel.android;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.androidmanagement.v1.AndroidManagement;
import com.google.api.services.androidmanagement.v1.model.Operation;
import io.latchkey.core.action.Channel;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.CloudOperation;
import io.latchkey.core.action.CloudOperations;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandOutbox;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.SecretKind;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.secret.SecretSealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The Android channel's side of the engine. AMAPI is a cloud channel: a due command is moved to
 * sent, then handed to Google at once (issueCommand, or devices.delete); the Operation it returns
 * is followed by COMMAND notifications and by polling operations.get, until the device ran it,
 * refused it (Command.errorCode) or its duration passed. A temporary passcode is sealed before the
 * call and becomes the command's revealable secret only once the operation succeeded.
 */
public final class AndroidChannel implements Channel {
    public static final String ACTOR = "android-management";
    private static final Logger LOG = LoggerFactory.getLogger(AndroidChannel.class);
    /** Calls in flight at once; the client's token bucket sets the rate. */
    private static final int PARALLEL = 64;
    private static final int POLL_BATCH = 500;
    private static final Duration NAMING_RACE = Duration.ofSeconds(5);
    private static final Duration RACE_STEP = Duration.ofMillis(500);
    /** Notifications waiting for the name of their operation, by that name. */
    private final java.util.Map<String, java.util.concurrent.CountDownLatch> justNamed =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final AmapiClient client;
    private final CommandOutbox outbox;
    private final CloudOperations operations;
    private final CommandHistory history;
    private final Devices devices;
    private final AndroidInventory inventory;
    private final SecretSealer sealer;
    private final TemporaryPasscodes passcodes;
    private final Duration maxDuration;
    private final Duration pollEvery;
    private final Clock clock;

    public AndroidChannel(AmapiClient client, CommandOutbox outbox, CloudOperations operations, CommandHistory history,
                          Devices devices, AndroidInventory inventory, SecretSealer sealer, TemporaryPasscodes passcodes,
                          AndroidSettings settings, Clock clock) {
        this.client = client;
        this.outbox = outbox;
        this.operations = operations;
        this.history = history;
        this.devices = devices;
        this.inventory = inventory;
        this.sealer = sealer;
        this.passcodes = passcodes;
        this.maxDuration = settings.maxCommandDuration();
        this.pollEvery = settings.pollEvery();
        this.clock = clock;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.ANDROID_MANAGEMENT;
    }

    @Override
    public void commandsDue(List<Command> due) {
        Semaphore slots = new Semaphore(PARALLEL);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Command c : due) {
                slots.acquireUninterruptibly();
                pool.submit(() -> {
                    try {
                        hand(c);
                    } catch (RuntimeException e) {
                        LOG.warn("Android command {} not handed over: {}", c.id(), e.toString());
                    } finally {
                        slots.release();
                    }
                });
            }
        }
    }

    /** What a COMMAND notification's operation turned out to be. */
    public enum Settling { FOLLOWED, UNKNOWN, NOT_NAMED_YET }

    /**
     * A COMMAND notification named this operation: ask the API how it ended. A device answers in
     * milliseconds, so its notification can overtake the recording of the name issueCommand
     * returned: while the device has a command not yet named, the name is looked up again for a
     * moment, then {@link Settling#NOT_NAMED_YET} asks for the notification again later (Pub/Sub
     * redelivers what is not acknowledged). An operation Latchkey did not start is {@link Settling#UNKNOWN}.
     */
    public Settling settle(String operationName) {
        Optional<CloudOperation> op = operations.byName(operationName);
        long deadline = System.nanoTime() + NAMING_RACE.toNanos();
        boolean unnamed = false;
        // Named on this node: a signal ends the wait at once. Named on another node: the store is
        // asked again every RACE_STEP (a slow step: thousands of notifications may wait at once).
        java.util.concurrent.CountDownLatch signal = justNamed.computeIfAbsent(operationName,
                n -> new java.util.concurrent.CountDownLatch(1));
        try {
            op = op.isPresent() ? op : operations.byName(operationName);
            while (op.isEmpty() && (unnamed = unnamedFor(operationName)) && System.nanoTime() < deadline) {
                try {
                    signal.await(RACE_STEP.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Settling.NOT_NAMED_YET;
                }
                op = operations.byName(operationName);
            }
        } finally {
            justNamed.remove(operationName, signal);
        }
        if (op.isEmpty()) {
            return unnamed ? Settling.NOT_NAMED_YET : Settling.UNKNOWN;
        }
        follow(op.get());
        return Settling.FOLLOWED;
    }

    /** Wakes a notification of this operation waiting in {@link #settle} on this node. */
    private void namedHere(String operationName) {
        java.util.concurrent.CountDownLatch waiting = justNamed.get(operationName);
        if (waiting != null) {
            waiting.countDown();
        }
    }

    private boolean unnamedFor(String operationName) {
        String deviceName = operationName.substring(0, operationName.indexOf("/operations/"));
        return devices.findByExternalId(deviceName).map(d -> operations.ofDevice(d.id()).stream()
                .anyMatch(o -> o.operationName() == null)).orElse(false);
    }

    /** Asks about operations that had no news for a while (a lost notification, no push configured). */
    public int followUp() {
        List<CloudOperation> quiet = operations.unfinished(clock.instant().minus(pollEvery), POLL_BATCH);
        quiet.forEach(this::follow);
        return quiet.size();
    }

    private void hand(Command c) {
        Optional<CloudOperation> earlier = Optional.empty();
        if (c.state() == CommandState.PENDING) {
            if (!outbox.handedOver(c.id(), ACTOR)) {
                return; // canceled or expired meanwhile: nothing may reach Google
            }
        } else {
            // Handed to us again (re-push of a command nobody answered): follow what was started,
            // or start again with the passcode sealed the first time.
            earlier = operations.find(c.id());
            if (earlier.isPresent() && earlier.get().operationName() != null) {
                follow(earlier.get());
                return;
            }
        }
        Optional<Device> device = devices.find(c.deviceId());
        if (device.isEmpty() || device.get().externalId() == null) {
            outbox.failed(c.id(), "the device has no Android Management API name: it never enrolled through AMAPI",
                    ACTOR);
            return;
        }
        try {
            call(c, device.get(), earlier);
        } catch (GoogleJsonResponseException e) {
            operations.finish(c.id());
            outbox.failed(c.id(), refusal(e), ACTOR);
        } catch (IOException e) {
            // Google unreachable after the client's retries: the command stays sent, and the
            // engine's re-push hands it to us again (repush.after); the record keeps its passcode.
            LOG.warn("AMAPI unreachable for command {}: {}", c.id(), e.toString());
        }
    }

    private void call(Command c, Device device, Optional<CloudOperation> earlier) throws IOException {
        AndroidManagement.Enterprises.Devices api = client.api().enterprises().devices();
        Duration duration = duration(c);
        CloudOperation record = earlier.orElse(null);
        if (c.action() == Action.PASSCODE_RESET && (record == null || record.sealedSecret() == null)) {
            // Made and sealed (bound to the command id) before the call; not the secret result yet.
            byte[] aad = c.id().toString().getBytes(StandardCharsets.UTF_8);
            record = new CloudOperation(c.id(), c.deviceId(), null,
                    sealer.seal(passcodes.next().getBytes(StandardCharsets.UTF_8), aad), clock.instant());
            operations.start(record);
        }
        AndroidCommands.Call call = switch (c.action()) {
            case REMOTE_LOCK -> AndroidCommands.lock(duration);
            case PASSCODE_RESET -> AndroidCommands.resetPassword(open(record), duration);
            case RETIRE -> AndroidCommands.retire(device, duration);
            case WIPE -> AndroidCommands.wipe(c.options());
            case SYNC -> null;
            default -> throw new IllegalStateException(c.action() + " is not an Android command");
        };
        switch (call) {
            case null -> {
                inventory.upsert(api.get(device.externalId()).execute());
                outbox.succeeded(c.id(), "read the device from the Android Management API", ACTOR);
            }
            case AndroidCommands.Delete d -> {
                api.delete(device.externalId()).setWipeDataFlags(d.wipeDataFlags().isEmpty() ? null : d.wipeDataFlags())
                        .setWipeReasonMessage(d.reason()).execute();
                inventory.unenrolled(device.id());
                outbox.succeeded(c.id(), "deleted from the Android Management API"
                        + (d.wipeDataFlags().isEmpty() ? "" : " with " + String.join(", ", d.wipeDataFlags())), ACTOR);
            }
            case AndroidCommands.Issue i -> {
                if (record == null) {
                    record = new CloudOperation(c.id(), c.deviceId(), null, null, clock.instant());
                    operations.start(record);
                }
                Operation op = api.issueCommand(device.externalId(), i.command()).execute();
                operations.named(c.id(), op.getName());
                namedHere(op.getName());
                settle(record, op);
            }
        }
    }

    private String open(CloudOperation record) {
        return new String(sealer.open(record.sealedSecret(), record.commandId().toString()
                .getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private void follow(CloudOperation op) {
        try {
            settle(op, client.api().enterprises().devices().operations().get(op.operationName()).execute());
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 404) {
                // The device was deleted (or relinquished and removed): its operations went with it.
                operations.finish(op.commandId());
                outbox.failed(op.commandId(), "the device left the Android Enterprise before the command completed",
                        ACTOR);
            } else {
                LOG.warn("operations.get {} refused: {}", op.operationName(), e.getStatusCode());
            }
        } catch (IOException e) {
            LOG.warn("AMAPI unreachable following {}: {}", op.commandId(), e.toString());
        }
    }

    private void settle(CloudOperation record, Operation op) {
        UUID commandId = record.commandId();
        switch (Outcome.of(op, clock.instant())) {
            case Outcome.Pending p -> {
            }
            case Outcome.Succeeded s -> {
                if (record.sealedSecret() != null) {
                    outbox.succeededWithSecret(commandId, SecretKind.TEMPORARY_PASSCODE, open(record), ACTOR);
                } else if (outbox.succeeded(commandId, "the device ran the command", ACTOR)) {
                    // RELINQUISH_OWNERSHIP done: the work profile and policies are gone, the device left management.
                    history.find(commandId).filter(c -> c.action() == Action.RETIRE)
                            .ifPresent(c -> inventory.unenrolled(record.deviceId()));
                }
                operations.finish(commandId);
            }
            case Outcome.Failed f -> {
                outbox.failed(commandId, f.reason(), ACTOR);
                operations.finish(commandId);
            }
            case Outcome.Expired x -> {
                outbox.expired(commandId, "the device did not run the command within its duration", ACTOR);
                operations.finish(commandId);
            }
        }
    }

    /** Command.duration: the command's remaining time to live, capped when configured. */
    private Duration duration(Command c) {
        Instant now = clock.instant();
        Duration left = c.expiresAt() == null ? Duration.ofDays(7) : Duration.between(now, c.expiresAt());
        if (maxDuration != null && left.compareTo(maxDuration) > 0) {
            left = maxDuration;
        }
        return left.isNegative() ? Duration.ofSeconds(1) : left;
    }

    private static String refusal(GoogleJsonResponseException e) {
        String message = e.getDetails() != null && e.getDetails().getMessage() != null ? e.getDetails().getMessage()
                : e.getStatusMessage();
        if (e.getStatusCode() == 404) {
            return "the device is no longer in the Android Enterprise (deleted, or its work profile removed)";
        }
        return "the Android Management API refused the command (" + e.getStatusCode() + "): " + message;
    }
}
