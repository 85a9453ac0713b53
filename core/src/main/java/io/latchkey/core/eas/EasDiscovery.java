package io.latchkey.core.eas;

import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.CheckInRecorder;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceCondition;
import io.latchkey.core.inventory.DeviceField;
import io.latchkey.core.inventory.DeviceOrder;
import io.latchkey.core.inventory.DeviceSearch;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every gateway request upserts its device partnership (issue 10, Discovery): a new EAS DeviceId
 * becomes a device with management channel {@code eas} (or, when the same user's MDM-enrolled
 * device has the IMEI as its serial number, that device becomes {@code easMdm}); a known one is
 * written only when something about it changed. "Last seen" goes through {@link CheckInRecorder}
 * (one batch write per interval), so a phone's Pings cost no write. Partnerships are cached for
 * {@code cacheFor}: another node's access change reaches this one within that time.
 */
public final class EasDiscovery {
    public static final String ACTOR = "eas-gateway";
    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)*)");

    /** The partnership and its device record, as the gateway acts on them. */
    public record Seen(EasPartnership partnership, Device device) {
    }

    private record Cached(Seen seen, Instant loadedAt) {
    }

    private final EasPartnerships partnerships;
    private final Devices devices;
    private final DeviceSearch search;
    private final Users users;
    private final CheckInRecorder checkIns;
    private final AuditLog audit;
    private final Clock clock;
    private final EasAccess defaultAccess;
    private final Duration cacheFor;
    private final int newPerMinute;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private long budgetMinute;
    private int budgetUsed;

    public EasDiscovery(EasPartnerships partnerships, Devices devices, DeviceSearch search, Users users,
                        CheckInRecorder checkIns, AuditLog audit, Clock clock, EasAccess defaultAccess,
                        Duration cacheFor, int newPerMinute) {
        this.partnerships = partnerships;
        this.devices = devices;
        this.search = search;
        this.users = users;
        this.checkIns = checkIns;
        this.audit = audit;
        this.clock = clock;
        this.defaultAccess = Objects.requireNonNull(defaultAccess, "defaultAccess");
        this.cacheFor = cacheFor;
        this.newPerMinute = newPerMinute;
    }

    public EasAccess defaultAccess() {
        return defaultAccess;
    }

    /**
     * Records the sighting; empty when a device never seen before may not be recorded (no
     * credentials on the request, or more new devices this minute than allowed).
     */
    public Optional<Seen> seen(Sighting s) {
        Instant now = clock.instant();
        Cached cached = cache.get(s.easDeviceId());
        if (cached != null && !cached.loadedAt().plus(cacheFor).isBefore(now) && same(cached.seen(), s)) {
            checkIns.heardFrom(cached.seen().device().id());
            return Optional.of(cached.seen());
        }
        Optional<EasPartnership> stored = partnerships.find(s.easDeviceId());
        Seen seen;
        if (stored.isEmpty()) {
            if (!s.authenticated() || !takeBudget(now)) {
                return Optional.empty();
            }
            seen = discover(s, now);
        } else {
            seen = update(stored.get(), s, now);
        }
        cache.put(s.easDeviceId(), new Cached(seen, now));
        checkIns.heardFrom(seen.device().id());
        return Optional.of(seen);
    }

    /** Drops the cached partnership of this device (its access or state changed here). */
    public void forget(UUID deviceId) {
        cache.values().removeIf(c -> c.seen().device().id().equals(deviceId));
    }

    private static boolean same(Seen seen, Sighting s) {
        EasPartnership p = seen.partnership();
        return Objects.equals(p.userAgent(), s.userAgent()) && p.protocolVersion().equals(s.protocolVersion())
                && p.deviceType().equals(s.deviceType()) && Objects.equals(p.user(), s.user())
                && (s.info() == null || s.info().or(p.info()).equals(p.info())) && seen.device().enrolled();
    }

    private synchronized boolean takeBudget(Instant now) {
        long minute = now.getEpochSecond() / 60;
        if (minute != budgetMinute) {
            budgetMinute = minute;
            budgetUsed = 0;
        }
        return budgetUsed++ < newPerMinute;
    }

    private Seen discover(Sighting s, Instant now) {
        DeviceInformation info = s.info() == null ? DeviceInformation.NONE : s.info();
        Optional<User> user = user(s.user());
        Optional<Device> mdm = mdmTwin(user, info);
        Device device;
        EasAccess access;
        if (mdm.isPresent()) {
            device = withEas(mdm.get(), ManagementChannel.EAS_MDM, s, info, now);
            access = EasAccess.ALLOWED; // enrolled in MDM: known to the organisation, not a stranger
        } else {
            UUID userId = user.map(User::id).orElse(null);
            device = withEas(new Device(UUID.randomUUID(), s.easDeviceId(), "", Platform.OTHER, "", null, null,
                    ManagementChannel.EAS, Ownership.PERSONAL, userId, userId, now, now, ChannelState.NONE),
                    ManagementChannel.EAS, s, info, now);
            access = defaultAccess;
        }
        EasPartnership p = new EasPartnership(s.easDeviceId(), device.id(), s.deviceType(), s.user(), s.userAgent(),
                s.protocolVersion(), access, now, now, info);
        devices.save(device);
        partnerships.save(p);
        audit.append(new AuditEvent(UUID.randomUUID(), now, ACTOR, "gateway", "eas.device.discover", "device",
                device.id().toString(), "EAS DeviceId " + s.easDeviceId() + " (" + s.deviceType() + ", user "
                + s.user() + "), " + device.channel().wireName() + ", access " + access.wireName()));
        return new Seen(p, device);
    }

    private Seen update(EasPartnership p, Sighting s, Instant now) {
        Device device = devices.find(p.deviceId()).orElseThrow(() -> new IllegalStateException(
                "partnership " + p.easDeviceId() + " names a device that does not exist"));
        DeviceInformation info = s.info() == null ? p.info() : s.info().or(p.info());
        boolean changed = !Objects.equals(p.userAgent(), s.userAgent()) || !p.protocolVersion().equals(s.protocolVersion())
                || !p.deviceType().equals(s.deviceType()) || !Objects.equals(p.user(), s.user())
                || !info.equals(p.info()) || !device.enrolled();
        if (!changed) {
            return new Seen(p, device);
        }
        EasPartnership updated = new EasPartnership(p.easDeviceId(), p.deviceId(), s.deviceType(), s.user(),
                s.userAgent(), s.protocolVersion(), p.access(), p.firstSeen(), now, info);
        if (device.channel() == ManagementChannel.EAS && info.imei() != null && !info.equals(p.info())) {
            Optional<Device> mdm = mdmTwin(user(s.user()), info);
            if (mdm.isPresent()) {
                // The IMEI arrived after the phone was recorded as EAS-only: it is the MDM device.
                devices.save(device.unenrolled(now));
                device = mdm.get();
                updated = updated.withDevice(device.id(), now).withAccess(EasAccess.ALLOWED, now);
                audit.append(new AuditEvent(UUID.randomUUID(), now, ACTOR, "gateway", "eas.device.merge", "device",
                        device.id().toString(), "EAS DeviceId " + p.easDeviceId() + " is this MDM device (IMEI)"));
            }
        }
        ManagementChannel channel = device.channel() == ManagementChannel.MDM ? ManagementChannel.EAS_MDM : device.channel();
        device = withEas(device, channel, s, info, now);
        devices.save(device);
        partnerships.save(updated);
        return new Seen(updated, device);
    }

    /** The device record with what EAS says about it; an MDM device keeps what MDM reported. */
    private static Device withEas(Device d, ManagementChannel channel, Sighting s, DeviceInformation info, Instant now) {
        boolean easOnly = channel == ManagementChannel.EAS;
        String name = easOnly ? (info.friendlyName() != null ? info.friendlyName()
                : (s.user() == null ? "" : s.user() + "'s ") + s.deviceType()) : d.name();
        Platform platform = easOnly ? platform(s, info) : d.platform();
        String os = easOnly ? osVersion(info.os(), d.osVersion()) : d.osVersion();
        String model = easOnly && info.model() != null ? info.model() : d.model();
        ChannelState st = d.state();
        ChannelState state = new ChannelState(st.unlockTokenEscrowed(), st.androidMode(), st.workChallenge(),
                s.protocolVersion(), st.supervised());
        return new Device(d.id(), d.externalId(), name, platform, os, model, d.serialNumber(), channel, d.ownership(),
                d.enrollingUserId(), d.currentUserId(), d.enrolled() ? d.enrolledAt() : now, d.lastCheckInAt(),
                state, null);
    }

    private static Platform platform(Sighting s, DeviceInformation info) {
        String all = (s.deviceType() + " " + s.userAgent() + " " + info.os() + " " + info.model())
                .toLowerCase(java.util.Locale.ROOT);
        if (all.contains("ipad")) {
            return Platform.IPADOS;
        }
        if (all.contains("iphone") || all.contains("ios")) {
            return Platform.IOS;
        }
        if (all.contains("android") || all.contains("samsung") || all.contains("sm-")) {
            return Platform.ANDROID;
        }
        if (all.contains("windowsphone") || all.contains("windows phone")) {
            return Platform.WINDOWS_MOBILE;
        }
        return Platform.OTHER;
    }

    private static String osVersion(String os, String current) {
        if (os == null) {
            return current;
        }
        Matcher m = VERSION.matcher(os);
        return m.find() ? m.group(1) : current;
    }

    /** The user by principal name: "jane@example.com" as is; "DOMAIN\jane" and "jane" as given. */
    private Optional<User> user(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        Optional<User> found = users.findByPrincipalName(name.trim());
        int slash = name.indexOf('\\');
        return found.isPresent() || slash < 0 ? found : users.findByPrincipalName(name.substring(slash + 1).trim());
    }

    /** The same user's MDM-enrolled device whose serial number is the IMEI the phone reported. */
    private Optional<Device> mdmTwin(Optional<User> user, DeviceInformation info) {
        if (user.isEmpty() || info.imei() == null || info.imei().isBlank()) {
            return Optional.empty();
        }
        String imei = info.imei().trim();
        String compact = imei.replace(" ", "");
        DeviceCondition where = new DeviceCondition.And(List.of(
                new DeviceCondition.In(DeviceField.SERIAL_NUMBER, List.<Object>of(imei, compact).stream().distinct().toList()),
                new DeviceCondition.Compare(DeviceField.USER_ID, DeviceCondition.Op.EQ, user.get().id()),
                new DeviceCondition.Compare(DeviceField.CHANNEL, DeviceCondition.Op.EQ, ManagementChannel.MDM)));
        return search.page(where, DeviceOrder.BY_ID, null, 0, 1).items().stream().filter(Device::enrolled).findFirst();
    }
}
