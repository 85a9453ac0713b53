package io.latchkey.core.enrollment;

import io.latchkey.core.Rejected;
import io.latchkey.core.action.ChannelKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceIdentityTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final UUID ALICE = UUID.randomUUID();

    private final InMemoryDeviceIdentities identities = new InMemoryDeviceIdentities();

    private static DeviceIdentity issued(String der) {
        return DeviceIdentity.issued(der.getBytes(StandardCharsets.UTF_8), "1f", ALICE, ChannelKind.APPLE_MDM, T0,
                T0.plusSeconds(86_400));
    }

    @Test
    void theFingerprintIsTheLowerCaseHexSha256OfTheDerEncoding() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertThat(DeviceIdentity.fingerprint("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        DeviceIdentity i = issued("cert");
        assertThat(i.bound()).isFalse();
        assertThat(i.revokedAt()).isNull();
    }

    @Test
    void anIdentityIsBoundToADeviceAndAnExternalIdTogetherWithAWellFormedFingerprint() {
        assertThatThrownBy(() -> new DeviceIdentity("ABC", "1", ALICE, ChannelKind.APPLE_MDM, T0, T0, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        String fp = DeviceIdentity.fingerprint(new byte[] {1});
        assertThatThrownBy(() -> new DeviceIdentity(fp, "1", ALICE, ChannelKind.APPLE_MDM, T0, T0, UUID.randomUUID(),
                null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIdentityIsRecordedOnceAndFoundByFingerprint() {
        DeviceIdentity i = issued("one");
        identities.record(i);
        assertThat(identities.findByFingerprint(i.fingerprint())).contains(i);
        assertThat(identities.findByFingerprint(DeviceIdentity.fingerprint(new byte[0]))).isEmpty();
        assertThatThrownBy(() -> identities.record(i))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(Rejected.Kind.CONFLICT));
        assertThat(identities.listForUser(ALICE)).containsExactly(i);
        assertThat(identities.listForUser(UUID.randomUUID())).isEmpty();
    }

    @Test
    void anIdentityIsBoundOnceTheSameBindingAgainIsANoOpAnotherIsRefused() {
        DeviceIdentity i = issued("two");
        identities.record(i);
        UUID phone = UUID.randomUUID();

        DeviceIdentity bound = identities.bind(i.fingerprint(), phone, "UDID-1");
        assertThat(bound).isEqualTo(i.boundTo(phone, "UDID-1"));
        assertThat(identities.bind(i.fingerprint(), phone, "UDID-1")).isEqualTo(bound);
        assertThatThrownBy(() -> identities.bind(i.fingerprint(), UUID.randomUUID(), "UDID-2"))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(Rejected.Kind.CONFLICT));
        assertThatThrownBy(() -> identities.bind(i.fingerprint(), phone, "UDID-2"))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(Rejected.Kind.CONFLICT));
        assertThat(identities.findByFingerprint(i.fingerprint())).contains(bound);
        assertThatThrownBy(() -> identities.bind(DeviceIdentity.fingerprint(new byte[0]), phone, "UDID-1"))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(Rejected.Kind.NOT_FOUND));
    }
}
