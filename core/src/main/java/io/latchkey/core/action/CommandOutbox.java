package io.latchkey.core.action;

import io.latchkey.core.capability.SecretKind;
import io.latchkey.core.secret.SecretSealer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a channel adapter calls when a device checks in or answers: hand out the device's due
 * commands and record each answer as a state transition. A transition that is not legal from the
 * command's current state (a late or duplicate answer) changes nothing and returns false.
 */
public final class CommandOutbox {
    /** Product spec section 3: a secret result is kept 7 days. */
    public static final Duration SECRET_LIFETIME = Duration.ofDays(7);
    /** The detail of a sent command the device put off. */
    public static final String DEFERRED = "deferred by the device (NotNow)";
    /** How many deferred commands a skipping delivery looks past. */
    private static final int DEFERRED_LOOKAHEAD = 50;
    /** More open commands than this for one device would be an administrator's loop, not a fleet. */
    private static final int MAX_OPEN = 10_000;

    private final CommandQueue queue;
    private final CommandTransitions transitions;
    private final SecretSealer sealer;
    private final Clock clock;

    public CommandOutbox(CommandQueue queue, CommandTransitions transitions, SecretSealer sealer, Clock clock) {
        this.queue = queue;
        this.transitions = transitions;
        this.sealer = sealer;
        this.clock = clock;
    }

    /**
     * The device's commands to deliver now, oldest first: pending ones become sent; sent ones the
     * device never answered are handed out again (the device may not have received them).
     */
    public List<Command> deliver(UUID deviceId, int max, String channelActor) {
        return deliver(deviceId, max, channelActor, false);
    }

    /**
     * As {@link #deliver(UUID, int, String)}; with {@code skipDeferred}, commands the device put off
     * ({@link #deferred}) are left out, so a device that just said "not now" is offered the next
     * command instead of the same one again (Apple's NotNow, reference apple-mdm.md §1: NanoMDM's
     * {@code RetrieveNextCommand(skipNotNow)}).
     */
    public List<Command> deliver(UUID deviceId, int max, String channelActor, boolean skipDeferred) {
        return deliver(deviceId, max, channelActor, skipDeferred, SecretMaker.NONE).stream()
                .map(Delivery::command).toList();
    }

    /**
     * Makes the secrets some commands carry to the device (the Mac's lock PIN): which kind a
     * command needs, and a fresh value of that kind.
     */
    public interface SecretMaker {
        SecretMaker NONE = new SecretMaker() {
            @Override
            public Optional<SecretKind> kindFor(Command command) {
                return Optional.empty();
            }

            @Override
            public String make(SecretKind kind) {
                throw new IllegalStateException("no secret is made here");
            }
        };

        Optional<SecretKind> kindFor(Command command);

        String make(SecretKind kind);
    }

    /** A command handed out, with the secret it carries to the device (null when it carries none). */
    public record Delivery(Command command, String secret, boolean numbered) {
        public Delivery(Command command, String secret) {
            this(command, secret, false);
        }

        @Override
        public String toString() {
            return "Delivery[" + command.id() + (secret == null ? "" : ", with a secret")
                    + (numbered ? ", numbered" : "") + "]";
        }
    }

    /**
     * As {@link #deliver(UUID, int, String, boolean)}, for commands that carry a server-made secret:
     * it is made and sealed in the same transaction that moves the command to sent, so it is stored
     * before the device can act on it (and revealable from then on), and a re-delivery carries the
     * same one.
     */
    public List<Delivery> deliver(UUID deviceId, int max, String channelActor, boolean skipDeferred,
                                  SecretMaker secrets) {
        return deliver(deviceId, max, channelActor, skipDeferred, secrets, null);
    }

    /**
     * As {@link #deliver(UUID, int, String)}, for a channel that numbers its commands on the wire
     * (OMA-DM CmdIDs): {@code numbering} gives the numbers a command will carry if it goes out now.
     * A pending command's numbers are stored in the transaction that moves it to sent, so its hand-out
     * costs one write, not two; such a delivery says {@code numbered}. A command handed out again
     * (already sent) is not numbered here: the channel records its numbers itself.
     */
    public List<Delivery> deliverNumbered(UUID deviceId, int max, String channelActor,
                                          Function<Command, WireNumbers> numbering) {
        return deliver(deviceId, max, channelActor, false, SecretMaker.NONE, numbering);
    }

