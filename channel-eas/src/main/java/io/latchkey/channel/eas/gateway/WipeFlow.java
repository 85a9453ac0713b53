package io.latchkey.channel.eas.gateway;

import io.latchkey.channel.eas.http.EasCommand;
import io.latchkey.channel.eas.http.EasRequest;
import io.latchkey.channel.eas.wbxml.WbxmlElement;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandOutbox;
import io.latchkey.core.capability.Action;
import io.latchkey.core.eas.EasDiscovery;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Devices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A wipe or retire of an EAS-only device, delivered through Provision (MS-ASPROV §3.2.5.1.2): any
 * command but Provision is told to provision (HTTP 449 up to 12.1, Status 140 from 14.0); the
 * Provision gets RemoteWipe, or for a retire AccountOnlyRemoteWipe (16.1 only, the matrix saw to it),
 * and the command goes pending → sent; the acknowledgement settles it: Status 1 succeeded and the
 * device leaves management, Status 2 gets the directive again (§3.2.5.1.2.2) and stays sent.
 */
final class WipeFlow {
    private static final Logger LOG = LoggerFactory.getLogger(WipeFlow.class);
    /** A Pinging device found with no wipe open is not asked again for this long (see {@link #mayHave}). */
    static final Duration NO_WIPE_FOR = Duration.ofSeconds(5);

    private final CommandOutbox outbox;
    private final Devices devices;
    private final EasDiscovery discovery;
    private final Clock clock;
    /**
     * Devices found with no wipe or retire open, until when (System.nanoTime): a phone's Pings cost one
     * read per device per {@link #NO_WIPE_FOR}, not one per request (other commands always read).
     * {@link #forget} drops an entry at once, and a held Ping is cut by the gateway's wake anyway.
     */
    private final Map<UUID, Long> noWipeUntil = new ConcurrentHashMap<>();

    WipeFlow(CommandOutbox outbox, Devices devices, EasDiscovery discovery, Clock clock) {
        this.outbox = outbox;
        this.devices = devices;
        this.discovery = discovery;
        this.clock = clock;
    }

    /** False when this Pinging device was found with nothing open less than {@link #NO_WIPE_FOR} ago. */
    boolean mayHave(UUID deviceId, EasCommand command) {
        Long until = noWipeUntil.get(deviceId);
        return command != EasCommand.PING || until == null || until - System.nanoTime() <= 0;
    }

    /** Whether the device was checked since the last {@link #forget} (a wake may have come in between). */
    boolean checkedRecently(UUID deviceId) {
        return noWipeUntil.containsKey(deviceId);
    }

    void forget(UUID deviceId) {
        noWipeUntil.remove(deviceId);
    }

    /** The device's open wipe or retire, read from the store. */
    Optional<Command> due(UUID deviceId) {
        Optional<Command> due = outbox.open(deviceId).stream()
                .filter(c -> c.action() == Action.WIPE || c.action() == Action.RETIRE).findFirst();
        if (due.isEmpty()) {
            noWipeUntil.put(deviceId, System.nanoTime() + NO_WIPE_FOR.toNanos());
        } else {
            noWipeUntil.remove(deviceId);
        }
        return due;
    }

    /** Answers the request of a device whose wipe or retire is due; false when it was canceled meanwhile. */
    boolean answer(EasExchange ex, EasRequest req, Device device, WbxmlElement decoded) throws IOException {
        if (req.command() != EasCommand.PROVISION) {
            askToProvision(ex, req);
            return true;
        }
        Optional<WbxmlElement> ack = decoded == null ? Optional.empty()
                : decoded.child("RemoteWipe").or(() -> decoded.child("AccountOnlyRemoteWipe"))
                .filter(e -> e.child("Status").isPresent());
        if (ack.isPresent()) {
            return acknowledged(ex, device, ack.get());
        }
        List<Command> handed = outbox.deliver(device.id(), 1, EasGateway.ACTOR);
        Command c = handed.isEmpty() ? due(device.id()).orElse(null) : handed.get(0);
        if (c == null) {
            return false;
        }
        String directive = directive(c);
        LOG.info("EAS device {}: answering its Provision with {} for command {}", device.id(), directive, c.id());
        EasReplies.send(ex, EasReplies.wipeDirective(directive, 1));
        return true;
    }

    private boolean acknowledged(EasExchange ex, Device device, WbxmlElement ack) throws IOException {
        Optional<Command> open = due(device.id());
        if (open.isEmpty()) {
            return false;
        }
        Command c = open.get();
        String status = ack.textAt("Status").orElse("");
        if (status.equals("1")) {
            outbox.succeeded(c.id(), "the device acknowledged " + ack.name() + " (Status 1)", EasGateway.ACTOR);
            devices.save(device.unenrolled(clock.instant()));
            discovery.forget(device.id());
            LOG.info("EAS device {} acknowledged {}: command {} succeeded", device.id(), ack.name(), c.id());
            EasReplies.send(ex, EasReplies.provisionOk());
        } else {
            // MS-ASPROV §3.2.5.1.2.2: a failed wipe is answered with the directive again.
            LOG.info("EAS device {} reported {} failed (Status {}): sending it again", device.id(), ack.name(), status);
            EasReplies.send(ex, EasReplies.wipeDirective(directive(c), 2));
        }
        return true;
    }

    private static String directive(Command c) {
        return c.action() == Action.RETIRE ? "AccountOnlyRemoteWipe" : "RemoteWipe";
    }

    /** HTTP 449 up to 12.1 (MS-ASHTTP §2.2.2.1.1, Retry With); Status 140 (RemoteWipeRequested) from 14.0. */
    static void askToProvision(EasExchange ex, EasRequest req) throws IOException {
        Optional<byte[]> body = EasReplies.status(req, EasReplies.REMOTE_WIPE_REQUESTED);
        if (body.isPresent()) {
            EasReplies.send(ex, body.get());
        } else {
            ex.respond(449, Map.of());
        }
    }
}
