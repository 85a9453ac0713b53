package io.latchkey.channel.apple.mdm;

import io.latchkey.channel.apple.checkin.Authenticate;
import io.latchkey.channel.apple.checkin.CheckOut;
import io.latchkey.channel.apple.checkin.CheckinMessage;
import io.latchkey.channel.apple.checkin.TokenUpdate;
import io.latchkey.channel.apple.identity.IdentityRefused;
import io.latchkey.channel.apple.plist.EnrollmentRef;
import io.latchkey.core.Rejected;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.capability.Action;
import io.latchkey.core.enrollment.DeviceIdentities;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.core.enrollment.Escrow;
import io.latchkey.core.enrollment.PushAddress;
import io.latchkey.core.enrollment.PushAddresses;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.action.CommandOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The check-in protocol (shared/reference/apple-mdm.md §1): Authenticate makes or renews the
 * device record and binds the identity certificate to it, TokenUpdate stores where to push and
 * escrows the UnlockToken, CheckOut takes the device out of management. Every message has already
 * been authenticated by its certificate; this class checks that the certificate speaks for the
 * device the message names.
 */
public final class AppleCheckins {
    private static final Logger LOG = LoggerFactory.getLogger(AppleCheckins.class);

    private final Devices devices;
    private final DeviceIdentities identities;
    private final PushAddresses pushAddresses;
    private final Escrow escrow;
    private final CommandOutbox outbox;
    private final Clock clock;
    private final java.util.function.Consumer<UUID> enrolled;

    /** @param enrolled told each device id that completed an Authenticate */
    public AppleCheckins(Devices devices, DeviceIdentities identities, PushAddresses pushAddresses, Escrow escrow,
                         CommandOutbox outbox, Clock clock, java.util.function.Consumer<UUID> enrolled) {
        this.devices = devices;
        this.identities = identities;
        this.pushAddresses = pushAddresses;
        this.escrow = escrow;
        this.outbox = outbox;
        this.clock = clock;
        this.enrolled = enrolled;
    }

    /** @throws IdentityRefused when the certificate does not speak for the device the message names */
    public void handle(CheckinMessage message, DeviceIdentity identity) {
        switch (message) {
            case Authenticate a -> authenticate(a, identity);
            case TokenUpdate t -> tokenUpdate(t, identity);
            case CheckOut c -> checkOut(c, identity);
        }
    }

    /**
     * A new enrollment of this device (first, or again after a CheckOut, an erase or a new profile):
     * the identity is bound to it once, every older identity of the same device is revoked, and the
     * old UnlockToken is forgotten because the TokenUpdate that follows brings the current one.
     */
    private void authenticate(Authenticate a, DeviceIdentity identity) {
        String externalId = a.enrollment().value();
        if (identity.bound() && !identity.externalId().equals(externalId)) {
            throw wrongDevice(identity, externalId);
        }
        Instant now = clock.instant();
        Optional<Device> existing = devices.findByExternalId(externalId);
        if (!identity.bound()) {
            Optional<String> refused = io.latchkey.core.enrollment.Takeover.refusal(existing, identity.userId());
            if (refused.isPresent()) {
                LOG.warn("refused an Authenticate from a new identity of user {}: {}", identity.userId(), refused.get());
                throw new IdentityRefused(IdentityRefused.Reason.WRONG_DEVICE, refused.get());
            }
        }
        UUID deviceId = existing.map(Device::id)
                .orElseGet(() -> identity.bound() ? identity.deviceId() : UUID.randomUUID());
        try {
            identities.bind(identity.fingerprint(), deviceId, externalId);
        } catch (Rejected e) {
            throw new IdentityRefused(IdentityRefused.Reason.WRONG_DEVICE,
                    "this identity certificate is bound to another device");
        }
        Platform platform = AppleDeviceFacts.platform(a.productName(), a.model());
        String name = existing.filter(d -> a.deviceName().isEmpty()).map(Device::name)
                .orElseGet(() -> AppleDeviceFacts.name(a.deviceName(), platform, a.serialNumber()));
        Ownership ownership = existing.map(Device::ownership).orElse(
                a.enrollment().kind() == EnrollmentRef.Kind.ENROLLMENT_ID ? Ownership.PERSONAL : Ownership.COMPANY);
        ManagementChannel channel = existing.map(Device::channel).filter(c -> c == ManagementChannel.EAS_MDM)
                .orElse(ManagementChannel.MDM);
        Device device = new Device(deviceId, externalId, name, platform,
                a.osVersion().orElse(existing.map(Device::osVersion).orElse("")),
                Optional.ofNullable(AppleDeviceFacts.model(a.productName(), a.modelName()))
                        .orElse(existing.map(Device::model).orElse(null)),
                a.serialNumber().orElse(existing.map(Device::serialNumber).orElse(null)), channel, ownership,
                identity.userId(), identity.userId(), now, now, ChannelState.NONE, null);
        devices.save(device);
        escrow.forget(deviceId, Escrow.UNLOCK_TOKEN);
        int revoked = identities.revokeOthers(externalId, identity.fingerprint(), now);
        enrolled.accept(deviceId);
        LOG.info("Apple device {} ({}) {} for user {}{}", deviceId, platform.displayName(),
                existing.isPresent() ? "enrolled again" : "enrolled", identity.userId(),
                revoked > 0 ? "; revoked " + revoked + " older identity certificate(s)" : "");
    }

