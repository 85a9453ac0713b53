package io.latchkey.core.admin;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PasswordHash}. Hashing costs 600,000 PBKDF2 rounds, so one hash is shared by the tests. */
class PasswordHashTest {
    private static String stored;

    @BeforeAll
    static void hashOnce() {
        stored = PasswordHash.hash("correct horse battery staple");
    }

    @Test
    void theRightPasswordVerifies() {
        assertThat(PasswordHash.verify("correct horse battery staple", stored)).isTrue();
    }

    @Test
    void aWrongPasswordDoesNot() {
        assertThat(PasswordHash.verify("correct horse battery stapler", stored)).isFalse();
        assertThat(PasswordHash.verify("", stored)).isFalse();
        assertThat(PasswordHash.verify(null, stored)).isFalse();
    }

    @Test
    void theStoredFormIsSchemeIterationsSaltHashWithoutThePassword() {
        assertThat(stored).startsWith("pbkdf2-sha256$600000$").doesNotContain("horse");
        assertThat(stored.split("\\$")).hasSize(4);
    }

    @Test
    void eachHashHasItsOwnSalt() {
        String other = PasswordHash.hash("correct horse battery staple");

        assertThat(other).isNotEqualTo(stored);
        assertThat(PasswordHash.verify("correct horse battery staple", other)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "plain-text-password",
            "bcrypt$12$abc$def",
            "pbkdf2-sha256$600000$c2FsdA",
            "pbkdf2-sha256$600000$c2FsdA$aGFzaA$extra",
    })
    void storedStringsOfAnotherShapeDoNotVerify(String malformed) {
        assertThat(PasswordHash.verify("anything", malformed)).isFalse();
    }

    @Test
    void aMissingStoredHashDoesNotVerify() {
        assertThat(PasswordHash.verify("anything", null)).isFalse();
    }

    /**
     * KNOWN CORE BUG (PasswordHash.verify, lines 36-37): stored strings with the right shape but
     * broken fields throw NumberFormatException / IllegalArgumentException instead of answering
     * false, so one corrupt row turns a sign-in into a server error. Enable once fixed.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "pbkdf2-sha256$many$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA",
            "pbkdf2-sha256$600000$not*base64!$aGFzaA",
            "pbkdf2-sha256$600000$c2FsdHNhbHRzYWx0c2FsdA$%%%",
            "pbkdf2-sha256$0$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA",
            "pbkdf2-sha256$-1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA",
            "pbkdf2-sha256$1$$aGFzaA",
    })
    void storedStringsWithBrokenFieldsDoNotVerify(String malformed) {
        assertThat(PasswordHash.verify("anything", malformed)).isFalse();
    }
}
