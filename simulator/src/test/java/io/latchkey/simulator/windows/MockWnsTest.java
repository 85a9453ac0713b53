package io.latchkey.simulator.windows;

import io.latchkey.simulator.push.MockWns;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mock WNS speaks the real service's shapes (shared/reference/windows-mdm.md §5): an access token for
 * client credentials, raw notifications that wake the device of their channel, 410 for unknown
 * channels and 401 without a bearer token. Lives beside the Windows tests to use their fake server.
 */
class MockWnsTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void issues_an_access_token_for_client_credentials() throws Exception {
        try (MockWns wns = MockWns.start()) {
            HttpResponse<String> ok = CLIENT.send(HttpRequest.newBuilder(wns.tokenUrl())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=ms-app%3A%2F%2Fs-1-15-2-1"
                            + "&client_secret=secret&scope=notify.windows.com")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(ok.body()).contains("\"access_token\":\"").contains("\"token_type\":\"bearer\"")
                    .contains("\"expires_in\":86400");

            HttpResponse<String> bad = CLIENT.send(HttpRequest.newBuilder(wns.tokenUrl())
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&scope=notify.windows.com")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(wns.stats().tokens()).isEqualTo(1);
        }
    }

    @Test
    void a_raw_notification_wakes_the_device_of_its_channel_only() throws Exception {
        try (FakeWindowsServer server = new FakeWindowsServer(); MockWns wns = MockWns.start()) {
            server.passwords.put("u@example.com", "p");
            SimulatedWindowsDevice a = new SimulatedWindowsDevice(WindowsPersonality.WINDOWS_11_DESKTOP, 21);
            SimulatedWindowsDevice b = new SimulatedWindowsDevice(WindowsPersonality.WINDOWS_10_MOBILE, 22);
            for (SimulatedWindowsDevice d : List.of(a, b)) {
                d.enroll(server.discoveryUrl(), "u@example.com", "p");
            }
            URI channelA = a.listenOn(wns);
            URI channelB = b.listenOn(wns);
            assertThat(channelA.toString()).startsWith("http://127.0.0.1:" + wns.port() + "/?token=");
            assertThat(channelA).isNotEqualTo(channelB);

            // The server reads the channel with a Get, as it should on every check-in (§5).
            String provider = "./Vendor/MSFT/DMClient/Provider/" + FakeWindowsServer.PROVIDER_ID;
            server.enqueue(a.deviceId(), SyncMlCommands.get(provider + "/Push/ChannelURI"), SyncMlCommands.LOCK);
            assertThat(push(channelA, "Bearer t0ken").statusCode()).isEqualTo(200);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!a.status().locked() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(a.status().locked()).isTrue();
            assertThat(a.status().sessions()).isEqualTo(1);
            assertThat(b.status().sessions()).isZero();
            Thread.sleep(50);  // let the woken session's last message land
            assertThat(SyncMlCommands.results(server.messagesFrom(a.deviceId()).get(1)))
                    .containsEntry(provider + "/Push/ChannelURI", channelA.toString());

            assertThat(push(URI.create("http://127.0.0.1:" + wns.port() + "/?token=nobody"), "Bearer t0ken").statusCode())
                    .isEqualTo(410);
            assertThat(push(channelB, null).statusCode()).isEqualTo(401);
            wns.closeChannel(channelB);
            assertThat(push(channelB, "Bearer t0ken").statusCode()).isEqualTo(410);
            assertThat(b.status().sessions()).isZero();
            assertThat(wns.stats().accepted()).isEqualTo(1);
            assertThat(wns.stats().rejected()).isEqualTo(3);
        }
    }

    private static HttpResponse<Void> push(URI channel, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(channel).header("X-WNS-Type", "wns/raw")
                .header("Content-Type", "application/octet-stream").header("X-WNS-Cache-Policy", "cache")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1}));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding());
    }
}
