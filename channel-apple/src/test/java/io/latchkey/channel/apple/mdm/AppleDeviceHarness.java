package io.latchkey.channel.apple.mdm;

import io.latchkey.ca.CaIdentity;
import io.latchkey.channel.apple.pki.TestIdentities;
import io.latchkey.ca.TestPki;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.CheckInLookup;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.core.enrollment.Escrow;
import io.latchkey.core.enrollment.InMemoryDeviceIdentities;
import io.latchkey.core.enrollment.InMemoryEscrowedSecrets;
import io.latchkey.core.enrollment.InMemoryPushAddresses;
import io.latchkey.core.testing.TestEngine;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.UUID;

/**
 * The Apple endpoints over the core engine with in-memory stores, and devices that sign their
 * bodies with identities issued by the test CA. No HTTP: {@link MdmEndpoint} is what the HTTP
 * layer calls.
 */
final class AppleDeviceHarness {
    static final String PROFILE_ID = "io.latchkey.mdm.enrollment";

    final TestEngine engine = new TestEngine();
    final InMemoryDeviceIdentities identities = new InMemoryDeviceIdentities();
    final InMemoryPushAddresses pushAddresses = new InMemoryPushAddresses();
    final InMemoryEscrowedSecrets escrowed = new InMemoryEscrowedSecrets();
    final Escrow escrow = new Escrow(escrowed, engine.sealer, engine.clock);
    final MdmEndpoint endpoint;

    AppleDeviceHarness() {
        endpoint = new MdmEndpoint(TestPki.ca().certificate(), engine.store.devices, identities,
                pushAddresses, escrow, engine.outbox, engine.store.commands, PROFILE_ID,
                new io.latchkey.core.inventory.CheckInRecorder(engine.store.devices, engine.clock), engine.clock);
    }

    /** With the identity read through {@code lookup} (given the one composed from the in-memory stores). */
    AppleDeviceHarness(java.util.function.UnaryOperator<CheckInLookup> lookup) {
        endpoint = new MdmEndpoint(TestPki.ca().certificate(), engine.store.devices, identities,
                lookup.apply(CheckInLookup.of(identities, engine.store.devices)), pushAddresses, escrow, engine.outbox,
                engine.store.commands, PROFILE_ID,
                new io.latchkey.core.inventory.CheckInRecorder(engine.store.devices, engine.clock), engine.clock);
    }

    /** A certificate the CA issued and the server recorded for this user, as SCEP does. */
    X509Certificate enrolledIdentity(UUID userId) {
        X509Certificate cert = issued(TestPki.ca());
        try {
            identities.record(DeviceIdentity.issued(cert.getEncoded(), cert.getSerialNumber().toString(16), userId,
                    ChannelKind.APPLE_MDM, engine.clock.instant(), cert.getNotAfter().toInstant()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return cert;
    }

    X509Certificate issued(CaIdentity ca) {
        return TestIdentities.issue(ca, engine.clock, Duration.ofDays(365));
    }

    MdmAnswer checkin(byte[] body, X509Certificate signer) {
        return endpoint.checkin(request(body, MdmEndpoint.CHECKIN_CONTENT_TYPE, signer));
    }

    MdmAnswer report(byte[] body, X509Certificate signer) {
        return endpoint.command(request(body, "application/x-apple-aspen-mdm; charset=UTF-8", signer));
    }

    static DeviceRequest request(byte[] body, String contentType, X509Certificate signer) {
        String signature = signer == null ? null : TestIdentities.sign(body, signer, "SHA256withRSA");
        return new DeviceRequest(body, contentType, signature, null, null, "192.0.2.50");
    }
}
