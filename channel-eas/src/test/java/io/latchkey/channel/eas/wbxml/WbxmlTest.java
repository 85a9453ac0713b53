package io.latchkey.channel.eas.wbxml;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WbxmlTest {
    /** MS-ASHTTP §4.1's FolderSync request body: FolderSync { SyncKey "0" }, code page 7. */
    private static final byte[] FOLDER_SYNC = HexFormat.of().parseHex("03016a0000075652033000" + "0101");

    @Test
    void decodesTheFolderSyncOfTheProtocolDocument() {
        WbxmlElement root = Wbxml.decode(FOLDER_SYNC);

        assertThat(root.namespace()).isEqualTo("FolderHierarchy");
        assertThat(root.name()).isEqualTo("FolderSync");
        assertThat(root.textAt("SyncKey")).contains("0");
    }

    @Test
    void encodesItToTheSameBytes() {
        WbxmlElement tree = WbxmlElement.of("FolderHierarchy", "FolderSync",
                WbxmlElement.text("FolderHierarchy", "SyncKey", "0"));

        assertThat(Wbxml.encode(tree)).isEqualTo(FOLDER_SYNC);
    }

    @Test
    void switchesPagesForAProvisionWithDeviceInformation() {
        WbxmlElement provision = WbxmlElement.of("Provision", "Provision",
                WbxmlElement.of("Settings", "DeviceInformation", WbxmlElement.of("Settings", "Set",
                        WbxmlElement.text("Settings", "Model", "iPhone15,2"))),
                WbxmlElement.of("Provision", "AccountOnlyRemoteWipe", WbxmlElement.text("Provision", "Status", "1")));

        byte[] bytes = Wbxml.encode(provision);

        assertThat(HexFormat.of().formatHex(bytes)).startsWith("03016a00000e45" + "0012" + "56");
        assertThat(Wbxml.decode(bytes)).isEqualTo(provision);
        assertThat(Wbxml.decode(bytes).textAt("AccountOnlyRemoteWipe", "Status")).contains("1");
    }

    @Test
    void keepsOpaqueDataAndEmptyElements() {
        WbxmlElement tree = WbxmlElement.of("ItemOperations", "ItemOperations",
                WbxmlElement.opaque("ItemOperations", "Data", new byte[]{0, 1, 2, (byte) 0xFF}),
                WbxmlElement.of("Provision", "RemoteWipe"));

        assertThat(Wbxml.decode(Wbxml.encode(tree))).isEqualTo(tree);
    }

    @Test
    void refusesAnotherVersion() {
        byte[] bad = FOLDER_SYNC.clone();
        bad[0] = 0x02;
        assertThatThrownBy(() -> Wbxml.decode(bad)).isInstanceOf(WbxmlException.class).hasMessageContaining("version");
    }

    @Test
    void refusesAnUnknownPageAndAnUnknownToken() {
        assertThatThrownBy(() -> Wbxml.decode(HexFormat.of().parseHex("03016a00" + "0063" + "45")))
                .isInstanceOf(WbxmlException.class).hasMessageContaining("unknown code page 99");
        assertThatThrownBy(() -> Wbxml.decode(HexFormat.of().parseHex("03016a00000e3f")))
                .isInstanceOf(WbxmlException.class).hasMessageContaining("unknown token 0x3f");
    }

    @Test
    void refusesTruncatedBodiesAtEveryLength() {
        for (int length = 0; length < FOLDER_SYNC.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(FOLDER_SYNC, length);
            assertThatThrownBy(() -> Wbxml.decode(cut)).isInstanceOf(WbxmlException.class);
        }
    }

    @Test
    void refusesDeepNesting() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(HexFormat.of().parseHex("03016a00000e"));
        for (int i = 0; i < Wbxml.MAX_DEPTH + 1; i++) {
            out.write(0x46); // Policies with content, nested again and again
        }
        for (int i = 0; i < Wbxml.MAX_DEPTH + 1; i++) {
            out.write(0x01);
        }
        assertThatThrownBy(() -> Wbxml.decode(out.toByteArray())).isInstanceOf(WbxmlException.class)
                .hasMessageContaining("deeper");
    }

    @Test
    void refusesHugeStringsAndOpaqueLengthsBeyondTheBody() {
        byte[] huge = new byte[Wbxml.MAX_STRING + 20];
        java.util.Arrays.fill(huge, (byte) 'a');
        System.arraycopy(HexFormat.of().parseHex("03016a0000075203"), 0, huge, 0, 8);
        assertThatThrownBy(() -> Wbxml.decode(huge)).isInstanceOf(WbxmlException.class).hasMessageContaining("longer");
        // OPAQUE claiming 2^31-1 bytes in a 12-byte body: refused before anything is allocated
        assertThatThrownBy(() -> Wbxml.decode(HexFormat.of().parseHex("03016a00001454c387ffffff7f01")))
                .isInstanceOf(WbxmlException.class);
    }

    @Test
    void refusesAttributesStringTablesAndTrailingBytes() {
        assertThatThrownBy(() -> Wbxml.decode(HexFormat.of().parseHex("03016a0000078601")))
                .isInstanceOf(WbxmlException.class);
        assertThatThrownBy(() -> Wbxml.decode(HexFormat.of().parseHex("03016a01410716")))
                .isInstanceOf(WbxmlException.class).hasMessageContaining("string table");
        assertThatThrownBy(() -> Wbxml.decode(HexFormat.of().parseHex("03016a00000716" + "16")))
                .isInstanceOf(WbxmlException.class).hasMessageContaining("after the root");
    }
}
