package io.latchkey.server.demo;

import io.latchkey.core.inventory.AndroidMode;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.StaticGroup;
import io.latchkey.core.inventory.User;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo fleet: one device for every row and every condition of the capability matrix (product
 * spec section 2), a few users, two static groups, and generated filler devices so paging shows.
 * Ids are derived from names, so seeding twice yields the same rows.
 */
public final class DemoFleet {
    public static final int FILLER = 200;
    private static final String DOMAIN = "@northwind-demo.example";

    public record Fleet(List<User> users, List<Device> devices, List<StaticGroup> groups,
                        Map<UUID, List<UUID>> members) {
    }

    private final Instant now;
    private final List<User> users = new ArrayList<>();
    private final List<Device> devices = new ArrayList<>();

    private DemoFleet(Instant now) {
        this.now = now;
    }

    public static UUID id(String kind, String name) {
        return UUID.nameUUIDFromBytes(("latchkey-demo/" + kind + "/" + name).getBytes(StandardCharsets.UTF_8));
    }

    /** The device whose presence says the fleet was seeded already. */
    public static UUID markerDeviceId() {
        return id("device", "Camille's iPhone");
    }

    public static Fleet build(Instant now) {
        return new DemoFleet(now).fleet();
    }

    private Fleet fleet() {
        User camille = user("camille.durand", "Camille Durand");
        User hugo = user("hugo.bernard", "Hugo Bernard");
        User amelie = user("amelie.laurent", "Amélie Laurent");
        User jonas = user("jonas.weber", "Jonas Weber");
        User priya = user("priya.shah", "Priya Shah");
        User marcus = user("marcus.lee", "Marcus Lee");
        User sofia = user("sofia.rossi", "Sofia Rossi");
        User kiosk = user("kiosk.lobby", "Lobby kiosk (service account)");

        ChannelState token = ChannelState.NONE.withUnlockToken(true);
        // Apple
        Device iphone = add("Camille's iPhone", Platform.IOS, "17.5.1", "iPhone 15", ManagementChannel.MDM,
                Ownership.COMPANY, camille, camille, token);
        add("Hugo's iPhone (no UnlockToken)", Platform.IOS, "16.7.8", "iPhone 12", ManagementChannel.MDM,
                Ownership.PERSONAL, hugo, hugo, ChannelState.NONE);
        // Supervised (company-owned, set up through Apple Configurator or ADE): Lost Mode works on it.
        Device ipad = add("Sales iPad (supervised)", Platform.IPADOS, "17.4", "iPad Air (5th generation)",
                ManagementChannel.MDM, Ownership.COMPANY, priya, priya, token.withSupervised(true));
        add("Amélie's MacBook Pro", Platform.MACOS, "14.5", "MacBook Pro 14-inch M3", ManagementChannel.MDM,
                Ownership.COMPANY, amelie, amelie, ChannelState.NONE);
        // Android Enterprise
        Device pixel = add("Jonas's Pixel 8", Platform.ANDROID, "14", "Pixel 8", ManagementChannel.MDM,
                Ownership.COMPANY, jonas, jonas, android(AndroidMode.FULLY_MANAGED, false));
        add("Lobby kiosk tablet", Platform.ANDROID, "13", "Galaxy Tab A8", ManagementChannel.MDM,
                Ownership.COMPANY, kiosk, kiosk, android(AndroidMode.DEDICATED, false));
        Device galaxy = add("Priya's Galaxy S23 (work profile)", Platform.ANDROID, "14", "Galaxy S23",
                ManagementChannel.MDM, Ownership.COMPANY, priya, priya, android(AndroidMode.WORK_PROFILE, true));
        add("Marcus's personal Pixel 7 (work profile)", Platform.ANDROID, "13", "Pixel 7", ManagementChannel.MDM,
                Ownership.PERSONAL, marcus, marcus, android(AndroidMode.WORK_PROFILE, false));
        add("Legacy Moto G5 (Android 7.1, work profile)", Platform.ANDROID, "7.1.2", "Moto G5",
                ManagementChannel.MDM, Ownership.PERSONAL, hugo, hugo, android(AndroidMode.WORK_PROFILE, true));
        // Windows
        Device surface = add("Sofia's Surface Laptop 5 (Windows 11)", Platform.WINDOWS, "10.0.22631",
                "Surface Laptop 5", ManagementChannel.MDM, Ownership.COMPANY, sofia, sofia, ChannelState.NONE);
        add("Warehouse Lumia 950 (Windows 10 Mobile)", Platform.WINDOWS_MOBILE, "10.0.15254", "Lumia 950",
                ManagementChannel.MDM, Ownership.COMPANY, marcus, marcus, ChannelState.NONE);
        add("Field Lumia 640 (Windows Phone 8.1)", Platform.WINDOWS_MOBILE, "8.10.15148", "Lumia 640",
                ManagementChannel.MDM, Ownership.COMPANY, jonas, jonas, ChannelState.NONE);
        add("Surface 2 (Windows RT 8.1)", Platform.WINDOWS_RT, "6.3.9600", "Surface 2", ManagementChannel.MDM,
                Ownership.COMPANY, amelie, amelie, ChannelState.NONE);
        add("Shared Surface RT (another user signed in)", Platform.WINDOWS_RT, "6.3.9600", "Surface RT",
                ManagementChannel.MDM, Ownership.COMPANY, amelie, sofia, ChannelState.NONE);
        Device reception = add("Reception PC (Windows 8.1, another user signed in)", Platform.WINDOWS, "6.3.9600",
                "OptiPlex 7020", ManagementChannel.MDM, Ownership.COMPANY, camille, hugo, ChannelState.NONE);
        add("Accounting PC (Windows 8.1)", Platform.WINDOWS, "6.3.9600", "ThinkCentre M93p", ManagementChannel.MDM,
                Ownership.COMPANY, sofia, sofia, ChannelState.NONE);
        add("Plant-floor PC (agent client software)", Platform.WINDOWS, "10.0.19045", "ProDesk 600 G6",
                ManagementChannel.PC_AGENT, Ownership.COMPANY, marcus, marcus, ChannelState.NONE);
        // Exchange ActiveSync
        Device eas161 = add("Priya's Galaxy A54 (Exchange ActiveSync 16.1 only)", Platform.ANDROID, "14",
                "Galaxy A54", ManagementChannel.EAS, Ownership.PERSONAL, priya, priya, eas("16.1"));
        add("Hugo's old iPhone 6 (Exchange ActiveSync 14.1 only)", Platform.IOS, "12.5.7", "iPhone 6",
                ManagementChannel.EAS, Ownership.PERSONAL, hugo, hugo, eas("14.1"));
        add("Camille's iPhone SE (EAS and MDM)", Platform.IOS, "17.5.1", "iPhone SE (3rd generation)",
                ManagementChannel.EAS_MDM, Ownership.COMPANY, camille, camille,
                new ChannelState(true, null, false, "16.1"));

        List<Device> filler = filler(List.of(camille, hugo, amelie, jonas, priya, marcus, sofia));

        StaticGroup paris = new StaticGroup(id("group", "Paris"), "Paris", "Devices of the Paris office",
                now.minus(Duration.ofDays(200)));
        StaticGroup sales = new StaticGroup(id("group", "Sales"), "Sales", "The sales team's devices",
                now.minus(Duration.ofDays(150)));
        List<UUID> parisMembers = new ArrayList<>(List.of(iphone.id(), surface.id(), reception.id()));
        List<UUID> salesMembers = new ArrayList<>(List.of(ipad.id(), galaxy.id(), pixel.id(), eas161.id()));
        for (int i = 0; i < filler.size(); i++) {
            (i % 3 == 0 ? parisMembers : salesMembers).add(filler.get(i).id());
        }
        devices.addAll(filler);
        return new Fleet(List.copyOf(users), List.copyOf(devices), List.of(paris, sales),
                Map.of(paris.id(), List.copyOf(parisMembers), sales.id(), List.copyOf(salesMembers)));
    }

