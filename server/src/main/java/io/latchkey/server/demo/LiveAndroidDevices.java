package io.latchkey.server.demo;

import io.latchkey.channel.android.AndroidEnrollment;
import io.latchkey.channel.android.AndroidSettings;
import io.latchkey.channel.android.EnrollmentKind;
import io.latchkey.channel.android.PushAuth;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;
import io.latchkey.simulator.android.AmapiStandIn;
import io.latchkey.simulator.android.AndroidProfile;
import io.latchkey.simulator.android.SimulatedAndroidDevice;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The demo's live Android devices: an AMAPI stand-in in this process (Google cannot be reached from a
 * demo), the server pointed at it through its root URL, an enterprise bound through the signup flow,
 * and a fully managed phone, a company-owned work profile and a personal work profile enrolled with
 * tokens issued as an administrator would. The stand-in forgets everything at a restart, so each
 * start binds a fresh enterprise and enrolls fresh devices.
 */
public final class LiveAndroidDevices implements AutoCloseable {
    private static final Actor DEMO = new Actor("demo", "local");
    /** The push subscription's audience: any string both sides agree on (Pub/Sub's default is the endpoint URL). */
    private static final String PUSH_AUDIENCE = "latchkey-demo/android/pubsub";

    /** One live device: whose it is and what it is. */
    public record Live(String userPrincipalName, SimulatedAndroidDevice device, UUID deviceId) {
    }

    private final AmapiStandIn google;
    private final AndroidSettings settings;

    private LiveAndroidDevices(AmapiStandIn google, AndroidSettings settings) {
        this.google = google;
        this.settings = settings;
    }

    /** Starts the stand-in; the server must then be opened with {@link #settings()}. */
    public static LiveAndroidDevices start(Path dataDir) throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("demo-android"));
        AmapiStandIn google = AmapiStandIn.start();
        // An authenticated push subscription, as in production: the stand-in signs each push's ID token.
        PushAuth push = new PushAuth(null, PUSH_AUDIENCE, google.pushIdTokens().serviceAccount(), google.certsUrl());
        AndroidSettings s = new AndroidSettings(google.rootUrl(), google.writeServiceAccountKey(
                dir.resolve("service-account.json")), null, "projects/" + AmapiStandIn.PROJECT_ID + "/topics/amapi",
                push, 50, null, Duration.ofSeconds(5), Duration.ofMinutes(15));
        return new LiveAndroidDevices(google, s);
    }

    public AndroidSettings settings() {
        return settings;
    }

    /** Binds the enterprise, points Pub/Sub push at the server, enrolls the three devices; returns them. */
    public List<Live> enroll(URI base, AndroidEnrollment enrollment, Users users, Devices devices)
            throws InterruptedException {
        google.pushWithIdTokenTo(URI.create(base + "/android/pubsub"), PUSH_AUDIENCE);
        var signup = enrollment.signupUrl(base + "/android/signup-complete", DEMO);
        URI back = google.completeSignup(URI.create(signup.getUrl()));
        String token = URLDecoder.decode(back.getRawQuery().replaceFirst("^.*enterpriseToken=", ""),
                StandardCharsets.UTF_8);
        enrollment.bind(signup.getName(), token, "Latchkey demo", DEMO);
        List<Live> out = new ArrayList<>();
        add(out, users, enrollment, "camille.durand", AndroidProfile.FULLY_MANAGED, 34);
        add(out, users, enrollment, "priya.shah", AndroidProfile.WORK_PROFILE_COMPANY_OWNED, 33);
        add(out, users, enrollment, "amelie.laurent", AndroidProfile.WORK_PROFILE_PERSONAL, 34);
        List<Live> found = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (Live l : out) {
            UUID id = null;
            while (id == null && System.nanoTime() < deadline) {
                id = devices.findByExternalId(l.device().name()).map(d -> d.id()).orElse(null);
                if (id == null) {
                    Thread.sleep(50);
                }
            }
            found.add(new Live(l.userPrincipalName(), l.device(), id));
        }
        return found;
    }

    private void add(List<Live> out, Users users, AndroidEnrollment enrollment, String name, AndroidProfile profile,
                     int apiLevel) {
        users.page(name, null, 1).items().stream().findFirst().ifPresent((User u) -> {
            EnrollmentKind kind = switch (profile) {
                case FULLY_MANAGED -> EnrollmentKind.FULLY_MANAGED;
                case WORK_PROFILE_COMPANY_OWNED -> EnrollmentKind.WORK_PROFILE_COMPANY_OWNED;
                case WORK_PROFILE_PERSONAL -> EnrollmentKind.WORK_PROFILE_PERSONAL;
            };
            var t = enrollment.token(u.id(), kind, Duration.ofHours(1), DEMO);
            SimulatedAndroidDevice d = t.qrCode() != null ? google.enrollWithQr(t.qrCode(), profile, apiLevel)
                    : google.enroll(t.value(), profile, apiLevel);
            out.add(new Live(u.userPrincipalName(), d, null));
        });
    }

    @Override
    public void close() {
        google.close();
    }
}
