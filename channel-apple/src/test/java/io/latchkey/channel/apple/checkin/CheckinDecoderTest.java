package io.latchkey.channel.apple.checkin;

import com.dd.plist.BinaryPropertyListWriter;
import com.dd.plist.NSDictionary;
import com.dd.plist.XMLPropertyListParser;
import io.latchkey.channel.apple.AppleFixtures;
import io.latchkey.channel.apple.plist.EnrollmentRef;
import io.latchkey.channel.apple.plist.MessageRefused;
import io.latchkey.channel.apple.plist.MessageRefused.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckinDecoderTest {

    private static final String TOPIC = "com.apple.mgmt.External.e0bd1eac-1f17-4c8e-8a63-dd17d3dd35d9";
    private final CheckinDecoder decoder = new CheckinDecoder();

    @Test
    void authenticate_from_an_ipad() {
        var a = (Authenticate) decoder.decode(AppleFixtures.bytes("Authenticate.1.plist"));
        assertThat(a.enrollment()).isEqualTo(new EnrollmentRef(EnrollmentRef.Kind.UDID,
                "663b07bb783e9ade1dae4fbb92ea12afc0ce5b69"));
        assertThat(a.topic()).isEqualTo(TOPIC);
        assertThat(a.serialNumber()).contains("F5JM992LF193");
        assertThat(a.productName()).contains("iPad2,5");
        assertThat(a.osVersion()).contains("9.3.5");
        assertThat(a.buildVersion()).contains("13G36");
        assertThat(a.model()).isEmpty();
        assertThat(a.deviceName()).isEmpty();
        assertThat(a.imei()).isEmpty();
        assertThat(a.meid()).isEmpty();
    }

    @Test
    void authenticate_from_a_mac() {
        var a = (Authenticate) decoder.decode(AppleFixtures.bytes("Authenticate.2.plist"));
        assertThat(a.enrollment().value()).isEqualTo("66ADE930-5FDF-5EC4-8429-15640684C489");
        assertThat(a.topic()).isEqualTo(TOPIC);
        assertThat(a.serialNumber()).contains("C02MT66KFLHH");
        assertThat(a.model()).contains("iMac14,2");
        assertThat(a.modelName()).contains("iMac");
        assertThat(a.productName()).contains("iMac14,2");
        assertThat(a.osVersion()).contains("10.12.6");
        assertThat(a.buildVersion()).contains("16G2136");
        assertThat(a.deviceName()).contains("Fruit");
    }

    @Test
    void token_update_with_an_unlock_token() {
        var t = (TokenUpdate) decoder.decode(AppleFixtures.bytes("TokenUpdate.1.plist"));
        assertThat(t.enrollment().value()).isEqualTo("663b07bb783e9ade1dae4fbb92ea12afc0ce5b69");
        assertThat(t.topic()).isEqualTo(TOPIC);
        assertThat(t.pushMagic()).isEqualTo("CEFDF0BD-E342-4A27-8742-E930EA116B0A");
        assertThat(t.token()).isEqualTo(Base64.getDecoder().decode("R+juwGLC9ynsFwPBs+GPGXHYXwC+dkRdNAgLqnAbX1E="));
        assertThat(t.tokenHex()).hasSize(64).isEqualTo(HexFormat.of().formatHex(t.token()));
        assertThat(t.awaitingConfiguration()).contains(false);
        // SOURCE.md: 1,288 bytes starting with "DATA".
        assertThat(t.unlockToken()).get().satisfies(u -> {
            assertThat(u).hasSize(1288);
            assertThat(new String(u, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("DATA");
        });
        assertThat(t.toString()).doesNotContain("DATA").contains("1288 bytes");
    }

    @Test
    void token_update_without_an_unlock_token() {
        var t = (TokenUpdate) decoder.decode(AppleFixtures.bytes("TokenUpdate.2.plist"));
        assertThat(t.enrollment().value()).isEqualTo("66ADE930-5FDF-5EC4-8429-15640684C489");
        assertThat(t.pushMagic()).isEqualTo("888CEB39-BFFA-40F6-89FA-B60752EB63C2");
        assertThat(t.token()).hasSize(32);
        assertThat(t.unlockToken()).isEmpty();
        assertThat(t.awaitingConfiguration()).contains(false);
    }

    /**
     * The .txt companions hold the build, OS version and model of the device that sent the
     * matching plist; a TokenUpdate does not carry them, so they are checked against the
     * Authenticate sent by the same UDID.
     */
    @Test
    void companions_match_the_authenticate_of_the_same_device() {
        for (String tokenUpdate : new String[] {"TokenUpdate.1", "TokenUpdate.2"}) {
            var t = (TokenUpdate) decoder.decode(AppleFixtures.bytes(tokenUpdate + ".plist"));
            Authenticate a = authenticateOf(t.enrollment());
            Map<String, String> expected = AppleFixtures.companion(tokenUpdate + ".txt");
            assertThat(a.buildVersion()).as(tokenUpdate).contains(expected.get("BuildVersion"));
            assertThat(a.osVersion()).as(tokenUpdate).contains(expected.get("OSVersion"));
            assertThat(a.productName()).as(tokenUpdate).contains(expected.get("ProductName"));
        }
    }

    private Authenticate authenticateOf(EnrollmentRef device) {
        for (String name : new String[] {"Authenticate.1.plist", "Authenticate.2.plist"}) {
            var a = (Authenticate) decoder.decode(AppleFixtures.bytes(name));
            if (a.enrollment().equals(device)) {
                return a;
            }
        }
        throw new AssertionError("no Authenticate fixture for " + device);
    }

    @Test
    void a_binary_plist_decodes_like_the_xml_one() throws Exception {
        NSDictionary xml = (NSDictionary) XMLPropertyListParser.parse(AppleFixtures.bytes("TokenUpdate.1.plist"));
        var t = (TokenUpdate) decoder.decode(BinaryPropertyListWriter.writeToArray(xml));
        assertThat(t.pushMagic()).isEqualTo("CEFDF0BD-E342-4A27-8742-E930EA116B0A");
        assertThat(t.unlockToken()).get().satisfies(u -> assertThat(u).hasSize(1288));
    }

    @Test
    void check_out_and_user_enrollment_ids() {
        var c = decoder.decode(plist(Map.of("MessageType", "CheckOut", "Topic", TOPIC, "EnrollmentID", "E-1")));
        assertThat(c).isEqualTo(new CheckOut(new EnrollmentRef(EnrollmentRef.Kind.ENROLLMENT_ID, "E-1"), TOPIC));
    }

    @Test
    void unknown_message_types_are_refused_and_quoted_safely() {
        assertThatThrownBy(() -> decoder.decode(plist(Map.of("MessageType", "SetBootstrapToken", "UDID", "u"))))
                .isInstanceOfSatisfying(MessageRefused.class, r -> {
                    assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_MESSAGE_TYPE);
                    assertThat(r.kind()).isEqualTo(io.latchkey.core.Rejected.Kind.INVALID);
                    assertThat(r.getMessage()).contains("'SetBootstrapToken'");
                });
        assertThatThrownBy(() -> decoder.decode(plist(Map.of("MessageType", "Evil\nFAKE LOG LINE", "UDID", "u"))))
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusals_name_the_key() {
        assertRefused(plist(Map.of("MessageType", "TokenUpdate", "UDID", "u", "Topic", TOPIC, "PushMagic", "m")),
                Reason.MISSING_KEY, "Token");
        assertRefused(plist(Map.of("MessageType", "Authenticate", "Topic", TOPIC)), Reason.NO_DEVICE_IDENTIFIER, "UDID");
        assertRefused(plist(Map.of("MessageType", 7, "UDID", "u")), Reason.WRONG_TYPE, "MessageType");
        assertRefused("<plist><array/></plist>".getBytes(StandardCharsets.UTF_8), Reason.NOT_A_DICTIONARY, "root");
        assertRefused(new byte[0], Reason.EMPTY, "empty");
        assertRefused("{MessageType = Authenticate;}".getBytes(StandardCharsets.UTF_8), Reason.NOT_A_PLIST, "neither");
        assertThatThrownBy(() -> new CheckinDecoder(100).decode(AppleFixtures.bytes("Authenticate.1.plist")))
                .isInstanceOfSatisfying(MessageRefused.class, r -> assertThat(r.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void an_external_entity_is_not_resolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE plist [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<plist version=\"1.0\"><dict><key>MessageType</key><string>&x;</string></dict></plist>";
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> decoder.decode(xxe.getBytes(StandardCharsets.UTF_8)));
        assertThat(t).isInstanceOf(MessageRefused.class).hasMessageNotContaining("root:");
    }

    private void assertRefused(byte[] body, Reason reason, String messagePart) {
        assertThatThrownBy(() -> decoder.decode(body)).isInstanceOfSatisfying(MessageRefused.class, r -> {
            assertThat(r.reason()).isEqualTo(reason);
            assertThat(r.getMessage()).contains(messagePart);
        });
    }

    static byte[] plist(Map<String, Object> values) {
        NSDictionary d = new NSDictionary();
        values.forEach(d::put);
        return d.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
    }

}
