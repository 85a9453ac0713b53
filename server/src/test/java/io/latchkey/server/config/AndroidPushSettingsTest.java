package io.latchkey.server.config;

import io.latchkey.channel.android.PushAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How the Pub/Sub push endpoint authenticates: checked when the server starts. */
class AndroidPushSettingsTest {
    private static final String ACCOUNT = "pubsub-push@acme-mdm.iam.gserviceaccount.com";

    @TempDir
    Path dir;

    private Map<Option, String> android(Map<Option, String> more) throws Exception {
        Map<Option, String> flags = new HashMap<>();
        flags.put(Option.ANDROID_SERVICE_ACCOUNT_KEY, Files.writeString(dir.resolve("key.json"), "{}").toString());
        flags.put(Option.ANDROID_PUBSUB_TOPIC, "projects/acme-mdm/topics/amapi");
        flags.putAll(more);
        return flags;
    }

    @Test
    void anAuthenticatedSubscriptionUsesGooglesCertificatesByDefault() throws Exception {
        Settings s = SettingsLoader.load(android(Map.of(Option.ANDROID_PUBSUB_AUDIENCE,
                "https://mdm.example.com/android/pubsub", Option.ANDROID_PUBSUB_SERVICE_ACCOUNT, ACCOUNT)), null, Map.of());

        PushAuth push = s.android().push();
        assertThat(push.oidc()).isTrue();
        assertThat(push.sharedToken()).isNull();
        assertThat(push.audience()).isEqualTo("https://mdm.example.com/android/pubsub");
        assertThat(push.serviceAccount()).isEqualTo(ACCOUNT);
        assertThat(push.certsUrl()).isEqualTo(PushAuth.GOOGLE_CERTS);
    }

    @Test
    void theUrlSecretAloneStillWorksAndIsMasked() throws Exception {
        Settings s = SettingsLoader.load(android(Map.of(Option.ANDROID_PUSH_TOKEN, "a-long-shared-push-secret-42")),
                null, Map.of());

        assertThat(s.android().push().oidc()).isFalse();
        assertThat(s.android().push().sharedToken()).isEqualTo("a-long-shared-push-secret-42");
        assertThat(s.toString()).doesNotContain("a-long-shared-push-secret-42");
    }

    @Test
    void aTopicWithoutAnyWayToAuthenticateItsPushesDoesNotStart() throws Exception {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SettingsLoader.load(android(Map.of()), null, Map.of()));

        assertThat(e.problems()).singleElement().asString().contains("android.pubsub.topic")
                .contains("android.pubsub.audience").contains("android.push.token");
    }

    @Test
    void halfAnAuthenticatedSubscriptionOrAnInsecureCertificatesUrlIsReported() throws Exception {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(android(Map.of(
                Option.ANDROID_PUBSUB_AUDIENCE, "https://mdm.example.com/android/pubsub",
                Option.ANDROID_PUBSUB_CERTS_URL, "http://certs.example.com/oauth2/v1/certs")), null, Map.of()));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("android.pubsub.service.account"))
                .anySatisfy(p -> assertThat(p).contains("android.pubsub.certs.url").contains("https"));

        ConfigException notEmail = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(android(Map.of(
                Option.ANDROID_PUBSUB_AUDIENCE, "aud", Option.ANDROID_PUBSUB_SERVICE_ACCOUNT, "pubsub-push")), null,
                Map.of()));
        assertThat(notEmail.problems()).singleElement().asString().contains("email address");
    }

    @Test
    void aLocalStandInMayServeTheCertificatesOverPlainHttp() throws Exception {
        Settings s = SettingsLoader.load(android(Map.of(Option.ANDROID_PUBSUB_AUDIENCE, "aud",
                Option.ANDROID_PUBSUB_SERVICE_ACCOUNT, ACCOUNT,
                Option.ANDROID_PUBSUB_CERTS_URL, "http://127.0.0.1:8099/oauth2/v1/certs")), null, Map.of());

        assertThat(s.android().push().certsUrl()).isEqualTo(URI.create("http://127.0.0.1:8099/oauth2/v1/certs"));
    }
}
