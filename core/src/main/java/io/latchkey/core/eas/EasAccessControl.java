package io.latchkey.core.eas;

import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An administrator allows, blocks or quarantines a device's mail through the gateway; audited. */
public final class EasAccessControl {
    private final EasPartnerships partnerships;
    private final EasDiscovery discovery;
    private final AuditLog audit;
    private final Clock clock;

    public EasAccessControl(EasPartnerships partnerships, EasDiscovery discovery, AuditLog audit, Clock clock) {
        this.partnerships = partnerships;
        this.discovery = discovery;
        this.audit = audit;
        this.clock = clock;
    }

    /** The device's partnership, if it syncs through the gateway. */
    public Optional<EasPartnership> of(UUID deviceId) {
        return partnerships.ofDevice(deviceId);
    }

    /** Sets the device's access; false when the device has no partnership. */
    public boolean set(UUID deviceId, EasAccess access, Actor actor) {
        Instant now = clock.instant();
        Optional<EasPartnership> before = partnerships.ofDevice(deviceId);
        if (before.isEmpty() || !partnerships.setAccess(deviceId, access, now)) {
            return false;
        }
        discovery.forget(deviceId);
        audit.append(new AuditEvent(UUID.randomUUID(), now, actor.name(), actor.address(), "eas.access.set", "device",
                deviceId.toString(), before.get().access().wireName() + " → " + access.wireName()
                + " (EAS DeviceId " + before.get().easDeviceId() + ")"));
        return true;
    }
}
