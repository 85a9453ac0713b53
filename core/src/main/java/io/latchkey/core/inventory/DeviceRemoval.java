package io.latchkey.core.inventory;

import io.latchkey.core.audit.AuditEvent;

import java.util.UUID;

/**
 * Storage port: forgetting a device's record (Graph's {@code DELETE managedDevices/{id}}). The
 * device is not told anything; its commands and their history stay, so the audit trail does.
 */
public interface DeviceRemoval {

    /** Deletes the device and its group memberships with the audit event, in one transaction; false when absent. */
    boolean remove(UUID deviceId, AuditEvent event);
}
