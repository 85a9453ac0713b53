package io.latchkey.core.secret;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AesGcmSealerTest {
    private static final byte[] KEY = key(1);
    private static final byte[] PLAIN = "temporary passcode 482913".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AD = "command-42".getBytes(StandardCharsets.UTF_8);

    private final AesGcmSealer sealer = new AesGcmSealer(KEY);

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) seed);
        return k;
    }

    @Test
    void whatIsSealedOpensWithTheSameKeyAndAssociatedData() {
        byte[] sealed = sealer.seal(PLAIN, AD);

        assertThat(sealer.open(sealed, AD)).isEqualTo(PLAIN);
        assertThat(new AesGcmSealer(KEY.clone()).open(sealed, AD)).isEqualTo(PLAIN);
    }

    @Test
    void emptyPlaintextRoundTrips() {
        assertThat(sealer.open(sealer.seal(new byte[0], AD), AD)).isEmpty();
    }

    @Test
    void theLayoutIsVersionNonceCiphertextAndTag() {
        byte[] sealed = sealer.seal(PLAIN, AD);

        assertThat(sealed).hasSize(1 + 12 + PLAIN.length + 16);
        assertThat(sealed[0]).isEqualTo((byte) 1);
    }

    @Test
    void otherAssociatedDataDoesNotOpen() {
        byte[] sealed = sealer.seal(PLAIN, AD);

        assertThatThrownBy(() -> sealer.open(sealed, "command-43".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SecretException.class);
    }

    @Test
    void anyTamperedByteIsDetected() {
        byte[] sealed = sealer.seal(PLAIN, AD);

        for (int i = 0; i < sealed.length; i++) {
            byte[] copy = sealed.clone();
            copy[i] ^= 0x01;
            assertThatThrownBy(() -> sealer.open(copy, AD)).as("byte " + i).isInstanceOf(SecretException.class);
        }
    }

    @Test
    void aTruncatedOrForeignValueIsRefused() {
        byte[] sealed = sealer.seal(PLAIN, AD);

        assertThatThrownBy(() -> sealer.open(Arrays.copyOf(sealed, 28), AD)).isInstanceOf(SecretException.class);
        assertThatThrownBy(() -> sealer.open(new byte[0], AD)).isInstanceOf(SecretException.class);
        assertThatThrownBy(() -> sealer.open(null, AD)).isInstanceOf(SecretException.class);
    }

    @Test
    void anotherKeyDoesNotOpen() {
        byte[] sealed = sealer.seal(PLAIN, AD);

        assertThatThrownBy(() -> new AesGcmSealer(key(2)).open(sealed, AD)).isInstanceOf(SecretException.class);
    }

    @Test
    void twoSealsOfTheSamePlaintextDiffer() {
        byte[] first = sealer.seal(PLAIN, AD);
        byte[] second = sealer.seal(PLAIN, AD);

        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOfRange(first, 1, 13)).as("nonce").isNotEqualTo(Arrays.copyOfRange(second, 1, 13));
    }

    @Test
    void theCiphertextDoesNotContainThePlaintext() {
        byte[] sealed = sealer.seal(PLAIN, AD);

        assertThat(indexOf(sealed, PLAIN)).isEqualTo(-1);
        assertThat(indexOf(sealed, "482913".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Test
    void theExceptionMessageNeverCarriesTheSecret() {
        byte[] sealed = sealer.seal(PLAIN, AD);

        assertThatThrownBy(() -> new AesGcmSealer(key(3)).open(sealed, AD))
                .hasMessageNotContaining("482913");
    }

    @Test
    void onlyAes256KeysAreAccepted() {
        assertThatThrownBy(() -> new AesGcmSealer(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AesGcmSealer(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKeyIsCopiedSoTheCallerMayWipeIt() {
        byte[] key = key(7);
        AesGcmSealer s = new AesGcmSealer(key);
        byte[] sealed = s.seal(PLAIN, AD);

        Arrays.fill(key, (byte) 0);

        assertThat(s.open(sealed, AD)).isEqualTo(PLAIN);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
