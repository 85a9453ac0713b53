package io.latchkey.simulator.apple;

import com.dd.plist.NSDictionary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * An iPhone, iPad or Mac that enrolls in and obeys an MDM server over HTTP, knowing nothing of the
 * server but the wire: it fetches the enrollment profile, gets its identity by SCEP, checks in
 * (Authenticate, TokenUpdate, CheckOut) and answers commands in sessions on ServerURL
 * (shared/reference/apple-mdm.md §1, §2, §4). Identifiers come from {@code seed}, so a run repeats.
 *
 * <p>Thread-safe: enrollment and sessions run one at a time per device; {@link #status()} may be
 * read at any moment.
 */
public final class SimulatedAppleDevice {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedAppleDevice.class);

    /** A server that keeps sending commands past this is looping; the session is cut. */
    static final int MAX_COMMANDS_PER_SESSION = 1000;

    private final AppleModel model;
    private static final int WAKE_RETRIES = 2;
    private final DeviceIds ids;
    private final DeviceHttp http;
    private final byte[] pushToken;
    private final CommandProcessor processor;
    /** Guarded by {@link #state}'s monitor, as is all of {@link #state}. */
    private final RandomGenerator random;
    private final DeviceState state = new DeviceState();
    /** Held for a whole enrollment or session. */
    private final ReentrantLock activity = new ReentrantLock();
    /** Set by an enrollment, used by sessions; both under {@link #activity}. */
    private MdmConnection connection;
    private volatile Behaviour behaviour;

    public SimulatedAppleDevice(AppleModel model, long seed) {
        this(model, Behaviour.RELIABLE, seed, DeviceHttp.shared());
    }

    public SimulatedAppleDevice(AppleModel model, Behaviour behaviour, long seed, DeviceHttp http) {
        this.model = Objects.requireNonNull(model, "model");
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
        this.http = Objects.requireNonNull(http, "http");
        this.random = new SplittableRandom(seed);
        this.ids = DeviceIds.generate(model, random);
        this.pushToken = DeviceIds.bytes(random, 32);
        this.processor = new CommandProcessor(model, ids);
        newSecrets();
    }

    public AppleModel model() {
        return model;
    }

    public String udid() {
        return ids.udid();
    }

    public String serialNumber() {
        return ids.serialNumber();
    }

    public String deviceName() {
        return ids.deviceName();
    }

    /** The APNs device token sent in TokenUpdate: 32 bytes. */
    public byte[] pushToken() {
        return pushToken.clone();
    }

    public String pushTokenHex() {
        return HexFormat.of().formatHex(pushToken);
    }

    /** The PushMagic sent in the last (or next) TokenUpdate; a push must carry it to wake the device. */
    public String pushMagic() {
        synchronized (state) {
            return state.pushMagic;
        }
    }

    /** The UnlockToken sent in TokenUpdate; empty on a Mac. */
    public Optional<byte[]> unlockToken() {
        synchronized (state) {
            return Optional.ofNullable(state.unlockToken).map(byte[]::clone);
        }
    }

    public Optional<X509Certificate> identityCertificate() {
        synchronized (state) {
            return Optional.ofNullable(state.identity);
        }
    }

    public Optional<EnrollmentProfile> profile() {
        synchronized (state) {
            return Optional.ofNullable(state.profile);
        }
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    public void behaviour(Behaviour value) {
        this.behaviour = Objects.requireNonNull(value, "behaviour");
    }

    public DeviceStatus status() {
        synchronized (state) {
            return state.snapshot();
        }
    }

    /**
     * Enrolls as a user installing the profile at {@code profileUrl} would: GET the profile (plain or
     * CMS-signed plist), SCEP with its challenge for an identity, then Authenticate and TokenUpdate to
     * CheckInURL. A device that was erased or had its profile removed may enroll again.
     *
     * @throws EnrollmentFailed at the first step that fails; the device stays unenrolled
     * @throws IllegalStateException when it is enrolled already
     */
    public void enroll(URI profileUrl) {
        activity.lock();
        try {
            byte[] unlock;
            String magic;
            synchronized (state) {
                if (state.enrolled) {
                    throw new IllegalStateException(ids.udid() + " is enrolled already");
                }
                magic = state.pushMagic;
                unlock = state.unlockToken;
            }
            DeviceEnrollment.Result r;
            try {
                r = new DeviceEnrollment(http, model, ids).run(profileUrl, pushToken, magic, unlock);
            } catch (EnrollmentFailed e) {
                synchronized (state) {
                    state.lastFailure = e.getMessage();
                }
                throw e;
            }
            synchronized (state) {
                state.forgetEnrollment();
                state.erased = false;
                state.checkedOut = false;
                state.profile = r.profile();
                state.identityKeys = r.identity().keys();
                state.identity = r.identity().certificate();
                state.enrolled = true;
            }
            connection = r.connection();
        } finally {
            activity.unlock();
        }
    }

    /**
     * For load tests that seed enrolled devices without profile and SCEP: the device takes an identity
     * issued elsewhere (by the server's device CA, for this device's UDID) and the MDM URLs its profile
     * would have named, as if it had enrolled; its check-ins (Authenticate, TokenUpdate) are the caller's
     * to store. Nothing the server checks per request is skipped: the identity travels with every request.
     */
    public void installEnrollment(URI serverUrl, URI checkInUrl, String topic, java.security.KeyPair keys,
                                  X509Certificate certificate) {
        activity.lock();
        try {
            EnrollmentProfile.Mdm mdm = new EnrollmentProfile.Mdm(serverUrl, checkInUrl, topic, false, false, 8191,
                    null);
            synchronized (state) {
                if (state.enrolled) {
                    throw new IllegalStateException(ids.udid() + " is enrolled already");
                }
                state.forgetEnrollment();
                state.identityKeys = keys;
                state.identity = certificate;
                state.enrolled = true;
            }
            connection = new MdmConnection(http, mdm, keys.getPrivate(), certificate, model.isMac());
        } finally {
            activity.unlock();
        }
    }

    /**
     * One command session: PUT Idle to ServerURL, then answer each command the reply holds until a
     * reply is empty. A non-2xx reply or a connection failure ends the session; a result the server
     * did not take is sent again first thing next session, as a real device caches it. Offline or
     * unenrolled, it does nothing.
     */
    public PollSummary poll() {
        if (!behaviour.online()) {
            return PollSummary.NONE;
        }
        activity.lock();
        try {
            return session();
        } finally {
            activity.unlock();
        }
    }

    /**
     * What the device does when a push reaches it: a session, and one more if it answered NotNow,
     * as a device comes back once it can run what it put off. A session that could not reach the
     * server is tried again after 1 s, then 2 s, as a device's MDM client retries a failed check-in.
     */
    public PollSummary wake() {
        PollSummary summary = poll();
        for (int attempt = 1; summary.failure().isPresent() && attempt <= WAKE_RETRIES; attempt++) {
            try {
                Thread.sleep(Duration.ofSeconds(1L << (attempt - 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return summary;
            }
            summary = summary.plus(poll());
        }
        return summary.notNow() > 0 ? summary.plus(poll()) : summary;
    }

    /** An Idle report as this device would send it now, signed; empty when not enrolled. */
    public Optional<SignedRequest> idleReport() {
        synchronized (state) {
            if (!state.enrolled || connection == null) {
                return Optional.empty();
            }
            return Optional.of(connection.prepareReport(processor.report(null, "Idle")));
        }
    }

    private PollSummary session() {
        NSDictionary outgoing;
        CommandProcessor.After after;
        synchronized (state) {
            if (!state.enrolled) {
                return PollSummary.NONE;
            }
            state.sessions++;
            DeviceState.Pending p = state.pending;
            state.pending = null;
            outgoing = p != null ? p.report() : processor.report(null, "Idle");
            after = p != null ? p.after() : CommandProcessor.After.NONE;
        }
        SessionTally tally = new SessionTally();
        for (int n = 0; ; n++) {
            DeviceHttp.Reply reply;
            try {
                reply = connection.report(outgoing);
            } catch (IOException e) {
                return tally.stopped(keep(outgoing, after, "ServerURL unreachable: " + e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return tally.stopped(keep(outgoing, after, "interrupted"));
            }
            if (!reply.ok()) {
                return tally.stopped(keep(outgoing, after, "ServerURL answered HTTP " + reply.status()));
            }
            if (after != CommandProcessor.After.NONE) {
                // Erased or unenrolled: whatever the reply holds, this device no longer answers.
                finish(after);
                return tally.summary(Optional.empty());
            }
            if (reply.body().length == 0) {
                return tally.summary(Optional.empty());
            }
            if (n >= MAX_COMMANDS_PER_SESSION) {
                return tally.stopped(recordFailure("more than " + MAX_COMMANDS_PER_SESSION + " commands in one session"));
            }
            CommandProcessor.Answer answer;
            synchronized (state) {
                answer = processor.receive(reply.body(), state, behaviour, random);
            }
            if (answer == null) {
                return tally.stopped(recordFailure("the server sent a body that is not a command"));
            }
            tally.add(answer.requestType(), answer.outcome().status());
            CommandProcessor.Outcome outcome = answer.outcome();
            pause(behaviour.latency());
            outgoing = outcome.report();
            after = outcome.after();
        }
    }

    private void finish(CommandProcessor.After after) {
        boolean checkedOut = false;
        if (after == CommandProcessor.After.REMOVE_ENROLLMENT) {
            EnrollmentProfile p;
            synchronized (state) {
                p = state.profile;
            }
            if (p != null && p.mdm().checkOutWhenRemoved()) {
                try {
                    DeviceHttp.Reply r = connection.checkin(CheckinMessages.checkOut(ids, p.mdm().topic()));
                    checkedOut = r.ok();
                    if (!checkedOut) {
                        recordFailure("CheckOut answered HTTP " + r.status());
                    }
                } catch (IOException e) {
                    recordFailure("CheckOut failed: " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        synchronized (state) {
            state.forgetEnrollment();
            state.erased = after == CommandProcessor.After.ERASE;
            state.checkedOut = checkedOut;
            newSecrets();
        }
        connection = null;
        LOG.debug("{} {}", ids.udid(), after == CommandProcessor.After.ERASE ? "erased" : "removed its MDM profile");
    }

    /** A new PushMagic and UnlockToken, as after an erase or a new enrollment; a Mac has no UnlockToken. */
    private void newSecrets() {
        synchronized (state) {
            state.pushMagic = DeviceIds.uuid(random);
            if (model.isMac()) {
                state.unlockToken = null;
            } else {
                // Real tokens are keybag blobs starting "DATA" (shared/fixtures/apple/TokenUpdate.1.plist).
                byte[] token = DeviceIds.bytes(random, 256);
                System.arraycopy(new byte[] {'D', 'A', 'T', 'A'}, 0, token, 0, 4);
                state.unlockToken = token;
            }
        }
    }

    private String keep(NSDictionary outgoing, CommandProcessor.After after, String why) {
        if (outgoing.containsKey("CommandUUID")) {
            synchronized (state) {
                state.pending = new DeviceState.Pending(outgoing, after);
            }
        }
        return recordFailure(why);
    }

    private String recordFailure(String why) {
        synchronized (state) {
            state.fail(why);
        }
        LOG.debug("{}: {}", ids.udid(), why);
        return why;
    }

    private static void pause(Duration d) {
        if (!d.isZero()) {
            try {
                Thread.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return model.productName() + " " + ids.udid();
    }
}
