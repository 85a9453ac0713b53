package io.latchkey.server.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.simulator.android.AndroidProfile;
import io.latchkey.simulator.android.SimulatedAndroidDevice;
import io.latchkey.simulator.apple.AppleModel;
import io.latchkey.simulator.apple.Behaviour;
import io.latchkey.simulator.apple.DeviceHttp;
import io.latchkey.simulator.apple.SimulatedAppleDevice;
import io.latchkey.simulator.apple.SimulatedAppleFleet;
import io.latchkey.simulator.windows.SimulatedWindowsDevice;
import io.latchkey.simulator.windows.SimulatedWindowsFleet;
import io.latchkey.simulator.windows.WindowsDeviceHttp;
import io.latchkey.simulator.windows.WindowsPersonality;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The simulated devices of one run, of all three kinds, enrolled through the server's real enrollment
 * paths with codes and tokens issued through its API: Apple (profile, SCEP, check-in), Windows (MS-MDE2
 * discovery, policies, enrollment), Android (a token through the API, enrollment at the AMAPI stand-in,
 * the ENROLLMENT push). Behind a TLS proxy: each device's certificate travels in {@link StandIns#PROXY_HEADER}.
 */
final class SimulatedDevices {
    /** AMAPI errorCode a failing Android device answers with (the server reports it as a failure). */
    static final String ANDROID_FAILURE = "UNSUPPORTED";

    /** One device as the run tracks it: its kind, the id the server knows it by, what it has received. */
    record Member(Kind kind, String externalId, IntSupplier received, BooleanSupplier online) {
    }

    enum Kind {
        APPLE, WINDOWS, ANDROID;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final SimulationPlan plan;
    private final StandIns standIns;
    private final SimulatedAppleFleet apple;
    private final SimulatedWindowsFleet windows;
    private final List<SimulatedAndroidDevice> android = new CopyOnWriteArrayList<>();
    private final List<Member> members = new ArrayList<>();

    SimulatedDevices(SimulationPlan plan, StandIns standIns) {
        this.plan = plan;
        this.standIns = standIns;
        this.apple = new SimulatedAppleFleet(DeviceHttp.behindProxy(StandIns.PROXY_HEADER), standIns.apns(), plan.seed());
        this.windows = new SimulatedWindowsFleet(WindowsDeviceHttp.behindProxy(StandIns.PROXY_HEADER), standIns.wns(),
                plan.seed() + 1);
        // One RSA key pair per key size for all devices of this process: the server still issues each its
        // own certificate bound to its own id; generating thousands of keys would take minutes.
        SimulatedAppleFleet.reuseDeviceKeys(true);
        SimulatedWindowsFleet.reuseDeviceKeys(true);
    }

    /** Enrolled so far, of each kind: [apple, windows, android]. */
    int[] enrolled() {
        return new int[]{plan.apple() == 0 ? 0 : apple.summary().enrolled(),
                plan.windows() == 0 ? 0 : windows.summary().enrolled(), android.size()};
    }

    List<Member> members() {
        return members;
    }

    /** Enrolls every device for {@code upn} (user {@code userId}), then applies the plan's behaviour. */
    void enroll(AdminClient admin, String userId, String upn) throws Exception {
        String base = admin.base();
        if (plan.apple() > 0) {
            List<AppleModel> models = List.of(AppleModel.IPHONE, AppleModel.IPAD, AppleModel.MAC);
            apple.addMany(plan.apple(), models, Behaviour.RELIABLE, i -> upn);
            var summary = apple.enrollAll(u -> URI.create(base + "/enroll/apple/profile?code="
                    + code(admin, userId, "apple")), plan.concurrency());
            if (summary.enrolled() != plan.apple()) {
                throw new SimulationFailed(summary.enrolled() + " of " + plan.apple() + " Apple devices enrolled ("
                        + summary.enrollFailures() + "); is the server started with the settings printed above?");
            }
            apple.pollAll(plan.concurrency()); // the inventory question each device gets after enrolling
        }
        if (plan.windows() > 0) {
            windows.addMany(plan.windows(), List.of(WindowsPersonality.WINDOWS_11_DESKTOP,
                    WindowsPersonality.WINDOWS_10_MOBILE), io.latchkey.simulator.windows.Behaviour.RELIABLE, i -> upn);
            URI discovery = URI.create(base + "/EnrollmentServer/Discovery.svc");
            var summary = windows.enrollAll(u -> discovery, u -> code(admin, userId, "windows"), plan.concurrency());
            if (summary.enrolled() != plan.windows()) {
                throw new SimulationFailed(summary.enrolled() + " of " + plan.windows() + " Windows devices enrolled ("
                        + summary.enrollFailures() + "); is the server started with the settings printed above?");
            }
            windows.sessionAll(plan.concurrency()); // inventory and the WNS channel URI
        }
        if (plan.android() > 0) {
            enrollAndroid(admin, userId);
        }
        for (SimulatedAppleDevice d : apple.devices()) {
            members.add(new Member(Kind.APPLE, d.udid(), () -> d.status().commandsReceived(),
                    () -> d.behaviour().online()));
        }
        for (SimulatedWindowsDevice d : windows.devices()) {
            members.add(new Member(Kind.WINDOWS, d.deviceId(), () -> d.status().commandsReceived(),
                    () -> d.behaviour().online()));
        }
        for (SimulatedAndroidDevice d : android) {
            members.add(new Member(Kind.ANDROID, d.name(), d::commandsReceived, d::online));
        }
        behave();
    }

