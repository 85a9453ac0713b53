package io.latchkey.core.testing;

import io.latchkey.core.inventory.AndroidMode;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;

import java.time.Instant;
import java.util.UUID;

/**
 * Builds devices for tests: {@code TestDevices.ios().unlockToken(true).build()}. Every device gets a
 * fresh id and an enrolling user who is also its current user, unless a test says otherwise.
 */
public final class TestDevices {
    private UUID id = UUID.randomUUID();
    private String name;
    private final Platform platform;
    private String osVersion;
    private ManagementChannel channel = ManagementChannel.MDM;
    private Ownership ownership = Ownership.COMPANY;
    private UUID enrollingUser = UUID.randomUUID();
    private UUID currentUser = enrollingUser;
    private boolean unlockToken;
    private AndroidMode androidMode;
    private boolean workChallenge;
    private String easVersion;

    private TestDevices(Platform platform, String osVersion) {
        this.platform = platform;
        this.osVersion = osVersion;
        this.name = platform.displayName() + " " + osVersion;
    }

    public static TestDevices device(Platform platform, String osVersion) {
        return new TestDevices(platform, osVersion);
    }

    public static TestDevices ios() {
        return device(Platform.IOS, "17.4.1").unlockToken(true);
    }

    public static TestDevices macos() {
        return device(Platform.MACOS, "14.4");
    }

    public static TestDevices androidOwner() {
        return device(Platform.ANDROID, "14").androidMode(AndroidMode.FULLY_MANAGED);
    }

    public static TestDevices androidWorkProfile(String osVersion) {
        return device(Platform.ANDROID, osVersion).androidMode(AndroidMode.WORK_PROFILE);
    }

    public static TestDevices windows(String osVersion) {
        return device(Platform.WINDOWS, osVersion);
    }

    public static TestDevices windowsMobile(String osVersion) {
        return device(Platform.WINDOWS_MOBILE, osVersion);
    }

    public static TestDevices windowsRt() {
        return device(Platform.WINDOWS_RT, "6.3");
    }

    public static TestDevices pcAgent() {
        return device(Platform.WINDOWS, "10.0.19045").channel(ManagementChannel.PC_AGENT);
    }

    public static TestDevices easOnly(String easVersion) {
        return device(Platform.IOS, "12.0").channel(ManagementChannel.EAS).easVersion(easVersion);
    }

    public TestDevices id(UUID value) {
        this.id = value;
        return this;
    }

    public TestDevices name(String value) {
        this.name = value;
        return this;
    }

    public TestDevices channel(ManagementChannel value) {
        this.channel = value;
        return this;
    }

    public TestDevices ownership(Ownership value) {
        this.ownership = value;
        return this;
    }

    public TestDevices enrollingUser(UUID value) {
        this.enrollingUser = value;
        return this;
    }

    /** The signed-in user as last reported; null = not known yet. */
    public TestDevices currentUser(UUID value) {
        this.currentUser = value;
        return this;
    }

    public TestDevices unlockToken(boolean escrowed) {
        this.unlockToken = escrowed;
        return this;
    }

    public TestDevices androidMode(AndroidMode value) {
        this.androidMode = value;
        return this;
    }

    public TestDevices workChallenge(boolean value) {
        this.workChallenge = value;
        return this;
    }

    public TestDevices easVersion(String value) {
        this.easVersion = value;
        return this;
    }

    public Device build() {
        return new Device(id, "ext-" + id, name, platform, osVersion, "model", "SN-" + id.toString().substring(0, 8),
                channel, ownership, enrollingUser, currentUser, Instant.parse("2024-01-01T00:00:00Z"), null,
                new ChannelState(unlockToken, androidMode, workChallenge, easVersion));
    }
}