    private List<Delivery> deliver(UUID deviceId, int max, String channelActor, boolean skipDeferred,
                                   SecretMaker secrets, Function<Command, WireNumbers> numbering) {
        List<Delivery> out = new ArrayList<>();
        Instant now = clock.instant();
        int fetch = skipDeferred ? max + DEFERRED_LOOKAHEAD : max;
        for (Command c : queue.dueFor(deviceId, fetch)) {
            if (out.size() == max) {
                break;
            }
            if (c.expiresAt() != null && !c.expiresAt().isAfter(now)) {
                continue; // past its time to live: the sweep expires it; a late wipe must not go out
            }
            if (skipDeferred && c.state() == CommandState.SENT && DEFERRED.equals(c.detail())) {
                continue;
            }
            Optional<SecretKind> kind = secrets.kindFor(c);
            if (c.state() == CommandState.PENDING) {
                String secret = kind.map(secrets::make).orElse(null);
                SealedSecret sealed = secret == null ? null : new SealedSecret(kind.get().name(),
                        sealer.seal(secret.getBytes(StandardCharsets.UTF_8), boundTo(c.id())), now.plus(SECRET_LIFETIME));
                WireNumbers wire = numbering == null ? null : numbering.apply(c);
                if (!transitions.apply(new Transition(c.id(), EnumSet.of(CommandState.PENDING), CommandState.SENT,
                        null, channelActor, now, sealed, wire))) {
                    continue; // canceled or expired meanwhile
                }
                out.add(new Delivery(withState(c, CommandState.SENT, now), secret, wire != null));
            } else {
                if (numbering != null) {
                    numbering.apply(c);
                }
                out.add(new Delivery(c, kind.map(k -> secretToSend(c.id(), k, () -> secrets.make(k))).orElse(null),
                        false));
            }
        }
        return out;
    }

    /** The device's open commands (pending or sent), oldest first: what ends when it leaves management. */
    public List<Command> open(UUID deviceId) {
        return queue.dueFor(deviceId, MAX_OPEN);
    }

    /** The device put the sent command off; it is offered again at the device's next check-in. */
    public boolean deferred(UUID commandId) {
        return queue.deferred(commandId, DEFERRED, clock.instant());
    }

    /**
     * The secret a command carries to the device when the server makes it (the Mac's 6-digit lock
     * PIN): made by {@code generate} and sealed before it is first sent, then the same on every
     * delivery. Revealable from then on, because the device may act on it without ever answering.
     */
    private String secretToSend(UUID commandId, SecretKind kind, Supplier<String> generate) {
        Instant now = clock.instant();
        byte[] boundTo = boundTo(commandId);
        SealedSecret stored = transitions.secret(commandId, now).orElseGet(() -> transitions.keepSecret(commandId,
                new SealedSecret(kind.name(), sealer.seal(generate.get().getBytes(StandardCharsets.UTF_8), boundTo),
                        now.plus(SECRET_LIFETIME))));
        return new String(sealer.open(stored.ciphertext(), boundTo), StandardCharsets.UTF_8);
    }

    /** A cloud channel handed the command to the device's service (pending → sent). */
    public boolean handedOver(UUID commandId, String channelActor) {
        return move(commandId, CommandState.SENT, null, channelActor, null);
    }

    public boolean acknowledged(UUID commandId, String channelActor) {
        return move(commandId, CommandState.ACKNOWLEDGED, null, channelActor, null);
    }

    public boolean succeeded(UUID commandId, String detail, String channelActor) {
        return move(commandId, CommandState.SUCCEEDED, detail, channelActor, null);
    }

    /**
     * Succeeded with a secret result (temporary passcode, new PIN, lock PIN): sealed before it is
     * stored, bound to the command id, kept {@link #SECRET_LIFETIME}. A channel that makes the
     * secret itself (the Mac's PIN, Android's temporary passcode) seals it before sending with
     * {@link #secretToSend} instead, so a restart or a late answer loses nothing.
     */
    public boolean succeededWithSecret(UUID commandId, SecretKind kind, String secret, String channelActor) {
        Instant now = clock.instant();
        byte[] sealed = sealer.seal(secret.getBytes(StandardCharsets.UTF_8),
                commandId.toString().getBytes(StandardCharsets.UTF_8));
        return move(commandId, CommandState.SUCCEEDED, kind.name(), channelActor,
                new SealedSecret(kind.name(), sealed, now.plus(SECRET_LIFETIME)));
    }

    public boolean failed(UUID commandId, String reason, String channelActor) {
        return move(commandId, CommandState.FAILED, reason, channelActor, null);
    }

    /**
     * The device's service gave up on the command because its own time limit passed (AMAPI's
     * Command.duration), which the channel sets to the command's time to live: expired, as the
     * engine's sweep would have made it.
     */
    public boolean expired(UUID commandId, String detail, String channelActor) {
        return move(commandId, CommandState.EXPIRED, detail, channelActor, null);
    }

    private boolean move(UUID commandId, CommandState to, String detail, String actor, SealedSecret secret) {
        Set<CommandState> from = CommandState.sourcesOf(to);
        return transitions.apply(new Transition(commandId, from, to, detail, actor, clock.instant(), secret));
    }

    private static byte[] boundTo(UUID commandId) {
        return commandId.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Command withState(Command c, CommandState state, Instant at) {
        return new Command(c.id(), c.requestId(), c.deviceId(), c.action(), c.channel(), state, c.detail(),
                c.options(), c.createdAt(), at, c.expiresAt());
    }
}
