package io.latchkey.channel.windows.enrollment;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MS-WSTEP RequestSecurityToken (MS-MDE2 §3.3), against the real Windows 10 request and CSR. */
class EnrollmentRequestTest {
    static final String DEVICE_ID = "B5B954E81FBCB94EB79BD08BE625F4EE";
    static final String CAPTURED_CSR = capturedCsr();

    @Test
    void captured_request_parses_with_credentials_types_and_context() {
        EnrollmentRequest request = EnrollmentRequest.parse(EnrollmentCaptures.requestSecurityToken());

        assertThat(request.messageId()).isEqualTo("urn:uuid:0d5a1441-5891-453b-becf-a2e5f6ea3749");
        assertThat(request.credentials()).isEqualTo(new UsernameToken("demio", "demo"));
        assertThat(request.tokenType()).isEqualTo(EnrollmentNames.DEVICE_ENROLLMENT_TOKEN);
        assertThat(request.requestType()).isEqualTo(EnrollmentNames.ISSUE_REQUEST_TYPE);
        assertThat(request.deviceId()).isEqualTo(DEVICE_ID);
        assertThat(request.contextValue("HWDevID")).contains("3B3ED6D0EA88CBFCF37D36F90F22FE61172348C0162FC3840D6703149870CE76");
        assertThat(request.contextValue("DeviceName")).contains("DESKTOP-28FGAI6");
        assertThat(request.contextValue("OSVersion")).contains("10.0.19043.2364");
        assertThat(request.contextValue("OSEdition")).contains("72");
        assertThat(request.contextValue("DeviceType")).contains("CIMClient_Windows");
        assertThat(request.contextValue("ApplicationVersion")).contains("10.0.19043.2364");
        assertThat(request.contextValue("TargetedUserLoggedIn")).contains("true");
        assertThat(request.contextValue("NotInOobe")).contains("false");
        assertThat(request.contextValue("UXInitiated")).contains("true");
        assertThat(request.contextValue("Locale")).contains("en-US");
        assertThat(request.contextValues("MAC")).hasSize(6).startsWith("00-0C-29-51-60-9D");
        assertThat(request.enrollmentType()).isEqualTo("Full");
        assertThat(request.deviceEnrollment()).isFalse();
        assertThat(request.toString()).doesNotContain("demo]").contains("***");
    }

