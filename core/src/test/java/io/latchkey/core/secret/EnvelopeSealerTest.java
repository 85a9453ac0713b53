package io.latchkey.core.secret;

import io.latchkey.core.testing.InMemoryAuditLog;
import io.latchkey.core.testing.InMemoryDataKeys;
import io.latchkey.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeSealerTest {
    private static final byte[] AAD = "command 42".getBytes(StandardCharsets.US_ASCII);
    private final InMemoryDataKeys store = new InMemoryDataKeys();
    private final MutableClock clock = new MutableClock();
    private final byte[] oldMaster = random();
    private final byte[] newMaster = random();
    private final AtomicReference<MasterKeyring> ring = new AtomicReference<>(MasterKeyring.of(oldMaster));
    private final MasterKeyring.Source source = ring::get;

    @Test
    void sealsUnderADataKeyNotTheMasterKey() {
        EnvelopeSealer sealer = EnvelopeSealer.open(store, source, clock);
        byte[] sealed = sealer.seal(bytes("1234"), AAD);

        assertThat(sealed[0]).isEqualTo(EnvelopeSealer.VERSION);
        assertThat(sealer.open(sealed, AAD)).isEqualTo(bytes("1234"));
        assertThatThrownBy(() -> new AesGcmSealer(oldMaster).open(java.util.Arrays.copyOfRange(sealed, 5, sealed.length), AAD))
                .isInstanceOf(SecretException.class);
        assertThat(store.all()).extracting(DataKey::id).containsExactly(0, 1);
        assertThat(sealer.currentDataKey()).isEqualTo(1);
    }

    @Test
    void valuesSealedBeforeEnvelopesStillOpenAfterTheMasterKeyIsRotatedAway() {
        byte[] legacy = new AesGcmSealer(oldMaster).seal(bytes("unlock token"), AAD);
        byte[] envelope = EnvelopeSealer.open(store, source, clock).seal(bytes("pin"), AAD);

        ring.set(MasterKeyring.of(newMaster, oldMaster));
        var outcome = new KeyRotation(store, source, new InMemoryAuditLog(), clock).rotate(true, "ops");
        ring.set(MasterKeyring.of(newMaster));

        assertThat(outcome.rewrapped()).isEqualTo(2);
        assertThat(outcome.newDataKey()).hasValue(2);
        EnvelopeSealer afterwards = EnvelopeSealer.open(store, source, clock);
        assertThat(afterwards.open(legacy, AAD)).isEqualTo(bytes("unlock token"));
        assertThat(afterwards.open(envelope, AAD)).isEqualTo(bytes("pin"));
        assertThat(afterwards.currentDataKey()).isEqualTo(2);
        assertThat(store.all()).allSatisfy(k -> assertThat(k.masterKeyId()).isEqualTo(new MasterKey(newMaster).id()));
    }

    @Test
    void aRunningNodeKeepsWorkingThroughARotationAndPicksUpTheNewDataKey() {
        EnvelopeSealer running = EnvelopeSealer.open(store, source, clock);
        byte[] before = running.seal(bytes("a"), AAD);

        ring.set(MasterKeyring.of(newMaster, oldMaster)); // the key file now lists the new key first
        new KeyRotation(store, source, new InMemoryAuditLog(), clock).rotate(true, "ops");

        assertThat(running.open(before, AAD)).isEqualTo(bytes("a"));
        assertThat(running.seal(bytes("b"), AAD)[4]).isEqualTo((byte) 1); // still data key 1 until refresh
        clock.advance(EnvelopeSealer.REFRESH);
        byte[] after = running.seal(bytes("c"), AAD);
        assertThat(after[4]).isEqualTo((byte) 2);
        assertThat(running.open(after, AAD)).isEqualTo(bytes("c"));
    }

    @Test
    void refusesToStartWithAMasterKeyThatOpensNoDataKey() {
        EnvelopeSealer.open(store, source, clock);
        ring.set(MasterKeyring.of(newMaster));

        assertThatThrownBy(() -> EnvelopeSealer.open(store, source, clock))
                .isInstanceOf(SecretException.class).hasMessageContaining("which this node does not hold");
    }

    @Test
    void rotationWithoutTheOldKeyChangesNothing() {
        EnvelopeSealer.open(store, source, clock);
        var before = store.all();
        ring.set(MasterKeyring.of(newMaster));

        assertThatThrownBy(() -> new KeyRotation(store, source, new InMemoryAuditLog(), clock).rotate(true, "ops"))
                .isInstanceOf(SecretException.class).hasMessageContaining("list the old key after the new one");
        assertThat(store.all()).isEqualTo(before);
    }

    @Test
    void rotationIsAuditedAndARepeatRewrapsNothing() {
        EnvelopeSealer.open(store, source, clock);
        InMemoryAuditLog audit = new InMemoryAuditLog();
        ring.set(MasterKeyring.of(newMaster, oldMaster));
        KeyRotation rotation = new KeyRotation(store, source, audit, clock);
        rotation.rotate(false, "ops");

        var again = rotation.rotate(false, "ops");

        assertThat(again.rewrapped()).isZero();
        assertThat(again.alreadyUnderPrimary()).isEqualTo(2);
        assertThat(rotation.status().notUnderPrimary()).isEmpty();
        assertThat(audit.all()).extracting(e -> e.action()).containsExactly("keys.rotate", "keys.rotate");
        assertThat(audit.all().get(0).detail()).doesNotContain(java.util.Base64.getEncoder().encodeToString(newMaster));
    }

    @Test
    void aValueMovedToAnotherDataKeyOrRowDoesNotOpen() {
        EnvelopeSealer sealer = EnvelopeSealer.open(store, source, clock);
        byte[] sealed = sealer.seal(bytes("secret"), AAD);

        assertThatThrownBy(() -> sealer.open(sealed, bytes("command 43"))).isInstanceOf(SecretException.class);
        byte[] otherKey = sealed.clone();
        otherKey[4] = 0;
        assertThatThrownBy(() -> sealer.open(otherKey, AAD)).isInstanceOf(SecretException.class);
        byte[] unknownKey = sealed.clone();
        unknownKey[4] = 9;
        assertThatThrownBy(() -> sealer.open(unknownKey, AAD)).isInstanceOf(SecretException.class)
                .hasMessageContaining("not stored");
        assertThatThrownBy(() -> sealer.open(new byte[] {7, 1, 2}, AAD)).isInstanceOf(SecretException.class);
    }

    @Test
    void aKeyringNeverShowsItsKeys() {
        MasterKey key = new MasterKey(oldMaster);
        assertThat(key.toString()).doesNotContain(java.util.Base64.getEncoder().encodeToString(oldMaster))
                .contains(key.id());
        assertThatThrownBy(() -> MasterKeyring.of(oldMaster, oldMaster)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
