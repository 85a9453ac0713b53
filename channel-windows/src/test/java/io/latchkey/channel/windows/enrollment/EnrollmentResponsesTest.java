package io.latchkey.channel.windows.enrollment;

import io.latchkey.channel.windows.xml.XmlRefused;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;

import static io.latchkey.channel.windows.enrollment.EnrollmentNames.ADDRESSING;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.SOAP;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.WSSE;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.WS_TRUST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The RSTR and its wap-provisioningdoc (reference windows-mdm.md §1.2), for the captured request
 * with a device certificate issued by a throwaway CA for the captured CSR's own key.
 */
class EnrollmentResponsesTest {
    static final URI MANAGEMENT = URI.create("https://mdm.example.org/ManagementServer/MDM.svc");
    static final ProvisioningSettings SETTINGS = ProvisioningSettings.of("Latchkey", "Latchkey MDM", MANAGEMENT);
    static final AppAuth APP_AUTH = AppAuth.random(new SecureRandom());

    @Test
    void rstr_is_well_formed_soap_relating_to_the_request() {
        EnrollmentRequest request = EnrollmentRequest.parse(EnrollmentCaptures.requestSecurityToken());

        Document doc = Dom.parse(issue(request));

        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(SOAP);
        assertThat(Dom.text(doc, ADDRESSING, "Action")).isEqualTo(EnrollmentNames.RSTRC_ACTION);
        assertThat(Dom.text(doc, ADDRESSING, "RelatesTo")).isEqualTo(request.messageId());
        assertThat(Dom.text(doc, WS_TRUST, "TokenType")).isEqualTo(EnrollmentNames.DEVICE_ENROLLMENT_TOKEN);
        Element token = Dom.one(doc, WSSE, "BinarySecurityToken");
        assertThat(token.getAttribute("ValueType")).isEqualTo(EnrollmentNames.PROVISION_DOC_VALUE_TYPE);
        assertThat(token.getAttribute("EncodingType")).isEqualTo(EnrollmentNames.BASE64_ENCODING);
        assertThat(Dom.text(doc, EnrollmentNames.WSTEP, "RequestID")).isEqualTo("0");
    }

    @Test
    void provisioning_document_installs_both_certificates_exactly() throws Exception {
        EnrollmentRequest request = EnrollmentRequest.parse(EnrollmentCaptures.requestSecurityToken());
        X509Certificate device = TestCa.issue(request.publicKey(), request.deviceId());

        Element doc = provisioningDoc(EnrollmentResponses.issued(request, SETTINGS, TestCa.caCert(), device,
                APP_AUTH, TestCa.NOW)).getDocumentElement();

        assertThat(doc.getTagName()).isEqualTo("wap-provisioningdoc");
        Element store = Dom.characteristic(doc, "CertificateStore");
        Element root = Dom.characteristic(Dom.characteristic(Dom.characteristic(store, "Root"), "System"),
                ProvisioningDocument.thumbprint(TestCa.caCert()));
        assertThat(Base64.getDecoder().decode(Dom.parm(root, "EncodedCertificate"))).isEqualTo(TestCa.caCert().getEncoded());
        Element user = Dom.characteristic(Dom.characteristic(store, "My"), "User");
        Element mine = Dom.characteristic(user, ProvisioningDocument.thumbprint(device));
        assertThat(Base64.getDecoder().decode(Dom.parm(mine, "EncodedCertificate"))).isEqualTo(device.getEncoded());
        Dom.characteristic(user, "PrivateKeyContainer");
        assertThat(device.getPublicKey()).isEqualTo(request.publicKey());
        assertThat(ProvisioningDocument.thumbprint(TestCa.caCert())).matches("[0-9A-F]{40}");
    }

    @Test
    void provisioning_document_sets_up_the_omadm_account_and_the_poll_schedule() {
        EnrollmentRequest request = EnrollmentRequest.parse(EnrollmentCaptures.requestSecurityToken());
        X509Certificate device = TestCa.issue(request.publicKey(), request.deviceId());
        ProvisioningSettings settings = SETTINGS.withServerListUrl(URI.create("https://mdm.example.org/ManagementServer/ServerList.svc"));

        Element doc = provisioningDoc(EnrollmentResponses.issued(request, settings, TestCa.caCert(), device,
                APP_AUTH, TestCa.NOW)).getDocumentElement();

        Element app = Dom.characteristic(doc, "APPLICATION");
        assertThat(Dom.parm(app, "APPID")).isEqualTo("w7");
        assertThat(Dom.parm(app, "PROVIDER-ID")).isEqualTo("Latchkey");
        assertThat(Dom.parm(app, "NAME")).isEqualTo("Latchkey MDM");
        assertThat(Dom.parm(app, "ADDR")).isEqualTo(MANAGEMENT.toString());
        assertThat(Dom.parm(app, "ServerList")).isEqualTo("https://mdm.example.org/ManagementServer/ServerList.svc");
        assertThat(Dom.parm(app, "ROLE")).isEqualTo("4294967295");
        assertThat(Dom.parm(app, "BACKCOMPATRETRYDISABLED")).isEmpty();
        assertThat(Dom.parm(app, "DEFAULTENCODING")).isEqualTo("application/vnd.syncml.dm+xml");
        assertThat(Dom.parm(app, "SSLCLIENTCERTSEARCHCRITERIA"))
                .isEqualTo("Subject=CN%3D" + request.deviceId() + "&Stores=My%5CUser");
        assertThat(Dom.all(app.getOwnerDocument(), "", "parm").stream().filter(p -> p.getAttribute("name").equals("AAUTHLEVEL"))
                .map(p -> p.getAttribute("value"))).containsExactly("CLIENT", "APPSRV");

        Element provider = Dom.characteristic(Dom.characteristic(Dom.characteristic(doc, "DMClient"), "Provider"), "Latchkey");
        assertThat(Dom.parm(provider, "EntDMID")).isEqualTo(request.deviceId());
        Element poll = Dom.characteristic(provider, "Poll");
        assertThat(Dom.parm(poll, "NumberOfFirstRetries")).isEqualTo("8");
        assertThat(Dom.parm(poll, "IntervalForFirstSetOfRetries")).isEqualTo("15");
        assertThat(Dom.parm(poll, "NumberOfSecondRetries")).isEqualTo("5");
        assertThat(Dom.parm(poll, "IntervalForSecondSetOfRetries")).isEqualTo("3");
        assertThat(Dom.parm(poll, "NumberOfRemainingScheduledRetries")).isEqualTo("0");
        assertThat(Dom.parm(poll, "IntervalForRemainingScheduledRetries")).isEqualTo("60");
        assertThat(Dom.parm(poll, "PollOnLogin")).isEqualTo("true");
    }

