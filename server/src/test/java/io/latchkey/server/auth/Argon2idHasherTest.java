package io.latchkey.server.auth;

import io.latchkey.core.admin.PasswordHash;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Argon2idHasherTest {
    private final Argon2idHasher hasher = new Argon2idHasher();

    /** RFC 9106 section 5.3: the library computes standard Argon2id (version 0x13). */
    @Test
    void theLibraryMatchesTheRfc9106Argon2idTestVector() {
        byte[] password = filled(32, 0x01);
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(32).withIterations(3).withParallelism(4).withSalt(filled(16, 0x02))
                .withSecret(filled(8, 0x03)).withAdditional(filled(12, 0x04)).build());
        byte[] tag = new byte[32];
        g.generateBytes(password, tag);
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void hashesAreInPhcFormatWithOwaspParametersAndASaltEachTime() {
        String a = hasher.hash("violet-harbour-crane");
        String b = hasher.hash("violet-harbour-crane");
        assertThat(a).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(a).isNotEqualTo(b).doesNotContain("violet");
        assertThat(hasher.verify("violet-harbour-crane", a)).isTrue();
        assertThat(hasher.verify("violet-harbour-crane", b)).isTrue();
        assertThat(hasher.verify("violet-harbour-crane!", a)).isFalse();
        assertThat(hasher.needsRehash(a)).isFalse();
    }

    @Test
    void aHashWithOtherParametersVerifiesWithItsOwnAndAsksForARehashWhenWeaker() {
        String stronger = new Argon2idHasher(32 * 1024, 3, 2).hash("violet-harbour-crane");
        assertThat(hasher.verify("violet-harbour-crane", stronger)).isTrue();
        assertThat(hasher.needsRehash(stronger)).isFalse();
        assertThat(new Argon2idHasher(32 * 1024, 3, 2).needsRehash(hasher.hash("x-y-z-long-enough"))).isTrue();
    }

    @Test
    void legacyPbkdf2HashesStillVerifyAndAskForARehash() {
        String legacy = PasswordHash.hash("violet-harbour-crane");
        assertThat(hasher.verify("violet-harbour-crane", legacy)).isTrue();
        assertThat(hasher.verify("wrong-password-here", legacy)).isFalse();
        assertThat(hasher.needsRehash(legacy)).isTrue();
    }

    @Test
    void malformedOrHostileStoredValuesAreJustNo() {
        for (String stored : new String[]{null, "", "$argon2id$", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=19456,t=999,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=19456,t=2,p=1$!!!$aGFzaGhhc2hoYXNoaGFzaA", "$argon2id$v=19$x=1$c2FsdA$aGFzaA"}) {
            assertThat(hasher.verify("violet-harbour-crane", stored)).as(String.valueOf(stored)).isFalse();
            assertThat(hasher.needsRehash(stored)).isTrue();
        }
        assertThat(hasher.verify(null, hasher.hash("violet-harbour-crane"))).isFalse();
    }

    @Test
    void parametersBelowOwaspAreRefusedAtConstruction() {
        assertThatThrownBy(() -> new Argon2idHasher(4096, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idHasher(19456, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
