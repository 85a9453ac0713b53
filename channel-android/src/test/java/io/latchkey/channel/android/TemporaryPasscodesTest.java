package io.latchkey.channel.android;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TemporaryPasscodesTest {

    @Test
    void passcodesAreNumericAtLeastSixDigitsOrThePolicysLengthAndComplex() {
        TemporaryPasscodes six = new TemporaryPasscodes(new SecureRandom(), 4);
        TemporaryPasscodes eight = new TemporaryPasscodes(new SecureRandom(), 8);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String p = six.next();
            assertThat(p).matches("[0-9]{6}");
            assertThat(TemporaryPasscodes.complex(p.toCharArray())).isTrue();
            seen.add(p);
        }
        assertThat(eight.next()).matches("[0-9]{8}");
        assertThat(seen).hasSizeGreaterThan(1_990);
    }

    @Test
    void repeatedAndSteppedRunsOfFourAreNotComplex() {
        assertThat(TemporaryPasscodes.complex("901111".toCharArray())).isFalse();
        assertThat(TemporaryPasscodes.complex("123490".toCharArray())).isFalse();
        assertThat(TemporaryPasscodes.complex("902468".toCharArray())).isFalse();
        assertThat(TemporaryPasscodes.complex("987601".toCharArray())).isFalse();
        assertThat(TemporaryPasscodes.complex("123091".toCharArray())).isTrue();
        assertThat(TemporaryPasscodes.complex("113355".toCharArray())).isTrue();
    }
}
