package io.latchkey.channel.windows.enrollment;

import io.latchkey.ca.DeviceCertificateIssuer;
import io.latchkey.core.Rejected;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.DeviceIdentities;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.core.enrollment.EnrollmentCode;
import io.latchkey.core.enrollment.EnrollmentCodes;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;
import org.bouncycastle.asn1.x500.X500Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The three MS-MDE2 services with the OnPremise policy (shared/reference/windows-mdm.md §1): the
 * username is the user's principal name and the password a one-time enrollment code issued for
 * that user on the Windows channel. Policy only checks it; the enrollment request redeems it (at
 * most once however many race), issues the device certificate ({@code CN=<DeviceID>}) from the
 * device CA, records the identity bound to the device, and makes or renews the device record.
 */
public final class WindowsEnrollmentService {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsEnrollmentService.class);

    private final Users users;
    private final EnrollmentCodes codes;
    private final Devices devices;
    private final DeviceIdentities identities;
    private final DeviceCertificateIssuer issuer;
    private final X509Certificate caCertificate;
    private final Clock clock;

    public WindowsEnrollmentService(Users users, EnrollmentCodes codes, Devices devices, DeviceIdentities identities,
                                    DeviceCertificateIssuer issuer, X509Certificate caCertificate, Clock clock) {
        this.users = users;
        this.codes = codes;
        this.devices = devices;
        this.identities = identities;
        this.issuer = issuer;
        this.caCertificate = caCertificate;
        this.clock = clock;
    }

    /** POST Discovery.svc: where the policy and enrollment services are. */
    public byte[] discover(byte[] body, URI policyUrl, URI enrollmentUrl) {
        DiscoverRequest request;
        try {
            request = DiscoverRequest.parse(body);
        } catch (Rejected e) {
            return SoapFaults.refused(SoapFaults.Operation.DISCOVER, null, e);
        }
        try {
            return DiscoveryResponses.discover(request, policyUrl, enrollmentUrl);
        } catch (Rejected e) {
            return SoapFaults.refused(SoapFaults.Operation.DISCOVER, request.messageId(), e);
        }
    }

    /** POST Policy.svc (MS-XCEP GetPolicies): answered only for a user and a usable code. */
    public byte[] policies(byte[] body) {
        PolicyRequest request;
        try {
            request = PolicyRequest.parse(body);
        } catch (Rejected e) {
            return SoapFaults.refused(SoapFaults.Operation.GET_POLICIES, null, e);
        }
        if (userOf(request.credentials(), false).isEmpty()) {
            return SoapFaults.fault(SoapFaults.Operation.GET_POLICIES, request.messageId(),
                    EnrollmentFault.AUTHENTICATION, "unknown user or enrollment code");
        }
        return PolicyResponses.getPolicies(request);
    }

    /** POST Enrollment.svc (MS-WSTEP RequestSecurityToken): the device certificate and provisioning document. */
    public byte[] enroll(byte[] body, ProvisioningSettings provisioning) {
        EnrollmentRequest request;
        try {
            request = EnrollmentRequest.parse(body);
        } catch (Rejected e) {
            return SoapFaults.refused(SoapFaults.Operation.REQUEST_SECURITY_TOKEN, null, e);
        }
        // Checked before the code is spent, so a refused takeover leaves the user's code usable.
        Optional<String> refused = userOf(request.credentials(), false).flatMap(u -> io.latchkey.core.enrollment.Takeover
                .refusal(devices.findByExternalId(request.deviceId()), u.id()));
        if (refused.isPresent()) {
            LOG.warn("refused a Windows enrollment: {}", refused.get());
            return SoapFaults.fault(SoapFaults.Operation.REQUEST_SECURITY_TOKEN, request.messageId(),
                    EnrollmentFault.AUTHORIZATION, refused.get());
        }
        Optional<User> user = userOf(request.credentials(), true);
        if (user.isEmpty()) {
            return SoapFaults.fault(SoapFaults.Operation.REQUEST_SECURITY_TOKEN, request.messageId(),
                    EnrollmentFault.AUTHENTICATION, "unknown user, or the enrollment code is used or expired");
        }
        Instant now = clock.instant();
        X509Certificate cert = issuer.issue(request.csr(), new X500Name("CN=" + request.deviceId()));
        Device device = deviceFor(request, user.get(), now);
        DeviceIdentity identity;
        try {
            identity = DeviceIdentity.issued(cert.getEncoded(), cert.getSerialNumber().toString(16), user.get().id(),
                    ChannelKind.WINDOWS_MDM, now, cert.getNotAfter().toInstant());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("the CA issued a certificate it cannot encode", e);
        }
        identities.record(identity);
        identities.bind(identity.fingerprint(), device.id(), request.deviceId());
        identities.revokeOthers(request.deviceId(), identity.fingerprint(), now);
        devices.save(device);
        LOG.info("Windows device {} ({}) enrolled for user {}", device.id(), device.platform().displayName(),
                user.get().id());
        return EnrollmentResponses.issued(request, provisioning, caCertificate, cert);
    }

    /** The user the token names, if its password is a usable code for them (redeemed when {@code redeem}). */
    private Optional<User> userOf(UsernameToken token, boolean redeem) {
        if (token == null) {
            return Optional.empty();
        }
        Optional<User> user = users.findByPrincipalName(token.username().trim().toLowerCase(Locale.ROOT))
                .or(() -> users.findByPrincipalName(token.username().trim()));
        String hash = EnrollmentCode.hash(token.password().trim());
        Instant now = clock.instant();
        Optional<UUID> codeUser = redeem
                ? codes.find(hash, ChannelKind.WINDOWS_MDM).filter(c -> c.usableAt(now)).map(EnrollmentCode::userId)
                .filter(u -> user.map(User::id).filter(u::equals).isPresent())
                .flatMap(u -> codes.redeem(hash, ChannelKind.WINDOWS_MDM, now))
                : codes.find(hash, ChannelKind.WINDOWS_MDM).filter(c -> c.usableAt(now)).map(EnrollmentCode::userId);
        return user.filter(u -> codeUser.filter(u.id()::equals).isPresent());
    }

    /** The record for the enrolling device: edition from what it says it is (reference §1, §4). */
    private Device deviceFor(EnrollmentRequest request, User user, Instant now) {
        String os = request.contextValue("OSVersion").orElse("10.0");
        String type = request.contextValue("DeviceType").orElse("");
        Platform platform = type.toLowerCase(Locale.ROOT).contains("phone") ? Platform.WINDOWS_MOBILE
                : os.startsWith("6.3") && type.toUpperCase(Locale.ROOT).contains("ARM") ? Platform.WINDOWS_RT
                : Platform.WINDOWS;
        String name = request.contextValue("DeviceName").orElse("Windows " + request.deviceId().substring(0, 8));
        Optional<Device> existing = devices.findByExternalId(request.deviceId());
        UUID id = existing.map(Device::id).orElseGet(UUID::randomUUID);
        return new Device(id, request.deviceId(), name, platform, os, existing.map(Device::model).orElse(null),
                existing.map(Device::serialNumber).orElse(null), ManagementChannel.MDM,
                existing.map(Device::ownership).orElse(Ownership.COMPANY), user.id(), null, now, now,
                ChannelState.NONE, null);
    }
}
