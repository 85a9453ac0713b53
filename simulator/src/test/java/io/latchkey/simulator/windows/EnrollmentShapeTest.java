package io.latchkey.simulator.windows;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the simulated device sends has the shape of what the real Windows 10 device sent (shared/fixtures/windows). */
class EnrollmentShapeTest {

    private static FakeWindowsServer server;
    private static SimulatedWindowsDevice device;
    private static List<String> captured;

    @BeforeAll
    static void enroll() throws Exception {
        server = new FakeWindowsServer();
        server.passwords.put("ada@example.com", "s3cret&<token>");
        device = new SimulatedWindowsDevice(WindowsPersonality.WINDOWS_11_DESKTOP, 7);
        device.enroll(server.discoveryUrl(), "ada@example.com", "s3cret&<token>");
        device.session();
        captured = WindowsCaptures.dumpRequests();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void discovery_is_a_get_then_a_discover_with_the_captured_fields() {
        FakeWindowsServer.Recorded get = server.enrollment.get(0);
        assertThat(get.body()).isEmpty();
        assertThat(get.header("User-Agent")).isEqualTo("ENROLLClient");

        FakeWindowsServer.Recorded discover = server.enrollment.get(1);
        assertThat(discover.header("Content-Type")).isEqualTo("application/soap+xml; charset=utf-8");
        Element ours = discover.xml();
        assertThat(WindowsCaptures.shape(ours)).isEqualTo(WindowsCaptures.shape(Xml.parse(captured.get(0))));
        assertThat(Xml.text(ours, "Action")).contains(EnrollmentMessages.DISCOVER_ACTION);
        assertThat(Xml.text(ours, "EmailAddress")).contains("ada@example.com");
        assertThat(Xml.text(ours, "RequestVersion")).contains("4.0");
        assertThat(Xml.text(ours, "DeviceType")).contains("CIMClient_Windows");
        assertThat(Xml.text(ours, "ApplicationVersion")).contains("10.0.22631.3880");
        assertThat(Xml.text(ours, "OSEdition")).contains("48");
        assertThat(Xml.findAll(ours, "AuthPolicy").stream().map(Xml::text)).containsExactly("OnPremise", "Federated");
        assertThat(Xml.text(ours, "To")).contains(server.discoveryUrl().toString());
    }

    @Test
    void get_policies_carries_an_on_premise_username_token() {
        Element ours = server.enrollment.get(2).xml();
        assertThat(WindowsCaptures.shape(ours)).isEqualTo(WindowsCaptures.shape(Xml.parse(captured.get(1))));
        assertThat(Xml.text(ours, "Action")).contains(EnrollmentMessages.GET_POLICIES_ACTION);
        assertThat(Xml.text(ours, "Username")).contains("ada@example.com");
        Element password = Xml.find(ours, "Password").orElseThrow();
        assertThat(Xml.text(password)).isEqualTo("s3cret&<token>");
        assertThat(password.getAttributeNS(EnrollmentMessages.WSSE, "Type")).isEqualTo(EnrollmentMessages.PASSWORD_TEXT);
    }

    @Test
    void request_security_token_has_the_captured_context_items_in_order() {
        Element ours = server.enrollment.get(3).xml();
        Element theirs = Xml.parse(captured.get(2));
        assertThat(WindowsCaptures.shape(ours)).isEqualTo(WindowsCaptures.shape(theirs));
        assertThat(contextNames(ours)).isEqualTo(contextNames(theirs));
        assertThat(Xml.text(ours, "Action")).contains(EnrollmentMessages.RST_ACTION);
        assertThat(Xml.text(ours, "TokenType")).contains(EnrollmentMessages.TOKEN_TYPE);
        assertThat(Xml.text(ours, "RequestType")).contains(EnrollmentMessages.ISSUE);
        assertThat(Xml.find(ours, "BinarySecurityToken").orElseThrow().getAttribute("ValueType"))
                .isEqualTo(EnrollmentMessages.PKCS10);
        assertThat(context(ours, "DeviceID")).isEqualTo(device.deviceId()).matches("[0-9A-F]{32}");
        assertThat(context(ours, "HWDevID")).isEqualTo(device.hwDevId()).matches("[0-9A-F]{64}");
        assertThat(context(ours, "EnrollmentType")).isEqualTo("Full");
        assertThat(context(ours, "DeviceName")).matches("DESKTOP-[A-Z0-9]{7}");
    }

    @Test
    void the_csr_has_the_real_quirks_and_verifies_with_sha1() throws Exception {
        Element rst = server.enrollment.get(3).xml();
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(
                Base64.getMimeDecoder().decode(Xml.text(rst, "BinarySecurityToken").orElseThrow()));
        assertThat(csr.getSignatureAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.sha1WithRSAEncryption);
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))).isTrue();

        var cn = csr.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue();
        assertThat(cn).isInstanceOf(DERPrintableString.class);
        String name = ((DERPrintableString) cn).getString();
        assertThat(name).hasSize(64).endsWith("!" + device.deviceId() + "\0").matches("[0-9A-F-]{30}!.*");

        Extensions requested = Extensions.getInstance(
                csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0].getAttrValues().getObjectAt(0));
        Extension id = requested.getExtension(new ASN1ObjectIdentifier(DeviceCsr.DEVICE_ID_EXTENSION));
        assertThat(id.isCritical()).isFalse();
        assertThat(new String(id.getExtnValue().getOctets(), StandardCharsets.US_ASCII)).isEqualTo(device.deviceId() + "\0");
    }

    @Test
    void the_first_session_package_has_the_captured_shape_and_headers() {
        FakeWindowsServer.Recorded first = server.management.get(0);
        assertThat(first.path()).isEqualTo("/ManagementServer/MDM.svc");
        assertThat(first.query()).isEqualTo("mode=Maintenance&Platform=WoA");
        assertThat(first.header("Content-Type")).isEqualTo("application/vnd.syncml.dm+xml");
        assertThat(first.header("User-Agent")).isEqualTo("MSFT OMA DM Client/1.2.0.1");
        Element ours = first.xml();
        assertThat(WindowsCaptures.shape(ours)).isEqualTo(WindowsCaptures.shape(Xml.parse(captured.get(3))));
        assertThat(Xml.path(ours, "SyncHdr", "Target", "LocURI").map(Xml::text))
                .contains(server.base() + "/ManagementServer/MDM.svc");
        assertThat(Xml.path(ours, "SyncHdr", "Source", "LocURI").map(Xml::text)).contains(device.deviceId());
        List<Element> alerts = Xml.findAll(ours, "Alert");
        assertThat(alerts.stream().map(a -> Xml.child(a, "Data").map(Xml::text).orElse(""))).containsExactly("1201", "1224");
        assertThat(Xml.path(alerts.get(1), "Item", "Meta", "Type").map(Xml::text)).contains("com.microsoft/MDM/LoginStatus");
        assertThat(Xml.path(alerts.get(1), "Item", "Data").map(Xml::text)).contains("user");
    }

    @Test
    void the_parser_refuses_a_doctype() {
        assertThatThrownBy(() -> Xml.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> contextNames(Element rst) {
        return Xml.findAll(rst, "ContextItem").stream().map(e -> e.getAttribute("Name")).distinct().toList();
    }

    private static String context(Element rst, String name) {
        return Xml.findAll(rst, "ContextItem").stream().filter(e -> name.equals(e.getAttribute("Name")))
                .map(e -> Xml.text(e, "Value").orElse("")).findFirst().orElseThrow();
    }
}