    @Test
    void the_real_csr_verifies_with_sha1_and_its_nul_terminated_cn_names_the_device() {
        EnrollmentRequest request = EnrollmentRequest.parse(EnrollmentCaptures.requestSecurityToken());

        // sha1WithRSA under the OIW OID, as the device signs when the policy leaves the hash nil.
        assertThat(request.csr().getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.3.14.3.2.29");
        assertThat(request.csr().getSubject().toString()).contains("562A7F9A-6CD8-40B0-9E7E-0DBDD8!" + DEVICE_ID);
        assertThat(DeviceCsr.deviceIdFromCommonName(request.csr())).contains(DEVICE_ID);
        assertThat(DeviceCsr.deviceIdFromExtension(request.csr())).contains(DEVICE_ID);
        assertThat(request.publicKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void readme_request_parses_with_its_own_device() {
        EnrollmentRequest request = EnrollmentRequest.parse(EnrollmentCaptures.bytes(EnrollmentCaptures.readmeBlock(5)));

        assertThat(request.deviceId()).isEqualTo("1E08C6E95D8BB843B1278FF45BC60CC6");
        assertThat(request.credentials().username()).isEqualTo("demo@mdmwindows.com");
    }

    @Test
    void a_device_id_that_disagrees_with_the_csr_is_refused() {
        String body = rst().replace("<ac:Value>" + DEVICE_ID + "<", "<ac:Value>00000000000000000000000000000000<");

        assertRefused(body, EnrollmentFault.CERTIFICATE_REQUEST);
    }

    @Test
    void a_request_without_device_id_is_refused() {
        String body = rst().replaceAll("(?s)<ac:ContextItem Name=\"DeviceID\">.*?</ac:ContextItem>", "");

        assertRefused(body, EnrollmentFault.MESSAGE_FORMAT);
    }

    @Test
    void a_csr_whose_signature_does_not_verify_is_refused() {
        byte[] der = Base64.getDecoder().decode(CAPTURED_CSR);
        der[der.length - 10] ^= 0x01; // inside the signature bits
        String body = rst().replace(CAPTURED_CSR, Base64.getEncoder().encodeToString(der));

        assertRefused(body, EnrollmentFault.CERTIFICATE_REQUEST);
    }

    @Test
    void wrong_base64_or_value_type_is_refused() {
        assertRefused(rst().replace(CAPTURED_CSR, "not*base64"), EnrollmentFault.CERTIFICATE_REQUEST);
        assertRefused(rst().replace(CAPTURED_CSR, "AAAA"), EnrollmentFault.CERTIFICATE_REQUEST);
        assertRefused(rst().replace("enrollment#PKCS10", "enrollment#PKCS7"), EnrollmentFault.MESSAGE_FORMAT);
        assertRefused(rst().replace("200512/Issue", "200512/Renew"), EnrollmentFault.MESSAGE_FORMAT);
    }

    @Test
    void a_sha256_csr_is_accepted_and_the_ids_are_cross_checked_from_either_source() {
        KeyPair keys = TestCa.deviceKeys();
        String cn = "11111111-2222-3333-4444-555555!" + DEVICE_ID + "\0";

        for (String csr : List.of(TestCa.csr(keys, cn, DEVICE_ID, "SHA256withRSA"),
                TestCa.csr(keys, cn, null, "SHA256withRSA"),
                TestCa.csr(keys, "no device id here", DEVICE_ID, "SHA1withRSA"),
                TestCa.csr(keys, "no device id here", null, "SHA256withRSA"))) {
            assertThat(EnrollmentRequest.parse(EnrollmentCaptures.bytes(rst().replace(CAPTURED_CSR, csr))).deviceId())
                    .isEqualTo(DEVICE_ID);
        }
        assertRefused(rst().replace(CAPTURED_CSR, TestCa.csr(keys, cn, "FFFF", "SHA256withRSA")),
                EnrollmentFault.CERTIFICATE_REQUEST);
        assertRefused(rst().replace(CAPTURED_CSR, TestCa.csr(keys, "x!FFFF\0", null, "SHA256withRSA")),
                EnrollmentFault.CERTIFICATE_REQUEST);
    }

    @Test
    void weak_signatures_and_short_keys_are_refused() {
        String cn = "g!" + DEVICE_ID + "\0";

        assertRefused(rst().replace(CAPTURED_CSR, TestCa.csr(TestCa.deviceKeys(), cn, DEVICE_ID, "MD5withRSA")),
                EnrollmentFault.CERTIFICATE_REQUEST);
        assertRefused(rst().replace(CAPTURED_CSR, TestCa.csr(TestCa.rsa(1024), cn, DEVICE_ID, "SHA256withRSA")),
                EnrollmentFault.CERTIFICATE_REQUEST);
    }

    @Test
    void a_device_enrollment_is_told_apart() {
        String body = rst().replace("<ac:Value>Full</ac:Value>", "<ac:Value>Device</ac:Value>");

        assertThat(EnrollmentRequest.parse(EnrollmentCaptures.bytes(body)).deviceEnrollment()).isTrue();
    }

    static String rst() {
        return new String(EnrollmentCaptures.requestSecurityToken());
    }

    private static void assertRefused(String body, EnrollmentFault fault) {
        assertThatThrownBy(() -> EnrollmentRequest.parse(EnrollmentCaptures.bytes(body)))
                .isInstanceOfSatisfying(EnrollmentRefused.class, e -> assertThat(e.fault()).isEqualTo(fault));
    }

    private static String capturedCsr() {
        String body = new String(EnrollmentCaptures.requestSecurityToken());
        int start = body.indexOf('>', body.indexOf("<wsse:BinarySecurityToken")) + 1;
        return body.substring(start, body.indexOf("</wsse:BinarySecurityToken>"));
    }
}
