package io.latchkey.channel.eas.http;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EasRequestsTest {
    private static final Map<String, String> HEADERS = Map.of("MS-ASProtocolVersion", "14.0", "X-MS-PolicyKey", "3942919513");

    @Test
    void readsThePlainQueryAndItsHeaders() {
        EasRequest r = EasRequests.parse("Cmd=Sync&User=rmjones&DeviceId=v140Device&DeviceType=SmartPhone", HEADERS::get);

        assertThat(r.command()).isEqualTo(EasCommand.SYNC);
        assertThat(r.user()).isEqualTo("rmjones");
        assertThat(r.deviceId()).isEqualTo("v140Device");
        assertThat(r.deviceType()).isEqualTo("SmartPhone");
        assertThat(r.protocolVersion()).isEqualTo("14.0");
        assertThat(r.policyKey()).isEqualTo(3942919513L);
        assertThat(r.base64()).isFalse();
    }

    /** MS-ASHTTP §2.2.1.1.1.1's example: the same Sync for v140Device / SmartPhone, protocol 14.0. */
    @Test
    void readsTheBase64ExampleOfTheProtocolDocument() {
        EasRequest r = EasRequests.parse("jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l", h -> null);

        assertThat(r.command()).isEqualTo(EasCommand.SYNC);
        assertThat(r.protocolVersion()).isEqualTo("14.0");
        assertThat(r.deviceId()).isEqualTo("v140Device");
        assertThat(r.deviceType()).isEqualTo("SmartPhone");
        assertThat(r.policyKey()).isNull();
        assertThat(r.base64()).isTrue();
    }

    @Test
    void readsBase64PolicyKeyAndParameters() {
        String query = EasQueryEncoding.base64(new EasRequest(EasCommand.ITEM_OPERATIONS, "DOMAIN\\jane",
                "ABC123", "iPhone", "16.1", 0xDEADBEEFL, Map.of("CollectionId", "7", "Options", "1"), true));

        EasRequest r = EasRequests.parse(query, h -> null);

        assertThat(r.policyKey()).isEqualTo(0xDEADBEEFL);
        assertThat(r.user()).isEqualTo("DOMAIN\\jane");
        assertThat(r.parameters()).containsEntry("CollectionId", "7").containsEntry("Options", "1");
    }

    @Test
    void refusesWhatIsNotMsAsHttp() {
        assertThatThrownBy(() -> EasRequests.parse("Cmd=Sync&User=a&DeviceType=x", HEADERS::get))
                .isInstanceOf(EasRequestException.class).hasMessageContaining("DeviceId");
        assertThatThrownBy(() -> EasRequests.parse("Cmd=Bogus&User=a&DeviceId=d&DeviceType=x", HEADERS::get))
                .hasMessageContaining("unknown ActiveSync command");
        assertThatThrownBy(() -> EasRequests.parse("Cmd=Sync&User=a&DeviceId=d&DeviceType=x", h -> null))
                .hasMessageContaining("MS-ASProtocolVersion");
        assertThatThrownBy(() -> EasRequests.parse("Cmd=Sync&User=a&DeviceId=d&DeviceType=x",
                Map.of("MS-ASProtocolVersion", "13.0")::get)).hasMessageContaining("unsupported");
        assertThatThrownBy(() -> EasRequests.parse("Cmd=Sync&User=a&DeviceId=d&DeviceType=x",
                Map.of("MS-ASProtocolVersion", "14.1", "X-MS-PolicyKey", "-1")::get)).hasMessageContaining("PolicyKey");
        assertThatThrownBy(() -> EasRequests.parse("Cmd=Sync&User=a&DeviceId=d%0A&DeviceType=x", HEADERS::get))
                .hasMessageContaining("DeviceId");
        assertThatThrownBy(() -> EasRequests.parse("!!!notbase64", h -> null)).isInstanceOf(EasRequestException.class);
        assertThatThrownBy(() -> EasRequests.parse("jAAJBAp2MTQw", h -> null)).hasMessageContaining("ends");
    }
}