    @Test
    void a_device_enrollment_goes_to_the_system_store() {
        String body = EnrollmentRequestTest.rst().replace("<ac:Value>Full</ac:Value>", "<ac:Value>Device</ac:Value>");
        EnrollmentRequest request = EnrollmentRequest.parse(EnrollmentCaptures.bytes(body));
        X509Certificate device = TestCa.issue(request.publicKey(), request.deviceId());

        Element doc = provisioningDoc(EnrollmentResponses.issued(request, SETTINGS, TestCa.caCert(), device))
                .getDocumentElement();

        Element system = Dom.characteristic(Dom.characteristic(Dom.characteristic(doc, "CertificateStore"), "My"), "System");
        Dom.characteristic(system, ProvisioningDocument.thumbprint(device));
        assertThat(Dom.parm(Dom.characteristic(doc, "APPLICATION"), "SSLCLIENTCERTSEARCHCRITERIA")).endsWith("Stores=My%5CSystem");
    }

    @Test
    void a_certificate_for_another_key_is_a_caller_error() {
        EnrollmentRequest request = EnrollmentRequest.parse(EnrollmentCaptures.requestSecurityToken());
        X509Certificate other = TestCa.issue(TestCa.deviceKeys().getPublic(), request.deviceId());

        assertThatThrownBy(() -> EnrollmentResponses.issued(request, SETTINGS, TestCa.caCert(), other))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_wrong_code_is_answered_with_an_authentication_fault() {
        PolicyRequest request = PolicyRequest.parse(EnrollmentCaptures.getPolicies());

        Document doc = Dom.parse(SoapFaults.fault(SoapFaults.Operation.GET_POLICIES, request.messageId(),
                EnrollmentFault.AUTHENTICATION, "The enrollment code <is> wrong & expired"));

        assertThat(Dom.text(doc, ADDRESSING, "Action")).isEqualTo(EnrollmentNames.GET_POLICIES_RESPONSE_ACTION);
        assertThat(Dom.text(doc, ADDRESSING, "RelatesTo")).isEqualTo(request.messageId());
        Element code = Dom.one(doc, SOAP, "Code");
        assertThat(code.getElementsByTagNameNS(SOAP, "Value").item(0).getTextContent()).isEqualTo("s:Receiver");
        assertThat(Dom.one(doc, SOAP, "Subcode").getTextContent()).isEqualTo("s:Authentication");
        assertThat(Dom.text(doc, SOAP, "Text")).isEqualTo("The enrollment code <is> wrong & expired");
    }

    @Test
    void a_refused_request_maps_to_its_fault_and_unreadable_xml_to_message_format() {
        Document refused = Dom.parse(SoapFaults.refused(SoapFaults.Operation.REQUEST_SECURITY_TOKEN, "urn:uuid:x",
                new EnrollmentRefused(EnrollmentFault.CERTIFICATE_REQUEST, "bad CSR")));
        Document unreadable = Dom.parse(SoapFaults.refused(SoapFaults.Operation.DISCOVER, null, new XmlRefused("no\0XML")));

        assertThat(Dom.one(refused, SOAP, "Subcode").getTextContent()).isEqualTo("s:CertificateRequest");
        assertThat(Dom.one(unreadable, SOAP, "Subcode").getTextContent()).isEqualTo("s:MessageFormat");
        assertThat(Dom.all(unreadable, SOAP, "Value").get(0).getTextContent()).isEqualTo("s:Sender");
        assertThat(Dom.text(unreadable, SOAP, "Text")).isEqualTo("no?XML");
        assertThat(Dom.all(unreadable, ADDRESSING, "RelatesTo")).isEmpty();
    }

    private static byte[] issue(EnrollmentRequest request) {
        return EnrollmentResponses.issued(request, SETTINGS, TestCa.caCert(), TestCa.issue(request.publicKey(), request.deviceId()));
    }

    /** The BinarySecurityToken of an RSTR, base64-decoded and parsed (through SafeXml: it must be well-formed). */
    static Document provisioningDoc(byte[] rstr) {
        String encoded = Dom.text(Dom.parse(rstr), WSSE, "BinarySecurityToken");
        return Dom.parse(Base64.getDecoder().decode(encoded));
    }
}