    /** Latency, NotNow and failure rates, and the offline share, drawn from the plan's seed. */
    private void behave() {
        SplittableRandom random = new SplittableRandom(plan.seed());
        Behaviour appleWay = new Behaviour(plan.notNow(), plan.failure(), plan.latency(), true);
        var windowsWay = io.latchkey.simulator.windows.Behaviour.RELIABLE.withLatency(plan.latency())
                .withErrorRate(plan.failure());
        for (SimulatedAppleDevice d : apple.devices()) {
            d.behaviour(appleWay.withOnline(random.nextDouble() < plan.online()));
        }
        for (SimulatedWindowsDevice d : windows.devices()) {
            d.behaviour(windowsWay.withOnline(random.nextDouble() < plan.online()));
        }
        if (standIns.google() != null) {
            standIns.google().deviceLatency(plan.latency());
        }
        for (SimulatedAndroidDevice d : android) {
            if (random.nextDouble() < plan.failure()) {
                d.failNextCommand(ANDROID_FAILURE);
            }
            if (random.nextDouble() >= plan.online()) {
                standIns.google().online(d, false);
            }
        }
    }

    private void enrollAndroid(AdminClient admin, String userId) throws Exception {
        bindEnterprise(admin);
        AndroidProfile[] profiles = {AndroidProfile.FULLY_MANAGED, AndroidProfile.WORK_PROFILE_COMPANY_OWNED};
        Semaphore slots = new Semaphore(plan.concurrency());
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < plan.android(); i++) {
                AndroidProfile profile = profiles[i % profiles.length];
                done.add(threads.submit(() -> {
                    slots.acquire();
                    try {
                        JsonNode t = admin.post("/api/v1/users/" + userId + "/android-enrollment-tokens",
                                "{\"mode\":\"" + (profile == AndroidProfile.FULLY_MANAGED ? "fullyManaged"
                                        : "workProfileCompanyOwned") + "\"}");
                        android.add(standIns.google().enrollWithQr(t.get("qrCode").asText(), profile, 34));
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    /** Signs the enterprise up at the stand-in and binds it, unless the server has one bound already. */
    private void bindEnterprise(AdminClient admin) throws IOException, InterruptedException {
        standIns.google().pushTo(URI.create(admin.base() + "/android/pubsub?token=" + standIns.pushToken()));
        JsonNode signup = admin.post("/api/v1/android/signup-urls", "{\"callbackUrl\":\"https://simulate.invalid/cb\"}");
        URI back = standIns.google().completeSignup(URI.create(signup.get("url").asText()));
        String token = java.net.URLDecoder.decode(back.getRawQuery().replaceFirst("^.*enterpriseToken=", ""),
                java.nio.charset.StandardCharsets.UTF_8);
        admin.post("/api/v1/android/enterprise", "{\"signupUrlName\":" + AdminClient.quote(signup.get("name").asText())
                + ",\"enterpriseToken\":" + AdminClient.quote(token) + "}");
    }

    private static String code(AdminClient admin, String userId, String channel) {
        try {
            return admin.post("/api/v1/users/" + userId + "/enrollment-codes", "{\"channel\":\"" + channel + "\"}")
                    .get("code").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
