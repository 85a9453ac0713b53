package io.latchkey.server.demo;

import io.latchkey.core.eas.EasAccess;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;
import io.latchkey.server.config.EasSettings;
import io.latchkey.simulator.eas.ClientProfile;
import io.latchkey.simulator.eas.ExchangeStandIn;
import io.latchkey.simulator.eas.SimulatedEasClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The demo's live Exchange ActiveSync phones: a stand-in Exchange in this process (there is no
 * Exchange to reach from a demo), the gateway pointed at it ({@code eas.upstream}), and three mail apps
 * (iOS Mail 16.1, Samsung Email 14.1, Outlook for Android 16.1) that set up their accounts through the
 * gateway and then keep a Ping open, syncing when mail arrives, until they are wiped. The stand-in
 * forgets its mailboxes at a restart; the phones are recorded again under the same DeviceIds.
 */
public final class LiveEasDevices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEasDevices.class);

    /** One live phone: whose it is, what it is, and its device record. */
    public record Live(String userPrincipalName, SimulatedEasClient phone, UUID deviceId) {
    }

    private final ExchangeStandIn exchange;
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean closing;

    private LiveEasDevices(ExchangeStandIn exchange) {
        this.exchange = exchange;
    }

    public static LiveEasDevices start() {
        return new LiveEasDevices(ExchangeStandIn.start().holdPingsAtMost(Duration.ofSeconds(60)));
    }

    /** The gateway's settings: the stand-in upstream, new phones allowed. */
    public EasSettings settings() {
        return new EasSettings(exchange.url(), EasAccess.ALLOWED);
    }

    /** Sets up the three phones through the gateway at {@code base} and keeps them syncing; returns them. */
    public List<Live> connect(URI base, Users users, Devices devices) {
        URI gateway = URI.create(base + "/Microsoft-Server-ActiveSync");
        List<Live> out = new ArrayList<>();
        add(out, gateway, users, devices, "jonas.weber", ClientProfile.IOS_MAIL, "ApplDEMO0001");
        add(out, gateway, users, devices, "marcus.lee", ClientProfile.SAMSUNG_EMAIL, "SEC1DEMO0002");
        add(out, gateway, users, devices, "sofia.rossi", ClientProfile.OUTLOOK_ANDROID, "OUTLDEMO0003");
        return out;
    }

    private void add(List<Live> out, URI gateway, Users users, Devices devices, String name, ClientProfile profile,
                     String deviceId) {
        String upn = users.page(name, null, 1).items().stream().findFirst().map(User::userPrincipalName)
                .orElse(name + "@example.com");
        SimulatedEasClient phone = new SimulatedEasClient(gateway, profile, upn, "demo-password", deviceId,
                profile == ClientProfile.SAMSUNG_EMAIL ? "356938035643809" : null);
        try {
            phone.setUp();
        } catch (RuntimeException e) {
            LOG.warn("demo EAS phone {} could not set up: {}", deviceId, e.toString());
            return;
        }
        exchange.deliver(upn, "Welcome to Latchkey", 2_000);
        Thread loop = Thread.ofVirtual().name("demo-eas-" + deviceId).start(() -> keepSyncing(phone));
        loops.add(loop);
        out.add(new Live(upn, phone, devices.findByExternalId(deviceId).map(d -> d.id()).orElse(null)));
    }

    /** Ping, sync on news, again: what a phone on a desk does all day, until it is wiped. */
    private void keepSyncing(SimulatedEasClient phone) {
        while (!closing && phone.wiped() == SimulatedEasClient.Wiped.NO) {
            try {
                SimulatedEasClient.Reply r = phone.ping(300);
                if (phone.wiped() != SimulatedEasClient.Wiped.NO) {
                    LOG.info("demo EAS phone {} was wiped ({})", phone.deviceId(), phone.wiped());
                    return;
                }
                if (r.easStatus() == 2) {
                    phone.sync();
                } else if (r.status() != 200 || r.easStatus() > 2) {
                    Thread.sleep(10_000); // refused (blocked or quarantined): try again later, as a phone does
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closing) {
                    return;
                }
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        loops.forEach(Thread::interrupt);
        exchange.close();
    }
}