    /** Everyday devices of the matrix's plain rows, so lists have pages and sorts have something to sort. */
    private List<Device> filler(List<User> people) {
        List<Device> out = new ArrayList<>();
        for (int i = 1; i <= FILLER; i++) {
            User owner = people.get(i % people.size());
            String n = String.format("%04d", i);
            Device d = switch (i % 5) {
                case 0 -> device("LT-" + n + " (Windows 11)", Platform.WINDOWS, "10.0.22631", "Latitude 7440",
                        ManagementChannel.MDM, Ownership.COMPANY, owner, owner, ChannelState.NONE, i);
                case 1 -> device("IPH-" + n, Platform.IOS, "17." + (i % 6) + ".1", "iPhone 14",
                        ManagementChannel.MDM, Ownership.COMPANY, owner, owner, ChannelState.NONE.withUnlockToken(i % 7 != 0), i);
                case 2 -> device("AND-" + n, Platform.ANDROID, Integer.toString(12 + i % 3), "Pixel 7a",
                        ManagementChannel.MDM, Ownership.COMPANY, owner, owner, android(AndroidMode.FULLY_MANAGED, false), i);
                case 3 -> device("MAC-" + n, Platform.MACOS, "14." + (i % 5), "MacBook Air M2",
                        ManagementChannel.MDM, Ownership.COMPANY, owner, owner, ChannelState.NONE, i);
                default -> device("WP-" + n + " (work profile)", Platform.ANDROID, "14", "Galaxy S22",
                        ManagementChannel.MDM, Ownership.PERSONAL, owner, owner, android(AndroidMode.WORK_PROFILE, i % 2 == 0), i);
            };
            out.add(d);
        }
        return out;
    }

    private User user(String alias, String displayName) {
        User u = new User(id("user", alias), alias + DOMAIN, displayName);
        users.add(u);
        return u;
    }

    private Device add(String name, Platform platform, String os, String model, ManagementChannel channel,
                       Ownership ownership, User enrolling, User current, ChannelState state) {
        Device d = device(name, platform, os, model, channel, ownership, enrolling, current, state, devices.size());
        devices.add(d);
        return d;
    }

    private Device device(String name, Platform platform, String os, String model, ManagementChannel channel,
                          Ownership ownership, User enrolling, User current, ChannelState state, int seq) {
        UUID id = id("device", name);
        String serial = "DEMO" + id.toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        Instant enrolled = now.minus(Duration.ofDays(30 + (seq * 7L) % 400)).minus(Duration.ofMinutes(seq));
        Instant lastCheckIn = now.minus(Duration.ofMinutes(5 + (seq * 37L) % 4000));
        return new Device(id, "demo-" + id, name, platform, os, model, serial, channel, ownership, enrolling.id(),
                current.id(), enrolled, lastCheckIn, state);
    }

    private static ChannelState android(AndroidMode mode, boolean workChallenge) {
        return new ChannelState(false, mode, workChallenge, null);
    }

    private static ChannelState eas(String version) {
        return new ChannelState(false, null, false, version);
    }
}
