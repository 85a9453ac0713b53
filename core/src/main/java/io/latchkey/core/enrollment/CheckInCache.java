package io.latchkey.core.enrollment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Idle check-ins of quiet devices answered from memory. A device that polls with nothing due is the
 * common request, and reading its identity, device and "anything open?" from the store was most of
 * what such a request cost (BENCHMARKS.md, "Apple devices"). Facts read with nothing open, from an
 * unrevoked identity bound to a device, are kept here for a while and answer {@link #recall}; every
 * other read, and {@link #lookUp}, goes to the store.
 *
 * <p>What makes a kept answer wrong, and what removes it:
 * <ul>
 *   <li>new commands: every request stored on this node calls {@link #forgetAll} after its commit
 *       and before its wake-up push; another node's arrive with its notification, so a device that
 *       checked in between that node's commit and this node hearing of it was answered "nothing"
 *       wrongly. {@link #answeredSince} names those devices so they can be pushed again
 *       ({@link io.latchkey.core.action.ClusterChanges}). Commands never become open again once
 *       closed (CommandState), so new commands are the only way "nothing open" turns false;</li>
 *   <li>an identity recorded, bound or revoked, a device saved or removed ({@link ForgetOnChange}
 *       on this node; revocations and removals are announced to every node);</li>
 *   <li>anything missed (a lost notification): entries expire after {@code ttl}, and none is kept
 *       or used while {@code coherent} says this node may not be hearing the others.</li>
 * </ul>
 * A read that raced a change is not kept: every change moves a generation counter, and an entry
 * put after its read began under an older generation is taken back.
 */
public final class CheckInCache implements CheckInLookup {
    private static final int PRUNE_EVERY = 4096;

    private record Entry(Facts facts, UUID deviceId, long expiresAt) {
    }

    private final CheckInLookup store;
    private final BooleanSupplier coherent;
    private final int maxEntries;
    private final long ttlMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> quiet = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, String> byDevice = new ConcurrentHashMap<>();
    /** When each device was last answered from memory, in clock millis. */
    private final ConcurrentHashMap<UUID, Long> answered = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();

    /**
     * @param coherent   whether this node hears every other node's changes now (always true for
     *                   an embedded database, which one process serves)
     * @param maxEntries devices kept at most; beyond it reads go to the store (0: every read does)
     */
    public CheckInCache(CheckInLookup store, BooleanSupplier coherent, int maxEntries, Duration ttl, Clock clock) {
        if (maxEntries < 0 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a check-in cache needs a room count of 0 or more (0: off) and a positive ttl");
        }
        this.store = store;
        this.coherent = coherent;
        this.maxEntries = maxEntries;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    @Override
    public Optional<Facts> lookUp(String fingerprint) {
        long readUnder = generation.get();
        Optional<Facts> found = store.lookUp(fingerprint);
        keep(fingerprint, found, readUnder);
        return found;
    }

    @Override
    public Optional<Facts> recall(String fingerprint) {
        Entry e = quiet.get(fingerprint);
        if (e != null) {
            long now = clock.millis();
            if (now < e.expiresAt() && coherent.getAsBoolean()) {
                answered.put(e.deviceId(), now);
                if (answers.incrementAndGet() % PRUNE_EVERY == 0) {
                    answered.values().removeIf(at -> at < now - ttlMillis);
                }
                return Optional.of(e.facts());
            }
            drop(fingerprint, e);
        }
        return lookUp(fingerprint);
    }

    /** Forgets the device's facts: it was saved, removed or rebound on this node. */
    public void forget(UUID deviceId) {
        generation.incrementAndGet();
        String fingerprint = byDevice.remove(deviceId);
        if (fingerprint != null) {
            quiet.remove(fingerprint);
        }
    }

    /** Forgets the facts of this certificate: it was recorded or bound on this node. */
    public void forget(String fingerprint) {
        generation.incrementAndGet();
        Entry e = quiet.remove(fingerprint);
        if (e != null) {
            byDevice.remove(e.deviceId(), fingerprint);
        }
    }

    /** Forgets every device's facts: commands were stored, or an identity revoked, somewhere. */
    public void forgetAll() {
        generation.incrementAndGet();
        quiet.clear();
        byDevice.clear();
    }

    /** The devices answered from memory at or after {@code since}. */
    public Set<UUID> answeredSince(Instant since) {
        long from = since.toEpochMilli();
        Set<UUID> out = new HashSet<>();
        answered.forEach((device, at) -> {
            if (at >= from) {
                out.add(device);
            }
        });
        return out;
    }

    /** How many Idle reports were answered from memory since start (for the metrics). */
    public long answeredFromMemory() {
        return answers.get();
    }

    /** How many devices are kept now (for the metrics and tests). */
    public int size() {
        return quiet.size();
    }

    private void keep(String fingerprint, Optional<Facts> found, long readUnder) {
        Facts f = found.orElse(null);
        if (f == null || f.commandsOpen() || f.identity().revokedAt() != null || f.device().isEmpty()) {
            Entry stale = quiet.remove(fingerprint);
            if (stale != null) {
                byDevice.remove(stale.deviceId(), fingerprint);
            }
            return;
        }
        if (!coherent.getAsBoolean() || quiet.size() >= maxEntries) {
            return;
        }
        UUID device = f.device().get().id();
        Entry e = new Entry(f.fromMemory(), device, clock.millis() + ttlMillis);
        quiet.put(fingerprint, e);
        byDevice.put(device, fingerprint);
        // Both puts are visible before this check; a change after it finds and removes them.
        if (generation.get() != readUnder) {
            drop(fingerprint, e);
        }
    }

    private void drop(String fingerprint, Entry e) {
        if (quiet.remove(fingerprint, e)) {
            byDevice.remove(e.deviceId(), fingerprint);
        }
    }
}
