package io.latchkey.core.inventory;

import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Imports users and devices from rows (read from CSV or JSON by a surface). Every row is checked
 * first and every problem reported with its row and field; only a fully valid import is stored,
 * in one transaction, so nothing is ever half-imported. Users are matched by principal name and
 * devices by id, then external id, so re-importing the same file changes nothing.
 */
public final class InventoryImporter {
    private final Users users;
    private final Devices devices;
    private final InventoryImport store;
    private final AuditLog audit;
    private final Clock clock;

    public InventoryImporter(Users users, Devices devices, InventoryImport store, AuditLog audit, Clock clock) {
        this.users = users;
        this.devices = devices;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    public ImportResult importRows(List<Map<String, String>> userRows, List<Map<String, String>> deviceRows,
                                   Actor actor) {
        userRows = userRows == null ? List.of() : userRows;
        deviceRows = deviceRows == null ? List.of() : deviceRows;
        Instant now = clock.instant();
        List<RowError> errors = new ArrayList<>();
        Map<String, User> byUpn = new HashMap<>();
        List<User> newUsers = new ArrayList<>();
        Set<UUID> userIds = new HashSet<>();
        for (int i = 0; i < userRows.size(); i++) {
            RowReader row = new RowReader("users", i + 1, userRows.get(i), errors);
            String upn = row.required("userPrincipalName");
            String displayName = row.optional("displayName");
            UUID id = row.uuid("id");
            row.rejectUnknown(UserColumns.ALL);
            if (upn == null) {
                continue;
            }
            if (!upn.matches("[^@\\s]+@[^@\\s]+")) {
                row.error("userPrincipalName", "'" + upn + "' is not a user principal name (name@domain)");
                continue;
            }
            String key = upn.toLowerCase(java.util.Locale.ROOT);
            if (byUpn.containsKey(key)) {
                row.error("userPrincipalName", "'" + upn + "' appears twice in this import");
                continue;
            }
            Optional<User> existing = users.findByPrincipalName(upn);
            UUID finalId = existing.map(User::id).orElse(id == null ? UUID.randomUUID() : id);
            if (id != null && existing.isPresent() && !existing.get().id().equals(id)) {
                row.error("id", "user '" + upn + "' already exists with id " + existing.get().id());
                continue;
            }
            if (id != null && existing.isEmpty()) {
                // An id that belongs to someone else would rename that user and hand over their devices.
                Optional<User> holder = users.find(id);
                if (holder.isPresent()) {
                    row.error("id", "id " + id + " belongs to user '" + holder.get().userPrincipalName() + "'");
                    continue;
                }
            }
            if (!userIds.add(finalId)) {
                row.error("id", "id " + finalId + " appears twice in this import");
                continue;
            }
            User user = new User(finalId, upn, displayName == null || displayName.isBlank() ? upn : displayName);
            byUpn.put(key, user);
            newUsers.add(user);
        }
        List<Device> newDevices = new ArrayList<>();
        Set<String> externalIds = new HashSet<>();
        Set<UUID> deviceIds = new HashSet<>();
        for (int i = 0; i < deviceRows.size(); i++) {
            RowReader row = new RowReader("devices", i + 1, deviceRows.get(i), errors);
            Device device = DeviceRow.read(row, upn -> resolveUser(upn, byUpn), devices, now);
            if (device == null) {
                continue;
            }
            if (device.externalId() != null && !externalIds.add(device.externalId())) {
                row.error("externalId", "'" + device.externalId() + "' appears twice in this import");
                continue;
            }
            if (!deviceIds.add(device.id())) {
                row.error("id", "'" + device.id() + "' appears twice in this import");
                continue;
            }
            newDevices.add(device);
        }
        if (!errors.isEmpty()) {
            return new ImportResult(0, 0, errors);
        }
        store.storeAll(newUsers, newDevices);
        audit.append(new AuditEvent(UUID.randomUUID(), now, actor.name(), actor.address(), "inventory.import",
                "inventory", "", newUsers.size() + " user(s), " + newDevices.size() + " device(s)"));
        return new ImportResult(newUsers.size(), newDevices.size(), List.of());
    }

    private Optional<UUID> resolveUser(String upn, Map<String, User> imported) {
        User inFile = imported.get(upn.toLowerCase(java.util.Locale.ROOT));
        if (inFile != null) {
            return Optional.of(inFile.id());
        }
        return users.findByPrincipalName(upn).map(User::id);
    }

    private static final class UserColumns {
        static final Set<String> ALL = Set.of("id", "userPrincipalName", "displayName");
    }
}
