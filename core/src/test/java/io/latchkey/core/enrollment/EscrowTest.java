package io.latchkey.core.enrollment;

import io.latchkey.core.secret.AesGcmSealer;
import io.latchkey.core.secret.SecretException;
import io.latchkey.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Escrow}: sealed at rest, bound to the device and the kind. */
class EscrowTest {
    private final InMemoryEscrowedSecrets store = new InMemoryEscrowedSecrets();
    private final Escrow escrow = new Escrow(store, new AesGcmSealer(new byte[32]), new MutableClock());
    private final UUID phone = UUID.randomUUID();
    private final byte[] token = "unlock-token-bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void keptSecretsOpenForTheirDeviceAndAreCiphertextAtRest() {
        escrow.keep(phone, Escrow.UNLOCK_TOKEN, token);

        assertThat(escrow.open(phone, Escrow.UNLOCK_TOKEN)).hasValue(token);
        assertThat(store.raw().values()).singleElement()
                .satisfies(c -> assertThat(new String(c, StandardCharsets.ISO_8859_1)).doesNotContain("unlock-token"));
    }

    @Test
    void aCiphertextMovedToAnotherDeviceDoesNotOpen() {
        escrow.keep(phone, Escrow.UNLOCK_TOKEN, token);
        UUID other = UUID.randomUUID();
        store.put(other, Escrow.UNLOCK_TOKEN, store.get(phone, Escrow.UNLOCK_TOKEN).orElseThrow(), MutableClock.START);

        assertThatThrownBy(() -> escrow.open(other, Escrow.UNLOCK_TOKEN)).isInstanceOf(SecretException.class);
    }

    @Test
    void aForgottenSecretIsGoneAndANewOneReplacesTheOld() {
        escrow.keep(phone, Escrow.UNLOCK_TOKEN, token);
        escrow.keep(phone, Escrow.UNLOCK_TOKEN, "newer".getBytes(StandardCharsets.UTF_8));
        assertThat(escrow.open(phone, Escrow.UNLOCK_TOKEN)).hasValue("newer".getBytes(StandardCharsets.UTF_8));

        escrow.forget(phone, Escrow.UNLOCK_TOKEN);

        assertThat(escrow.open(phone, Escrow.UNLOCK_TOKEN)).isEmpty();
    }
}
