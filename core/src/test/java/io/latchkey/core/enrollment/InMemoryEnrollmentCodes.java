package io.latchkey.core.enrollment;

import io.latchkey.core.action.ChannelKind;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Test double of the port: synchronized, so redeem is atomic as the real store must be. */
public final class InMemoryEnrollmentCodes implements EnrollmentCodes {
    private final Map<String, EnrollmentCode> byHash = new HashMap<>();

    @Override
    public synchronized void save(EnrollmentCode code) {
        if (byHash.putIfAbsent(code.codeHash(), code) != null) {
            throw new IllegalStateException("duplicate code hash");
        }
    }

    @Override
    public synchronized Optional<EnrollmentCode> find(String codeHash, ChannelKind channel) {
        return Optional.ofNullable(byHash.get(codeHash)).filter(c -> c.channel() == channel);
    }

    @Override
    public synchronized Optional<UUID> redeem(String codeHash, ChannelKind channel, Instant now) {
        EnrollmentCode c = byHash.get(codeHash);
        if (c == null || c.channel() != channel || !c.usableAt(now)) {
            return Optional.empty();
        }
        byHash.put(codeHash, new EnrollmentCode(c.codeHash(), c.userId(), c.channel(), c.createdAt(), c.expiresAt(),
                now));
        return Optional.of(c.userId());
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int before = byHash.size();
        byHash.values().removeIf(c -> !now.isBefore(c.expiresAt()));
        return before - byHash.size();
    }

    public synchronized Map<String, EnrollmentCode> stored() {
        return Map.copyOf(byHash);
    }
}
