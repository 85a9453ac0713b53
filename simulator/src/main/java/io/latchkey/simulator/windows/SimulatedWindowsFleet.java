package io.latchkey.simulator.windows;

import io.latchkey.simulator.push.MockWns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Many simulated Windows devices for load tests: each belongs to a user (a UPN), enrolls with that
 * user's discovery URL and password, and once enrolled gets a channel on the {@link MockWns} (if any),
 * which it reports as its ChannelURI so the server's notifications wake it. Device seeds derive from
 * the fleet's seed in the order devices are added.
 */
public final class SimulatedWindowsFleet {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedWindowsFleet.class);

    /** Devices in a session at once: one host's loopback accept queue cannot take thousands of connects at once. */
    static final int MAX_SESSIONS = 256;

    /** A device and the user it enrolls for. */
    public record Member(String user, SimulatedWindowsDevice device) {
    }

    private final WindowsDeviceHttp http;
    private final MockWns wns;
    private final SplittableRandom seeds;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final Semaphore sessions = new Semaphore(MAX_SESSIONS);
    private final Map<WindowsEnrollmentFailed.Stage, AtomicInteger> enrollFailures = new ConcurrentHashMap<>();

    /** @param wns where enrolled devices open their push channel; null for none (devices then only run sessions when told) */
    public SimulatedWindowsFleet(WindowsDeviceHttp http, MockWns wns, long seed) {
        this.http = http;
        this.wns = wns;
        this.seeds = new SplittableRandom(seed);
    }

    /**
     * For load tests: every simulated Windows device of this process enrolls with the same RSA key pair.
     * The server still issues each its own certificate bound to its own DeviceID. Off by default.
     */
    public static void reuseDeviceKeys(boolean reuse) {
        WindowsCrypto.reuseKeys = reuse;
    }

    public synchronized SimulatedWindowsDevice add(String user, WindowsPersonality personality, Behaviour behaviour) {
        SimulatedWindowsDevice d = new SimulatedWindowsDevice(personality, behaviour, seeds.nextLong(), http);
        members.add(new Member(user, d));
        return d;
    }

    /** {@code count} devices, personalities taken in turn, device i for user {@code userOf(i)}. */
    public List<SimulatedWindowsDevice> addMany(int count, List<WindowsPersonality> personalities, Behaviour behaviour,
                                                IntFunction<String> userOf) {
        if (personalities.isEmpty()) {
            throw new IllegalArgumentException("at least one personality");
        }
        List<SimulatedWindowsDevice> added = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            added.add(add(userOf.apply(i), personalities.get(i % personalities.size()), behaviour));
        }
        return added;
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    public List<SimulatedWindowsDevice> devices() {
        return members.stream().map(Member::device).toList();
    }

    /**
     * Enrolls every device not enrolled yet, at most {@code concurrency} at a time.
     *
     * @param discoveryUrlOfUser the discovery URL for a user; an exception from it counts as a failure at
     *                           {@link WindowsEnrollmentFailed.Stage#DISCOVERY}
     * @param passwordOfUser     the password sent in the UsernameToken (an enrollment token, for Latchkey)
     */
    public WindowsFleetSummary enrollAll(Function<String, URI> discoveryUrlOfUser, Function<String, String> passwordOfUser,
                                         int concurrency) {
        forEach(concurrency, m -> {
            SimulatedWindowsDevice d = m.device();
            if (d.status().enrolled()) {
                return;
            }
            try {
                d.enroll(discoveryUrlOfUser.apply(m.user()), m.user(), passwordOfUser.apply(m.user()));
                if (wns != null && d.status().channelUri().isEmpty()) {
                    d.pushChannel(wns.openChannel(() -> wakeBounded(d)));
                }
            } catch (WindowsEnrollmentFailed e) {
                countFailure(e.stage());
                LOG.debug("{} for {} did not enroll: {}", d, m.user(), e.getMessage());
            } catch (RuntimeException e) {
                countFailure(WindowsEnrollmentFailed.Stage.DISCOVERY);
                LOG.debug("no discovery URL or password for {}: {}", m.user(), e.toString());
            }
        });
        return summary();
    }

    /** One session on every device, at most {@code concurrency} at a time. */
    public WindowsSessionSummary sessionAll(int concurrency) {
        List<WindowsSessionSummary> each = new CopyOnWriteArrayList<>();
        forEach(concurrency, m -> each.add(m.device().session()));
        return each.stream().reduce(WindowsSessionSummary.NONE, WindowsSessionSummary::plus);
    }

    public WindowsFleetSummary summary() {
        int enrolled = 0, wiped = 0, unenrolled = 0, locked = 0, pins = 0, sessionCount = 0, commands = 0, failures = 0;
        for (Member m : members) {
            WindowsDeviceStatus s = m.device().status();
            enrolled += s.enrolled() ? 1 : 0;
            wiped += s.wiped() ? 1 : 0;
            unenrolled += s.unenrolled() ? 1 : 0;
            locked += s.locked() ? 1 : 0;
            pins += s.pinsGenerated().size();
            sessionCount += s.sessions();
            commands += s.commandsReceived();
            failures += s.failures();
        }
        Map<WindowsEnrollmentFailed.Stage, Integer> byStage = new EnumMap<>(WindowsEnrollmentFailed.Stage.class);
        enrollFailures.forEach((stage, n) -> byStage.put(stage, n.get()));
        MockWns.Stats push = wns == null ? new MockWns.Stats(0, 0, 0, 0, 0) : wns.stats();
        return new WindowsFleetSummary(members.size(), enrolled, byStage, wiped, unenrolled, locked, pins, sessionCount,
                commands, failures, push.received(), push.wakes());
    }

    private void wakeBounded(SimulatedWindowsDevice device) {
        try {
            sessions.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            device.wake();
        } finally {
            sessions.release();
        }
    }

    private void countFailure(WindowsEnrollmentFailed.Stage stage) {
        enrollFailures.computeIfAbsent(stage, s -> new AtomicInteger()).incrementAndGet();
    }

    private void forEach(int concurrency, Consumer<Member> task) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        Semaphore slots = new Semaphore(concurrency);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Member m : members) {
                threads.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        task.accept(m);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
    }
}
