package io.latchkey.core.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {
    /** RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void rfc6238TestVectorsForSha1(long unixTime, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(unixTime));
        assertThat(Totp.code(RFC_SEED, step, 8)).isEqualTo(expected);
        // The 6-digit code is the same number modulo 10^6.
        assertThat(Totp.code(RFC_SEED, step, 6)).isEqualTo(expected.substring(2));
    }

    @Test
    void acceptsOneStepEitherSideAndNoMore() {
        Instant now = Instant.ofEpochSecond(1111111111);
        long step = Totp.step(now);
        assertThat(Totp.match(RFC_SEED, Totp.code(RFC_SEED, step, 6), now)).hasValue(step);
        assertThat(Totp.match(RFC_SEED, Totp.code(RFC_SEED, step - 1, 6), now)).hasValue(step - 1);
        assertThat(Totp.match(RFC_SEED, Totp.code(RFC_SEED, step + 1, 6), now)).hasValue(step + 1);
        assertThat(Totp.match(RFC_SEED, Totp.code(RFC_SEED, step - 2, 6), now)).isEmpty();
        assertThat(Totp.match(RFC_SEED, Totp.code(RFC_SEED, step + 2, 6), now)).isEmpty();
    }

    @Test
    void malformedCodesAreRefusedQuietly() {
        Instant now = Instant.ofEpochSecond(59);
        assertThat(Totp.match(RFC_SEED, null, now)).isEmpty();
        assertThat(Totp.match(RFC_SEED, "", now)).isEmpty();
        assertThat(Totp.match(RFC_SEED, "12345", now)).isEmpty();
        assertThat(Totp.match(RFC_SEED, "abcdef", now)).isEmpty();
        assertThat(Totp.match(RFC_SEED, "287 082", now)).isPresent(); // spaces as apps show them
    }

    @Test
    void base32AndTheOtpauthUri() {
        // RFC 4648 section 10, without padding as the Key Uri Format wants.
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(Totp.uri("Latchkey", "ops lead", RFC_SEED)).isEqualTo("otpauth://totp/Latchkey:ops%20lead?secret="
                + "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Latchkey&algorithm=SHA1&digits=6&period=30");
    }
}
