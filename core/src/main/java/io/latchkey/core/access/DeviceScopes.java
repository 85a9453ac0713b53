package io.latchkey.core.access;

import io.latchkey.core.inventory.DeviceCondition;
import io.latchkey.core.inventory.DeviceField;
import io.latchkey.core.inventory.DeviceSearch;

import java.util.List;
import java.util.UUID;

/**
 * The per-object scope checks of single-device and single-user routes: one indexed count each
 * (the device's id, then its memberships), never a read of the fleet. A device or user outside
 * the caller's scope is answered by the surfaces exactly like an unknown one.
 */
public final class DeviceScopes {
    private final DeviceSearch search;

    public DeviceScopes(DeviceSearch search) {
        this.search = search;
    }

    /** Whether the permission applies to this (existing) device. */
    public boolean covers(Grants grants, Permission permission, UUID deviceId) {
        if (!grants.permits(permission)) {
            return false;
        }
        if (grants.everywhere(permission)) {
            return true;
        }
        return search.count(grants.narrow(permission,
                new DeviceCondition.Compare(DeviceField.ID, DeviceCondition.Op.EQ, deviceId))) > 0;
    }

    /**
     * Whether the user is visible: a scoped reader sees the users who enrolled at least one device
     * within their scope, and no one else.
     */
    public boolean seesUser(Grants grants, UUID userId) {
        if (!grants.permits(Permission.READ_DEVICES)) {
            return false;
        }
        if (grants.everywhere(Permission.READ_DEVICES)) {
            return true;
        }
        return search.count(grants.narrow(Permission.READ_DEVICES,
                new DeviceCondition.And(List.of(new DeviceCondition.Compare(DeviceField.USER_ID,
                        DeviceCondition.Op.EQ, userId))))) > 0;
    }
}
