package io.latchkey.core.admin;

import io.latchkey.core.Rejected;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {
    private final PasswordPolicy policy = PasswordPolicy.standard();

    @Test
    void aLongUncommonPasswordPasses() {
        assertThatCode(() -> policy.check("alice", "violet-harbour-crane-42")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("alice", "jämför 🐧 långsamt")).doesNotThrowAnyException();
    }

    @Test
    void tooShortOrMissingIsRefusedWithTheRule() {
        assertThatThrownBy(() -> policy.check("alice", "Sh0rt-pass!")).isInstanceOf(Rejected.class)
                .hasMessage("the password is too short: use at least 12 characters");
        assertThatThrownBy(() -> policy.check("alice", "")).hasMessage("a password is required");
        assertThatThrownBy(() -> policy.check("alice", null)).hasMessage("a password is required");
        assertThatThrownBy(() -> policy.check("alice", "x".repeat(257))).hasMessageContaining("at most 256");
    }

    @Test
    void theAccountNameIsRefusedInAnyCase() {
        assertThatThrownBy(() -> policy.check("administrator", "Administrator")).isInstanceOf(Rejected.class)
                .hasMessage("the password must not be the account name");
        assertThatThrownBy(() -> policy.check("fleet-operator", "fleet-operator1")).hasMessage(
                "the password must not be the account name");
        assertThatCode(() -> policy.check("ops", "ops-and-a-long-sentence")).doesNotThrowAnyException();
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        for (String common : new String[]{"password1234", "Qwertyuiop123", "123456789012", "ILOVEYOU1234",
                "aaaaaaaaaaaaaaa", "abababababab"}) {
            assertThatThrownBy(() -> policy.check("alice", common)).as(common).isInstanceOf(Rejected.class)
                    .hasMessage("this password is among the most commonly used ones: choose another");
        }
    }

    @Test
    void theRefusalNeverRepeatsThePassword() {
        assertThatThrownBy(() -> policy.check("alice", "password1234")).message().doesNotContain("password1234");
    }
}
