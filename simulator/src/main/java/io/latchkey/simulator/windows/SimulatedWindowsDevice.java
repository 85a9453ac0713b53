package io.latchkey.simulator.windows;

import io.latchkey.simulator.push.MockWns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

import java.io.IOException;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * A Windows PC, tablet or phone that enrolls in and obeys an MDM server over HTTP, knowing nothing of
 * the server but the wire: MS-MDE2 OnPremise enrollment (discovery, MS-XCEP, MS-WSTEP) and OMA-DM 1.2
 * SyncML sessions to the management URL of its provisioning document
 * (shared/reference/windows-mdm.md §1, §2, §3). Its messages follow the captured Windows 10 client's
 * (shared/fixtures/windows). Identifiers come from {@code seed}, so a run repeats.
 *
 * <p>Thread-safe: enrollment and sessions run one at a time per device; {@link #status()} may be read at
 * any moment.
 */
public final class SimulatedWindowsDevice {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedWindowsDevice.class);

    /** A server that keeps the session going past this many messages is looping; the session is cut. */
    static final int MAX_MESSAGES_PER_SESSION = 100;
    private static final String LOGIN_STATUS = "com.microsoft/MDM/LoginStatus";
    private static final String USER_UNENROLL = "com.microsoft:mdm.unenrollment.userrequest";
    private static final int WAKE_RETRIES = 2;

    private final WindowsPersonality personality;
    private final WindowsIds ids;
    private final WindowsDeviceHttp http;
    private final DmTree tree;
    /** Guarded by {@link #state}'s monitor, as is all of {@link #state}. */
    private final RandomGenerator random;
    private final WindowsDeviceState state = new WindowsDeviceState();
    /** Held for a whole enrollment or session. */
    private final ReentrantLock activity = new ReentrantLock();
    /** Set by an enrollment, used by sessions; both under {@link #activity}. */
    private WindowsDeviceHttp.Management management;
    private KeyPair keys;
    private final String cvBase;
    private int cvCounter;
    private volatile Behaviour behaviour;

    public SimulatedWindowsDevice(WindowsPersonality personality, long seed) {
        this(personality, Behaviour.RELIABLE, seed, WindowsDeviceHttp.shared());
    }

    public SimulatedWindowsDevice(WindowsPersonality personality, Behaviour behaviour, long seed, WindowsDeviceHttp http) {
        this.personality = Objects.requireNonNull(personality, "personality");
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
        this.http = Objects.requireNonNull(http, "http");
        this.random = new SplittableRandom(seed);
        this.ids = WindowsIds.generate(personality, random);
        this.tree = new DmTree(personality, ids);
        byte[] cv = new byte[12];
        random.nextBytes(cv);
        this.cvBase = java.util.Base64.getEncoder().withoutPadding().encodeToString(cv).substring(0, 16);
    }

    public WindowsPersonality personality() {
        return personality;
    }

    /** The OMA-DM DeviceID: 32 upper-case hex digits, the SyncHdr Source and DevInfo/DevId. */
    public String deviceId() {
        return ids.deviceId();
    }

    /** The hardware id sent in enrollment's AdditionalContext and DMClient/HWDevID: 64 hex digits. */
    public String hwDevId() {
        return ids.hwDevId();
    }

    public String deviceName() {
        return ids.deviceName();
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    public void behaviour(Behaviour value) {
        this.behaviour = Objects.requireNonNull(value, "behaviour");
    }

    public WindowsDeviceStatus status() {
        synchronized (state) {
            return state.snapshot();
        }
    }

    /** What the last enrollment's provisioning document set up; empty when not enrolled. */
    public Optional<ProvisioningDoc> provisioning() {
        synchronized (state) {
            return Optional.ofNullable(state.provisioning);
        }
    }

    public Optional<X509Certificate> deviceCertificate() {
        return provisioning().map(ProvisioningDoc::deviceCertificate);
    }

    /** The WNS channel the device reports as Push/ChannelURI; null forgets it. */
    public void pushChannel(URI channel) {
        synchronized (state) {
            state.channelUri = channel;
        }
    }

    /** Opens a channel on {@code wns} whose pushes wake this device, and reports it from now on. */
    public URI listenOn(MockWns wns) {
        URI channel = wns.openChannel(this::wake);
        pushChannel(channel);
        return channel;
    }

    /**
     * Enrolls as a user would from Settings, Access work or school: discovery (GET, then POST Discover),
     * GetPolicies and RequestSecurityToken with {@code upn}/{@code password} as an OnPremise
     * UsernameToken, then installs what the provisioning document holds. A wiped or unenrolled device
     * may enroll again.
     *
     * @throws WindowsEnrollmentFailed at the first step that fails; the device stays unenrolled
     * @throws IllegalStateException   when it is enrolled already
     */
    public void enroll(URI discoveryUrl, String upn, String password) {
        activity.lock();
        try {
            synchronized (state) {
                if (state.enrolled) {
                    throw new IllegalStateException(ids.deviceId() + " is enrolled already");
                }
            }
            WindowsEnrollment.Result r;
            try {
                r = new WindowsEnrollment(http, personality, ids, random).run(discoveryUrl, upn, password,
                        behaviour.currentUser() == CurrentUser.ENROLLED_USER);
            } catch (WindowsEnrollmentFailed e) {
                synchronized (state) {
                    state.lastFailure = e.getMessage();
                }
                throw e;
            }
            synchronized (state) {
                state.forgetEnrollment();
                state.wiped = false;
                state.unenrolled = false;
                state.provisioning = r.provisioning();
                state.sessionCounter = 0;
                state.enrolled = true;
            }
            keys = r.keys();
            management = http.management(keys.getPrivate(), r.provisioning().deviceCertificate(),
                    r.provisioning().caCertificate());
        } finally {
            activity.unlock();
        }
    }

    /**
     * For load tests that seed enrolled devices without MS-MDE2: the device installs a provisioning
     * document's content issued elsewhere (its certificate from the server's device CA, CN=its DeviceID)
     * as if it had enrolled; the server's records of it are the caller's to store.
     */
    public void installEnrollment(ProvisioningDoc provisioning, KeyPair keys) {
        activity.lock();
        try {
            synchronized (state) {
                if (state.enrolled) {
                    throw new IllegalStateException(ids.deviceId() + " is enrolled already");
                }
                state.forgetEnrollment();
                state.provisioning = provisioning;
                state.sessionCounter = 0;
                state.enrolled = true;
            }
            this.keys = keys;
            management = http.management(keys.getPrivate(), provisioning.deviceCertificate(),
                    provisioning.caCertificate());
        } finally {
            activity.unlock();
        }
    }

    /**
     * Unenrolls as a user would from Settings: the device reports it in the first package of its next
     * session with Alert 1226 {@code com.microsoft:mdm.unenrollment.userrequest} (as captured), then
     * forgets the enrollment whatever the server answers. Call {@link #session()} to send it.
     */
    public void unenrollByUser() {
        synchronized (state) {
            if (state.enrolled) {
                state.userUnenrollPending = true;
            }
        }
    }

    /**
     * One OMA-DM session: POST the first package (Alert 1201, Alert 1224 LoginStatus, Replace DevInfo)
     * to {@code ADDR?mode=Maintenance&Platform=WoA}, then execute each server message's commands and
     * answer them until a server message carries no command or an empty body. Offline or unenrolled,
     * it does nothing.
     */
    public WindowsSessionSummary session() {
        if (!behaviour.online()) {
            return WindowsSessionSummary.NONE;
        }
        activity.lock();
        try {
            return runSession();
        } finally {
            activity.unlock();
        }
    }

    /**
     * What the device does when a push reaches it: a session; one that could not reach the server is
     * tried again after 1 s, then 2 s.
     */
    public WindowsSessionSummary wake() {
        WindowsSessionSummary summary = session();
        for (int attempt = 1; summary.failure().isPresent() && attempt <= WAKE_RETRIES; attempt++) {
            try {
                Thread.sleep(Duration.ofSeconds(1L << (attempt - 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return summary;
            }
            summary = summary.plus(session());
        }
        return summary;
    }

    /** The first package of a session as this device would send it now; empty when not enrolled. */
    public Optional<byte[]> firstPackage() {
        synchronized (state) {
            if (!state.enrolled) {
                return Optional.empty();
            }
            return Optional.of(firstPackage(Integer.toString(state.sessionCounter + 1)));
        }
    }

    private byte[] firstPackage(String sessionId) {
        SyncMlWriter w = new SyncMlWriter(sessionId, 1, target(), ids.deviceId(), 2)
                .alert("1201")
                .alert("1224", LOGIN_STATUS, null, behaviour.currentUser().loginStatus());
        if (state.userUnenrollPending) {
            w.alert("1226", USER_UNENROLL, "int", "1");
        }
        return w.replace(new String[][] {
                {"./DevInfo/DevId", ids.deviceId()},
                {"./DevInfo/Man", personality.manufacturer()},
                {"./DevInfo/Mod", personality.model()},
                {"./DevInfo/DmV", personality.dmVersion()},
                {"./DevInfo/Lang", "en-US"}}).finish();
    }

    /** The management URL without a query: the SyncHdr Target (captured). */
    private String target() {
        return state.provisioning.managementUrl().toString();
    }

    private URI sessionUrl() {
        URI addr = state.provisioning.managementUrl();
        String q = "mode=Maintenance&Platform=" + personality.platformQuery();
        return URI.create(addr + (addr.getRawQuery() == null ? "?" : "&") + q);
    }

    private WindowsSessionSummary runSession() {
        try {
            return sessionMessages();
        } finally {
            WindowsDeviceHttp.Management m = management;
            if (m != null) {
                m.endSession();
            }
        }
    }

    private WindowsSessionSummary sessionMessages() {
        String sessionId;
        byte[] outgoing;
        URI url;
        DmTree.After after;
        synchronized (state) {
            if (!state.enrolled) {
                return WindowsSessionSummary.NONE;
            }
            state.sessions++;
            sessionId = Integer.toString(++state.sessionCounter);
            outgoing = firstPackage(sessionId);
            url = sessionUrl();
            after = state.userUnenrollPending ? DmTree.After.UNENROLL : DmTree.After.NONE;
        }
        int messages = 0;
        int commands = 0;
        int msgId = 1;
        int cv = cvCounter++;
        while (true) {
            pause(behaviour.latency());
            WindowsDeviceHttp.Reply reply;
            try {
                reply = management.post(url, outgoing, Map.of("Client-Request-Id", "0",
                        "Ms-Cv", cvBase + ".0.0." + cv));
                messages++;
            } catch (IOException e) {
                if (after != DmTree.After.NONE) {
                    finish(after);
                    return new WindowsSessionSummary(1, messages, commands, Optional.empty());
                }
                return failed(messages, commands, "management URL unreachable: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(messages, commands, "interrupted");
            }
            if (after != DmTree.After.NONE) {
                // Wiped or unenrolled: whatever the reply holds, this device no longer answers.
                finish(after);
                return new WindowsSessionSummary(1, messages, commands, Optional.empty());
            }
            if (!reply.ok()) {
                return failed(messages, commands, "management URL answered HTTP " + reply.status());
            }
            if (reply.body().length == 0) {
                return new WindowsSessionSummary(1, messages, commands, Optional.empty());
            }
            Element syncMl;
            try {
                syncMl = Xml.parse(reply.body());
            } catch (IllegalArgumentException e) {
                return failed(messages, commands, "the server's SyncML is unreadable: " + e.getMessage());
            }
            Optional<String> refused = refusedHeader(syncMl);
            if (refused.isPresent()) {
                return failed(messages, commands, refused.get());
            }
            Element body = Xml.child(syncMl, "SyncBody").orElse(null);
            List<Element> received = body == null ? List.of() : DmTree.commands(body);
            if (received.isEmpty()) {
                return new WindowsSessionSummary(1, messages, commands, Optional.empty());
            }
            if (msgId >= MAX_MESSAGES_PER_SESSION) {
                return failed(messages, commands, "more than " + MAX_MESSAGES_PER_SESSION + " messages in one session");
            }
            String serverMsgId = Xml.path(syncMl, "SyncHdr", "MsgID").map(Xml::text).orElse("1");
            SyncMlWriter w;
            synchronized (state) {
                w = new SyncMlWriter(sessionId, ++msgId, target(), ids.deviceId(), 1)
                        .status(serverMsgId, "0", "SyncHdr", DmTree.OK);
                DmTree.Run run = tree.new Run(w, serverMsgId, state, behaviour, random);
                for (Element c : received) {
                    run.execute(c);
                    commands++;
                }
                after = run.after;
            }
            outgoing = w.finish();
        }
    }

    /** A server SyncHdr Status of 401/403/407 (or any failure) means the server would not talk to this device. */
    private static Optional<String> refusedHeader(Element syncMl) {
        for (Element s : Xml.path(syncMl, "SyncBody").map(b -> Xml.children(b, "Status")).orElse(List.of())) {
            boolean header = Xml.child(s, "Cmd").map(Xml::text).filter("SyncHdr"::equals).isPresent();
            String code = Xml.child(s, "Data").map(Xml::text).orElse("200");
            if (header && !code.startsWith("2")) {
                return Optional.of("the server refused the session: SyncHdr status " + code);
            }
        }
        return Optional.empty();
    }

    private void finish(DmTree.After after) {
        synchronized (state) {
            state.forgetEnrollment();
            state.wiped = after == DmTree.After.WIPE;
            state.unenrolled = true;
            if (state.wiped) {
                state.pin = null;
                state.locked = false;
            }
        }
        if (management != null) {
            management.close();
            management = null;
        }
        LOG.debug("{} {}", ids.deviceId(), after == DmTree.After.WIPE ? "wiped" : "unenrolled");
    }

    private WindowsSessionSummary failed(int messages, int commands, String why) {
        synchronized (state) {
            state.fail(why);
        }
        LOG.debug("{}: {}", ids.deviceId(), why);
        return new WindowsSessionSummary(1, messages, commands, Optional.of(why));
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
        return personality + " " + ids.deviceId();
    }
}
