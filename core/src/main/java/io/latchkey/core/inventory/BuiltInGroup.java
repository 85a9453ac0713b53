package io.latchkey.core.inventory;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The groups the source document's console flow walks through (product spec sections 1 and 4):
 * All Devices › All Mobile Devices › {All Direct Managed Devices, All Exchange ActiveSync Managed
 * Devices}, and All Computers. Membership is computed from device data, never stored, so it is a
 * pair of sets the storage adapter turns into an indexed predicate.
 *
 * <p>"Mobile devices" follows the source console: every device managed through a mobile device
 * management protocol (MDM or EAS), which is why a Windows 8.1 PC enrolled in MDM is locked from
 * All Mobile Devices › All Direct Managed Devices. All Computers holds every Mac and Windows PC
 * whatever manages it, so an MDM-enrolled PC appears in both places, and agent-managed PCs only
 * here.
 */
public enum BuiltInGroup {
    ALL_DEVICES("all-devices", null, "All Devices", null, null),
    ALL_MOBILE_DEVICES("all-mobile-devices", ALL_DEVICES, "All Mobile Devices",
            EnumSet.of(ManagementChannel.MDM, ManagementChannel.EAS, ManagementChannel.EAS_MDM), null),
    ALL_DIRECT_MANAGED_DEVICES("all-direct-managed-devices", ALL_MOBILE_DEVICES, "All Direct Managed Devices",
            EnumSet.of(ManagementChannel.MDM, ManagementChannel.EAS_MDM), null),
    ALL_EAS_MANAGED_DEVICES("all-eas-managed-devices", ALL_MOBILE_DEVICES, "All Exchange ActiveSync Managed Devices",
            EnumSet.of(ManagementChannel.EAS, ManagementChannel.EAS_MDM), null),
    ALL_COMPUTERS("all-computers", ALL_DEVICES, "All Computers", null,
            EnumSet.of(Platform.MACOS, Platform.WINDOWS, Platform.WINDOWS_RT));

    /** The id of the All Users group, which holds users rather than devices. */
    public static final String ALL_USERS_ID = "all-users";

    private final String id;
    private final BuiltInGroup parent;
    private final String displayName;
    private final Set<ManagementChannel> channels;
    private final Set<Platform> platforms;

    BuiltInGroup(String id, BuiltInGroup parent, String displayName, Set<ManagementChannel> channels,
                  Set<Platform> platforms) {
        this.id = id;
        this.parent = parent;
        this.displayName = displayName;
        this.channels = channels;
        this.platforms = platforms;
    }

    public String id() {
        return id;
    }

    public Optional<BuiltInGroup> parent() {
        return Optional.ofNullable(parent);
    }

    public String displayName() {
        return displayName;
    }

    /** Channels a member must have; null means any. */
    public Set<ManagementChannel> channels() {
        return channels;
    }

    /** Platforms a member must run; null means any. */
    public Set<Platform> platforms() {
        return platforms;
    }

    public boolean contains(Device device) {
        return (channels == null || channels.contains(device.channel()))
                && (platforms == null || platforms.contains(device.platform()));
    }

    public static Optional<BuiltInGroup> byId(String id) {
        for (BuiltInGroup g : values()) {
            if (g.id.equals(id)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
