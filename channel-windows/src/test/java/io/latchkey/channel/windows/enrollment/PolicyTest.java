package io.latchkey.channel.windows.enrollment;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import static io.latchkey.channel.windows.enrollment.EnrollmentNames.ADDRESSING;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.POLICY;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.XSI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MS-XCEP GetPolicies (MS-MDE2 §3.2), against the real Windows 10 request. */
class PolicyTest {

    @Test
    void captured_get_policies_parses_with_the_username_token() {
        PolicyRequest request = PolicyRequest.parse(EnrollmentCaptures.getPolicies());

        assertThat(request.messageId()).isEqualTo("urn:uuid:72048B64-0F19-448F-8C2E-B4C661860AA0");
        assertThat(request.credentials().username()).isEqualTo("demio");
        assertThat(request.credentials().password()).isEqualTo("demo");
        assertThat(request.credentials().toString()).doesNotContain("demo]").contains("***");
    }

    @Test
    void readme_get_policies_parses_too() {
        PolicyRequest request = PolicyRequest.parse(EnrollmentCaptures.bytes(EnrollmentCaptures.readmeBlock(3)));

        assertThat(request.credentials()).isEqualTo(new UsernameToken("demo@mdmwindows.com", "demo"));
    }

    @Test
    void response_is_well_formed_with_schema_3_key_2048_and_a_nil_hash_reference() {
        PolicyRequest request = PolicyRequest.parse(EnrollmentCaptures.getPolicies());

        Document doc = Dom.parse(PolicyResponses.getPolicies(request));

        assertThat(Dom.text(doc, ADDRESSING, "Action")).isEqualTo(EnrollmentNames.GET_POLICIES_RESPONSE_ACTION);
        assertThat(Dom.text(doc, ADDRESSING, "RelatesTo")).isEqualTo(request.messageId());
        assertThat(Dom.text(doc, POLICY, "policySchema")).isEqualTo("3");
        assertThat(Dom.text(doc, POLICY, "minimalKeyLength")).isEqualTo("2048");
        Element hash = Dom.one(doc, POLICY, "hashAlgorithmOIDReference");
        assertThat(hash.getAttributeNS(XSI, "nil")).isEqualTo("true");
        assertThat(hash.getTextContent()).isEmpty();
        assertThat(Dom.one(doc, POLICY, "algorithmOIDReference").getAttributeNS(XSI, "nil")).isEqualTo("true");
        assertThat(Dom.text(doc, POLICY, "value")).isEqualTo("1.3.6.1.4.1.311.20.2");
    }

    @Test
    void no_username_token_or_a_digest_password_is_invalid_security() {
        String body = new String(EnrollmentCaptures.getPolicies());
        String noToken = body.replaceAll("(?s)<wsse:Security.*</wsse:Security>", "");
        String digest = body.replace("#PasswordText", "#PasswordDigest");

        for (String bad : new String[]{noToken, digest}) {
            assertThatThrownBy(() -> PolicyRequest.parse(EnrollmentCaptures.bytes(bad)))
                    .isInstanceOfSatisfying(EnrollmentRefused.class,
                            e -> assertThat(e.fault()).isEqualTo(EnrollmentFault.INVALID_SECURITY));
        }
    }
}
