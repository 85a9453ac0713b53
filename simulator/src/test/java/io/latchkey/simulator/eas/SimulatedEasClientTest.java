package io.latchkey.simulator.eas;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The client and the stand-in upstream against each other, with no gateway between. */
class SimulatedEasClientTest {
    private final ExchangeStandIn exchange = ExchangeStandIn.start().holdPingsAtMost(Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        exchange.close();
    }

    @ParameterizedTest
    @EnumSource(ClientProfile.class)
    void everyProfileSetsUpItsAccountThroughTheTwoPhasePolicyKey(ClientProfile profile) {
        SimulatedEasClient phone = new SimulatedEasClient(exchange.url(), profile, "jane@example.test", "pw",
                "DEV" + profile.ordinal(), "351234567890123");

        phone.setUp();

        assertThat(phone.version()).isEqualTo(profile.version());
        assertThat(phone.policyKey()).isNotEqualTo("0");
        assertThat(exchange.exchangesOf("DEV" + profile.ordinal())).extracting(ExchangeStandIn.Exchanged::command)
                .containsSubsequence("Provision", "Provision", "FolderSync", "Sync");
        assertThat(exchange.exchangesOf("DEV" + profile.ordinal())).allSatisfy(e ->
                assertThat(e.authorization()).startsWith("Basic "));
    }

    @Test
    void anUnprovisionedOldClientGets449AndProvisionsThenRetries() {
        SimulatedEasClient phone = new SimulatedEasClient(exchange.url(), ClientProfile.ANDROID_EAS_12, "bob", "pw",
                "OLD1", null);

        SimulatedEasClient.Reply r = phone.send("FolderSync", Node.of("FolderHierarchy", "FolderSync",
                Node.text("FolderHierarchy", "SyncKey", "0")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(exchange.exchangesOf("OLD1")).extracting(ExchangeStandIn.Exchanged::status)
                .containsExactly(449, 200, 200, 200);
    }

    @Test
    void aNewerClientGetsStatus142InsteadAndProvisions() {
        SimulatedEasClient phone = new SimulatedEasClient(exchange.url(), ClientProfile.SAMSUNG_EMAIL, "bob", "pw",
                "NEW1", null);

        assertThat(phone.folderSync().textOf("Status")).contains("1");
        assertThat(exchange.exchangesOf("NEW1").get(0).response()).isEqualTo(
                EasWire.write(Node.of("FolderHierarchy", "FolderSync", Node.text("FolderHierarchy", "Status", "142"))));
    }

    @Test
    void aPingEndsWhenMailArrivesAndTheSyncCarriesIt() throws Exception {
        SimulatedEasClient phone = new SimulatedEasClient(exchange.url(), ClientProfile.IOS_MAIL, "amy", "pw", "P1",
                null).setUp();
        var ping = java.util.concurrent.CompletableFuture.supplyAsync(() -> phone.ping(900));
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (exchange.pingsHeld() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the Exchange stand-in never held the Ping");
            }
            Thread.sleep(10);
        }
        exchange.deliver("amy", "Quarterly numbers", 50_000);

        assertThat(ping.get().easStatus()).isEqualTo(2);
        SimulatedEasClient.Reply sync = phone.sync();
        assertThat(sync.body().get("Collections", "Collection", "Commands", "Add", "ApplicationData", "Subject"))
                .map(Node::text).contains("Quarterly numbers");
        assertThat(sync.raw().length).isGreaterThan(50_000);
    }
}
