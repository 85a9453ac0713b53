package io.latchkey.server.http;

import io.latchkey.core.audit.AuditEvent;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.oidc.BadTokens;
import io.latchkey.simulator.oidc.SimulatedOidcProvider;
import io.latchkey.simulator.oidc.SimulatedOidcProvider.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, "Show": console sign-in through OpenID Connect over real HTTP — the server on port 0
 * and the provider stand-in speaking the code flow (discovery, JWKS, signed ID tokens, PKCE). The
 * happy path opens a session; every bad ID token, a wrong or replayed state, a callback in another
 * browser, a replayed code and a code without its PKCE verifier are refused, and none opens one.
 */
class OidcConsoleSignInTest {
    private static final String CLIENT = "latchkey-console";
    private static final String SECRET = "console-client-secret-0123456789";
    private static final String PASSWORD = "Correct-Horse-Battery-9";
    private static final Person ALICE = new Person("alice", "Alice Martin", List.of("latchkey-admins"));

    @TempDir
    static Path dataDir;
    static SimulatedOidcProvider idp;
    static App app;
    static String base;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        idp = SimulatedOidcProvider.start();
        app = App.open(SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dataDir.toString(), Option.OIDC_ISSUER, idp.issuer(),
                Option.OIDC_CONSOLE_CLIENT_ID, CLIENT, Option.OIDC_CONSOLE_CLIENT_SECRET, SECRET,
                Option.OIDC_CONSOLE_NAME, "Test IdP",
                Option.OIDC_ROLE_MAP, "latchkey-admins=Administrator,helpdesk=Help Desk Operator"), null, Map.of()));
        app.bootstrap("admin", PASSWORD, null);
        base = "http://127.0.0.1:" + app.serve();
        idp.registerClient(CLIENT, SECRET, base + "/console/login/oidc/callback");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    @BeforeEach
    void aliceWithALiveProviderSession() {
        idp.signInAs(ALICE).autoConsent(true);
    }

    /** The browser's side: the callback the provider sent it to, and its binding cookie. */
    record Callback(URI url, String binding) {
        Callback withQuery(String name, String value) {
            Map<String, String> q = query(url);
            q.put(name, value);
            StringBuilder s = new StringBuilder();
            q.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(k).append('=').append(enc(v)));
            return new Callback(URI.create(url.toString().replaceFirst("\\?.*", "") + "?" + s), binding);
        }
    }

    static HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String cookie(HttpResponse<?> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .filter(v -> !v.isEmpty()).findFirst().orElse(null);
    }

    /** Click "Sign in with …", let the provider (auto-consent) send the browser back. */
    static Callback startAndConsent() throws Exception {
        HttpResponse<String> begin = get(base + "/console/login/oidc", null);
        assertThat(begin.statusCode()).isEqualTo(303);
        String binding = cookie(begin, "lk_oidc");
        assertThat(binding).isNotNull();
        assertThat(begin.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("lk_oidc=").contains("HttpOnly").contains("SameSite=Lax").contains("Max-Age=600"));
        HttpResponse<String> atProvider = get(begin.headers().firstValue("Location").orElseThrow(), null);
        assertThat(atProvider.statusCode()).isEqualTo(302);
        return new Callback(URI.create(atProvider.headers().firstValue("Location").orElseThrow()), binding);
    }

    static HttpResponse<String> finish(Callback cb) throws Exception {
        return get(cb.url().toString(), cb.binding() == null ? null : "lk_oidc=" + cb.binding());
    }

    static void assertNoSession(HttpResponse<String> callback) throws Exception {
        assertThat(cookie(callback, "lk_console")).isNull();
        assertThat(callback.body()).contains("Sign in with Test IdP");
    }

    @Test
    void theLoginPageOffersTheProviderAndTheFlowSignsIn() throws Exception {
        HttpResponse<String> login = get(base + "/console/login", null);
        assertThat(login.body()).contains("Sign in with Test IdP").contains("name=\"password\"");
        Callback cb = startAndConsent();
        Map<String, String> asked = idp.lastAuthorization();
        assertThat(asked).containsEntry("response_type", "code").containsEntry("client_id", CLIENT)
                .containsEntry("code_challenge_method", "S256").containsEntry("scope", "openid profile")
                .containsEntry("redirect_uri", base + "/console/login/oidc/callback")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(asked.get("code_challenge")).hasSize(43);
        HttpResponse<String> done = finish(cb);
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).hasValue("/console");
        String session = cookie(done, "lk_console");
        assertThat(session).isNotNull();
        HttpResponse<String> home = get(base + "/console", "lk_console=" + session);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("oidc:alice@" + idp.issuer());
        assertThat(app.storage().admins().findByName("oidc:alice@" + idp.issuer())).isPresent();
        assertThat(audit("admin.signin")).anySatisfy(e -> assertThat(e.detail())
                .isEqualTo("console: OpenID Connect with roles Administrator"));
    }

    @Test
    void helpdeskIsMappedToItsLatchkeyRole() throws Exception {
        idp.signInAs(new Person("hugo", "Hugo", List.of("helpdesk", "payroll")));
        HttpResponse<String> done = finish(startAndConsent());
        String session = cookie(done, "lk_console");
        assertThat(session).isNotNull();
        // The mapped role is what the console grants: the fleet yes, enrollment (not a help desk task) no.
        assertThat(get(base + "/console", "lk_console=" + session).statusCode()).isEqualTo(200);
        assertThat(get(base + "/console/enrollment/android", "lk_console=" + session).statusCode()).isEqualTo(403);
        assertThat(audit("admin.signin")).anySatisfy(e -> assertThat(e.actor()).isEqualTo("oidc:hugo@" + idp.issuer()))
                .anySatisfy(e -> assertThat(e.detail()).isEqualTo("console: OpenID Connect with roles Help Desk Operator"));
    }

    @ParameterizedTest
    @EnumSource(value = BadTokens.Fault.class, names = {"OTHER_KEY", "WRONG_AUDIENCE", "EXPIRED", "WRONG_NONCE",
            "WRONG_ISSUER", "OTHER_PARTY"})
    void aBadIdTokenIsRefusedAndOpensNoSession(BadTokens.Fault fault) throws Exception {
        String subject = "mallory-" + fault.name().toLowerCase();
        idp.signInAs(new Person(subject, "Mallory", List.of("latchkey-admins")));
        Callback cb = startAndConsent();
        idp.nextIdToken(fault);
        HttpResponse<String> refused = finish(cb);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("could not be verified");
        assertNoSession(refused);
        assertThat(app.storage().admins().findByName("oidc:" + subject + "@" + idp.issuer())).isEmpty();
        assertThat(audit("admin.signin.failed")).anySatisfy(e -> assertThat(e.detail()).startsWith(
                "console: OpenID Connect: ID token refused"));
    }

    @Test
    void anIdentityWithNoMappedRoleGetsAClearPageAndNoSession() throws Exception {
        idp.signInAs(new Person("paul", "Paul", List.of("payroll")));
        HttpResponse<String> unmapped = finish(startAndConsent());
        assertThat(unmapped.statusCode()).isEqualTo(403);
        assertThat(unmapped.body()).contains("none of your groups or roles there gives access to Latchkey");
        assertNoSession(unmapped);
        idp.signInAs(new Person("nora", "Nora", List.of("latchkey-admins")));
        Callback cb = startAndConsent();
        idp.nextIdToken(BadTokens.Fault.NO_ROLES);
        HttpResponse<String> none = finish(cb);
        assertThat(none.statusCode()).isEqualTo(403);
        assertNoSession(none);
        assertThat(app.storage().admins().findByName("oidc:paul@" + idp.issuer())).isEmpty();
        assertThat(app.storage().admins().findByName("oidc:nora@" + idp.issuer())).isEmpty();
    }

    @Test
    void aWrongStateIsRefused() throws Exception {
        Callback cb = startAndConsent();
        HttpResponse<String> forged = finish(cb.withQuery("state", "forged-state-value"));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("already used, has expired, or was started in another browser");
        assertNoSession(forged);
    }

    @Test
    void aStateIsGoodForOneCallbackOnly() throws Exception {
        Callback cb = startAndConsent();
        assertThat(cookie(finish(cb), "lk_console")).isNotNull();
        HttpResponse<String> replayed = finish(cb);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertNoSession(replayed);
    }

    @Test
    void aCallbackInABrowserThatDidNotStartTheFlowIsRefused() throws Exception {
        // login CSRF: an attacker's own callback URL, opened in the victim's browser
        Callback attackers = startAndConsent();
        HttpResponse<String> victim = finish(new Callback(attackers.url(), null));
        assertThat(victim.statusCode()).isEqualTo(401);
        assertNoSession(victim);
        Callback victims = startAndConsent();
        assertNoSession(finish(new Callback(attackers.url(), victims.binding())));
    }

    @Test
    void aReplayedCodeIsRefused() throws Exception {
        Callback first = startAndConsent();
        String usedCode = query(first.url()).get("code");
        assertThat(cookie(finish(first), "lk_console")).isNotNull();
        Callback second = startAndConsent(); // a fresh state and cookie, carrying the old code
        HttpResponse<String> replayed = finish(second.withQuery("code", usedCode));
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).contains("could not be verified");
        assertNoSession(replayed);
        assertThat(audit("admin.signin.failed")).anySatisfy(e -> assertThat(e.detail())
                .contains("token endpoint answered 400 invalid_grant"));
    }

    @Test
    void anInterceptedCodeIsWorthlessWithoutThePkceVerifier() throws Exception {
        Callback cb = startAndConsent();
        String code = query(cb.url()).get("code");
        // the thief knows the client secret even; what it lacks is the verifier the server kept
        HttpResponse<String> stolen = HTTP.send(HttpRequest.newBuilder(URI.create(idp.issuer() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + enc(code)
                        + "&redirect_uri=" + enc(base + "/console/login/oidc/callback"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stolen.statusCode()).isEqualTo(400);
        assertThat(stolen.body()).contains("invalid_grant").doesNotContain("id_token");
        // and the attempt burnt the code: the real callback now fails too, still without a session
        assertNoSession(finish(cb));
    }

    @Test
    void cancellingAtTheProviderIsRefusedClearly() throws Exception {
        idp.autoConsent(false);
        HttpResponse<String> begin = get(base + "/console/login/oidc", null);
        HttpResponse<String> page = get(begin.headers().firstValue("Location").orElseThrow(), null);
        Matcher cancel = Pattern.compile("id=\"cancel\" href=\"([^\"]+)\"").matcher(page.body());
        assertThat(cancel.find()).isTrue();
        HttpResponse<String> back = get(idp.issuer() + cancel.group(1).replace("&amp;", "&"), null);
        HttpResponse<String> refused = finish(new Callback(URI.create(back.headers().firstValue("Location")
                .orElseThrow()), cookie(begin, "lk_oidc")));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Test IdP did not sign you in");
        assertNoSession(refused);
    }

    @Test
    void signOutEndsTheSessionAndSendsTheBrowserToTheProvidersLogout() throws Exception {
        String session = cookie(finish(startAndConsent()), "lk_console");
        HttpResponse<String> home = get(base + "/console", "lk_console=" + session);
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(home.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> out = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/logout"))
                .header("Cookie", "lk_console=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + enc(csrf.group(1)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(200);
        String refresh = out.headers().firstValue("Refresh").orElseThrow();
        assertThat(refresh).startsWith("0; url=" + idp.issuer() + "/logout?id_token_hint=")
                .contains("post_logout_redirect_uri=" + enc(base + "/console/login"));
        assertThat(get(base + "/console", "lk_console=" + session).statusCode()).isEqualTo(302);
        HttpResponse<String> atProvider = get(refresh.substring("0; url=".length()), null);
        assertThat(atProvider.headers().firstValue("Location")).hasValue(base + "/console/login");
    }

    @Test
    void passwordSignInKeepsWorking() throws Exception {
        HttpResponse<String> form = get(base + "/console/login", null);
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> in = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/login"))
                .header("Cookie", "lk_login=" + cookie(form, "lk_login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + enc(csrf.group(1)) + "&name=admin&password="
                        + enc(PASSWORD))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(cookie(in, "lk_console")).isNotNull();
    }

    private static List<AuditEvent> audit(String action) {
        return app.storage().audit().page(null, 1000).items().stream().filter(e -> e.action().equals(action)).toList();
    }

    static Map<String, String> query(URI url) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