    /**
     * Push credentials and the UnlockToken. A TokenUpdate without an UnlockToken keeps the escrowed
     * one (Apple, "Token Update": its absence is not an invalidation). A user-channel TokenUpdate
     * (it names a UserID) carries the user channel's token, which must not replace the device's.
     */
    private void tokenUpdate(TokenUpdate t, DeviceIdentity identity) {
        Device device = boundDevice(t.enrollment(), identity);
        if (t.userId().isPresent()) {
            LOG.info("ignored a user-channel TokenUpdate from device {}: this server serves the device channel only",
                    device.id());
            return;
        }
        Instant now = clock.instant();
        pushAddresses.save(PushAddress.reported(device.id(), ChannelKind.APPLE_MDM, t.tokenHex(), t.pushMagic(),
                t.topic(), now));
        ChannelState state = device.state();
        if (t.unlockToken().isPresent()) {
            escrow.keep(device.id(), Escrow.UNLOCK_TOKEN, t.unlockToken().get());
            state = state.withUnlockToken(true);
        }
        devices.save(checkedIn(device, now).withState(state));
    }

    /**
     * The device removed its enrollment profile: it is out of management, its identities are
     * revoked, and its open commands end (a retire it had not answered has happened).
     */
    private void checkOut(CheckOut c, DeviceIdentity identity) {
        Device device = boundDevice(c.enrollment(), identity);
        Instant now = clock.instant();
        devices.save(checkedIn(device, now).unenrolled(now));
        identities.revokeOthers(device.externalId(), "", now);
        outbox.open(device.id()).forEach(cmd -> {
            if (cmd.action() == Action.RETIRE) {
                outbox.succeeded(cmd.id(), "the device removed its enrollment profile (CheckOut)", AppleChannel.ACTOR);
            } else {
                outbox.failed(cmd.id(), "the device left management (CheckOut) before answering", AppleChannel.ACTOR);
            }
        });
        LOG.info("Apple device {} checked out: no longer enrolled", device.id());
    }

    /** The device the identity is bound to, which must be the one the message names. */
    Device boundDevice(EnrollmentRef enrollment, DeviceIdentity identity) {
        return boundDevice(enrollment, identity, null);
    }

    /**
     * As {@link #boundDevice(EnrollmentRef, DeviceIdentity)} with the device already read with the
     * identity ({@link io.latchkey.core.enrollment.CheckInLookup}); null reads it here.
     */
    Device boundDevice(EnrollmentRef enrollment, DeviceIdentity identity, Optional<Device> known) {
        if (!identity.bound()) {
            throw new IdentityRefused(IdentityRefused.Reason.NOT_AUTHENTICATED,
                    "this identity certificate has not authenticated a device yet (Authenticate comes first)");
        }
        if (!identity.externalId().equals(enrollment.value())) {
            throw wrongDevice(identity, enrollment.value());
        }
        return (known != null ? known : devices.find(identity.deviceId())).orElseThrow(() -> new IdentityRefused(
                IdentityRefused.Reason.NOT_AUTHENTICATED, "the device this identity was bound to is gone"));
    }

    static Device checkedIn(Device d, Instant at) {
        return new Device(d.id(), d.externalId(), d.name(), d.platform(), d.osVersion(), d.model(), d.serialNumber(),
                d.channel(), d.ownership(), d.enrollingUserId(), d.currentUserId(), d.enrolledAt(), at, d.state(),
                d.unenrolledAt());
    }

    private static IdentityRefused wrongDevice(DeviceIdentity identity, String named) {
        LOG.warn("refused a message naming {} signed by the identity of {} (serial {})", named, identity.externalId(),
                identity.serialNumber());
        return new IdentityRefused(IdentityRefused.Reason.WRONG_DEVICE,
                "the message names another device than the one this identity certificate belongs to");
    }
}
