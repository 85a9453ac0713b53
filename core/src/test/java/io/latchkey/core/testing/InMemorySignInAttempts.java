package io.latchkey.core.testing;

import io.latchkey.core.admin.SignInAttempts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Failed sign-ins and lockouts in memory. */
public final class InMemorySignInAttempts implements SignInAttempts {
    private final Map<String, List<Instant>> failures = new HashMap<>();
    private final Map<String, Instant> locks = new HashMap<>();

    @Override
    public synchronized int recordFailure(String subject, Instant at, Instant since) {
        List<Instant> list = failures.computeIfAbsent(subject, k -> new ArrayList<>());
        list.removeIf(t -> t.isBefore(since));
        list.add(at);
        return list.size();
    }

    @Override
    public synchronized void lock(String subject, Instant until) {
        locks.put(subject, until);
        failures.remove(subject);
    }

    @Override
    public synchronized Optional<Instant> lockedUntil(String subject) {
        return Optional.ofNullable(locks.get(subject));
    }

    @Override
    public synchronized void clear(String subject) {
        failures.remove(subject);
        locks.remove(subject);
    }
}
