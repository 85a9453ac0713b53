package io.latchkey.bench;

import io.latchkey.core.inventory.AndroidMode;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.InventoryImport;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.User;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A synthetic mixed fleet for benchmarks and crash tests: devices cycle through every row of the
 * capability matrix, one user per five devices, stored in chunks so a million devices never sit in
 * one transaction or in memory at once.
 */
public final class Fleet {
    private static final int CHUNK = 20_000;

    private Fleet() {
    }

    /** Stores {@code count} devices (and their users) with ids derived from {@code seed}; returns the time taken in ns. */
    public static long store(InventoryImport store, int count, long seed) {
        long start = System.nanoTime();
        Instant now = Instant.now();
        for (int from = 0; from < count; from += CHUNK) {
            int to = Math.min(count, from + CHUNK);
            List<User> users = new ArrayList<>();
            List<Device> devices = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                UUID userId = new UUID(seed, i / 5);
                if (i % 5 == 0) {
                    users.add(new User(userId, "user" + (i / 5) + "-" + seed + "@bench.example", "Bench User " + (i / 5)));
                }
                devices.add(device(i, seed, userId, now));
            }
            store.storeAll(users, devices);
        }
        return System.nanoTime() - start;
    }

    static Device device(int i, long seed, UUID user, Instant now) {
        UUID id = new UUID(seed ^ 0x5EED, i);
        String name = "dev-" + i;
        String ext = "ext-" + seed + "-" + i;
        return switch (i % 10) {
            case 0 -> new Device(id, ext, name, Platform.IOS, "17.4.1", "iPhone15,2", "SN" + i, ManagementChannel.MDM,
                    Ownership.COMPANY, user, user, now, now, new ChannelState(true, null, false, null));
            case 1 -> new Device(id, ext, name, Platform.ANDROID, "14", "Pixel 8", "SN" + i, ManagementChannel.MDM,
                    Ownership.COMPANY, user, user, now, now, new ChannelState(false, AndroidMode.FULLY_MANAGED, false, null));
            case 2 -> new Device(id, ext, name, Platform.ANDROID, "13", "Galaxy S23", "SN" + i, ManagementChannel.MDM,
                    Ownership.PERSONAL, user, user, now, now, new ChannelState(false, AndroidMode.WORK_PROFILE, true, null));
            case 3 -> new Device(id, ext, name, Platform.WINDOWS, "10.0.22631", "Surface Laptop", "SN" + i,
                    ManagementChannel.MDM, Ownership.COMPANY, user, user, now, now, ChannelState.NONE);
            case 4 -> new Device(id, ext, name, Platform.MACOS, "14.4", "MacBookPro18,3", "SN" + i, ManagementChannel.MDM,
                    Ownership.COMPANY, user, user, now, now, ChannelState.NONE);
            case 5 -> new Device(id, ext, name, Platform.WINDOWS_MOBILE, "10.0.15254", "Lumia 950", "SN" + i,
                    ManagementChannel.MDM, Ownership.COMPANY, user, user, now, now, ChannelState.NONE);
            case 6 -> new Device(id, ext, name, Platform.WINDOWS, "6.3.9600", "ThinkPad", "SN" + i, ManagementChannel.MDM,
                    Ownership.COMPANY, user, i % 20 == 6 ? user : null, now, now, ChannelState.NONE);
            case 7 -> new Device(id, ext, name, Platform.IPADOS, "17.4", "iPad14,1", "SN" + i, ManagementChannel.EAS_MDM,
                    Ownership.COMPANY, user, user, now, now, new ChannelState(i % 20 == 7, null, false, "16.1"));
            case 8 -> new Device(id, ext, name, Platform.ANDROID, "12", "Moto G", "SN" + i, ManagementChannel.EAS,
                    Ownership.PERSONAL, user, user, now, now, new ChannelState(false, null, false, "16.1"));
            default -> new Device(id, ext, name, Platform.WINDOWS, "10.0.19045", "OptiPlex", "SN" + i,
                    ManagementChannel.PC_AGENT, Ownership.COMPANY, user, user, now, now, ChannelState.NONE);
        };
    }
}
