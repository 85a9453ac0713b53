package io.latchkey.server.demo;

import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Groups;
import io.latchkey.core.inventory.InventoryImport;
import io.latchkey.core.inventory.StaticGroup;

import java.time.Clock;
import java.util.UUID;

/** Stores the demo fleet once: a data directory that already has it is left as it is. */
public final class DemoSeeder {
    private final Devices devices;
    private final Groups groups;
    private final InventoryImport imports;
    private final AuditLog audit;
    private final Clock clock;

    public DemoSeeder(Devices devices, Groups groups, InventoryImport imports, AuditLog audit, Clock clock) {
        this.devices = devices;
        this.groups = groups;
        this.imports = imports;
        this.audit = audit;
        this.clock = clock;
    }

    /** Returns the number of devices stored, 0 when the fleet was there already. */
    public int seedOnce() {
        if (devices.find(DemoFleet.markerDeviceId()).isPresent()) {
            return 0;
        }
        DemoFleet.Fleet fleet = DemoFleet.build(clock.instant());
        imports.storeAll(fleet.users(), fleet.devices());
        for (StaticGroup g : fleet.groups()) {
            if (groups.find(g.id()).isEmpty()) {
                groups.create(g);
            }
            groups.addMembers(g.id(), fleet.members().get(g.id()));
        }
        audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), "system", "demo", "demo.seed", "inventory",
                "", fleet.users().size() + " user(s), " + fleet.devices().size() + " device(s), "
                + fleet.groups().size() + " group(s)"));
        return fleet.devices().size();
    }
}
