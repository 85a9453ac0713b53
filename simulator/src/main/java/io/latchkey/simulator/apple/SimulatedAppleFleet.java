package io.latchkey.simulator.apple;

import io.latchkey.simulator.push.MockApns;
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
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Many simulated devices for load tests: each belongs to a user, enrolls with that user's profile
 * URL, and once enrolled is registered with the {@link MockApns} (if any) so the server's pushes
 * wake it. Device seeds derive from the fleet's seed in the order devices are added.
 */
public final class SimulatedAppleFleet {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedAppleFleet.class);

    /** A device and the user it enrolls for. */
    public record Member(String user, SimulatedAppleDevice device) {
    }

    private final DeviceHttp http;
    private final MockApns apns;
    private final SplittableRandom seeds;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    /**
     * Devices in a session at once. A real fleet's devices each have their own network stack; this
     * one shares a machine, and 10,000 sessions opened in the same second would be 10,000 TCP
     * connects from one host, which the loopback accept queue drops.
     */
    private final java.util.concurrent.Semaphore sessions = new java.util.concurrent.Semaphore(MAX_SESSIONS);
    private final Map<EnrollmentFailed.Stage, AtomicInteger> enrollFailures = new ConcurrentHashMap<>();

    /** @param apns where enrolled devices register for pushes; null for none (devices then only poll when told) */
    static final int MAX_SESSIONS = 256;

    public SimulatedAppleFleet(DeviceHttp http, MockApns apns, long seed) {
        this.http = http;
        this.apns = apns;
        this.seeds = new SplittableRandom(seed);
    }

    /**
     * For load tests: every simulated device of this process enrolls with the same RSA key pair
     * (one per key size). Generating 10,000 2048-bit keys would keep two cores busy for minutes
     * before the first command; the server still issues each device its own certificate, bound to
     * its own UDID, so nothing it checks is weakened. Off by default.
     */
    public static void reuseDeviceKeys(boolean reuse) {
        Crypto.reuseKeys = reuse;
    }

    private void wakeBounded(SimulatedAppleDevice device) {
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

    public synchronized SimulatedAppleDevice add(String user, AppleModel model, Behaviour behaviour) {
        SimulatedAppleDevice d = new SimulatedAppleDevice(model, behaviour, seeds.nextLong(), http);
        members.add(new Member(user, d));
        return d;
    }

    /** {@code count} devices, models taken in turn from {@code models}, device i for user {@code userOf(i)}. */
    public List<SimulatedAppleDevice> addMany(int count, List<AppleModel> models, Behaviour behaviour,
                                              IntFunction<String> userOf) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one model");
        }
        List<SimulatedAppleDevice> added = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            added.add(add(userOf.apply(i), models.get(i % models.size()), behaviour));
        }
        return added;
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    public List<SimulatedAppleDevice> devices() {
        return members.stream().map(Member::device).toList();
    }

    /**
     * Enrolls every device not enrolled yet, at most {@code concurrency} at a time.
     *
     * @param profileUrlOfUser the profile URL for a user (typically a fresh one-time code each call);
     *                         an exception from it counts as a failure at {@link EnrollmentFailed.Stage#PROFILE}
     */
    public FleetSummary enrollAll(Function<String, URI> profileUrlOfUser, int concurrency) {
        forEach(concurrency, m -> {
            if (m.device().status().enrolled()) {
                return;
            }
            try {
                m.device().enroll(profileUrlOfUser.apply(m.user()));
                if (apns != null) {
                    SimulatedAppleDevice d = m.device();
                    apns.register(d.pushToken(), d::pushMagic, () -> wakeBounded(d));
                }
            } catch (EnrollmentFailed e) {
                countFailure(e.stage());
                LOG.debug("{} for {} did not enroll: {}", m.device(), m.user(), e.getMessage());
            } catch (RuntimeException e) {
                countFailure(EnrollmentFailed.Stage.PROFILE);
                LOG.debug("no profile URL for {}: {}", m.user(), e.toString());
            }
        });
        return summary();
    }

    /** One command session on every device, at most {@code concurrency} at a time. */
    public PollSummary pollAll(int concurrency) {
        List<PollSummary> each = new CopyOnWriteArrayList<>();
        forEach(concurrency, m -> each.add(m.device().poll()));
        return each.stream().reduce(PollSummary.NONE, PollSummary::plus);
    }

    public FleetSummary summary() {
        int enrolled = 0, erased = 0, checkedOut = 0, locked = 0, sessions = 0, commands = 0, acknowledged = 0,
                errors = 0, notNow = 0, failures = 0;
        for (Member m : members) {
            DeviceStatus s = m.device().status();
            enrolled += s.enrolled() ? 1 : 0;
            erased += s.erased() ? 1 : 0;
            checkedOut += s.checkedOut() ? 1 : 0;
            locked += s.locked() ? 1 : 0;
            sessions += s.sessions();
            commands += s.commandsReceived();
            acknowledged += s.acknowledged();
            errors += s.errors();
            notNow += s.notNow();
            failures += s.failures();
        }
        Map<EnrollmentFailed.Stage, Integer> byStage = new EnumMap<>(EnrollmentFailed.Stage.class);
        enrollFailures.forEach((stage, n) -> byStage.put(stage, n.get()));
        MockApns.Stats push = apns == null ? new MockApns.Stats(0, 0, 0, 0, 0) : apns.stats();
        return new FleetSummary(members.size(), enrolled, byStage, erased, checkedOut, locked, sessions, commands,
                acknowledged, errors, notNow, failures, push.received(), push.wakes());
    }

    private void countFailure(EnrollmentFailed.Stage stage) {
        enrollFailures.computeIfAbsent(stage, s -> new AtomicInteger()).incrementAndGet();
    }

    private void forEach(int concurrency, java.util.function.Consumer<Member> task) {
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
            // close() waits for them all.
        }
    }
}
