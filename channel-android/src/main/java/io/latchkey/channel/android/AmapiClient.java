package io.latchkey.channel.android;

import com.google.api.client.googleapis.auth.oauth2.GoogleCredential;
import com.google.api.client.http.HttpExecuteInterceptor;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.HttpUnsuccessfulResponseHandler;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.androidmanagement.v1.AndroidManagement;
import com.google.api.services.androidmanagement.v1.AndroidManagementScopes;
import io.latchkey.wake.Backoff;
import io.latchkey.wake.TokenBucket;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The official AMAPI client, built once: the configured root URL (Google's, or a stand-in), the
 * service account's OAuth credentials (the key file's {@code token_uri} says where tokens come
 * from), every call (retries included) paced by a token bucket, and 429 / 5xx answers retried with
 * exponential backoff, as Google asks of API clients (https://cloud.google.com/apis/design/errors#error_retries).
 */
public final class AmapiClient {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AmapiClient.class);
    private static final int RETRIES = 6;
    /**
     * Pooled connections to the API: HttpURLConnection keeps 5 idle connections per host, so the
     * channel's parallel calls would mostly open a new TLS connection each.
     */
    private static final int CONNECTIONS = 128;
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));

    private final AndroidManagement api;
    private final String projectId;
    private final TokenBucket bucket;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    private AmapiClient(AndroidManagement api, String projectId, TokenBucket bucket) {
        this.api = api;
        this.projectId = projectId;
        this.bucket = bucket;
    }

    /** Reads the key file (its content is never logged or echoed) and builds the client. */
    public static AmapiClient open(AndroidSettings settings) {
        warnIfReadableByOthers(settings.serviceAccountKey());
        HttpTransport transport = new ApacheHttpTransport(ApacheHttpTransport.newDefaultHttpClientBuilder()
                .setMaxConnPerRoute(CONNECTIONS).setMaxConnTotal(CONNECTIONS).build());
        JsonFactory json = GsonFactory.getDefaultInstance();
        GoogleCredential credential;
        String project;
        try (InputStream in = Files.newInputStream(settings.serviceAccountKey())) {
            credential = GoogleCredential.fromStream(in, transport, json)
                    .createScoped(List.of(AndroidManagementScopes.ANDROIDMANAGEMENT));
            project = settings.projectId() != null ? settings.projectId() : projectOf(settings, json);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the Android service-account key "
                    + settings.serviceAccountKey() + " (" + e.getClass().getSimpleName() + ")");
        }
        TokenBucket bucket = TokenBucket.atMost(settings.requestsPerSecond(), System::nanoTime);
        AmapiClient[] self = new AmapiClient[1];
        AndroidManagement api = new AndroidManagement.Builder(transport, json, request -> self[0].initialize(
                credential, request))
                .setRootUrl(settings.rootUrl().toString())
                .setApplicationName("Latchkey")
                .build();
        self[0] = new AmapiClient(api, project, bucket);
        return self[0];
    }

    /** The key is the operator's file, read in place and never copied: it should be readable by Latchkey's user only. */
    private static void warnIfReadableByOthers(java.nio.file.Path key) {
        try {
            var perms = Files.getPosixFilePermissions(key);
            if (perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
                    || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
                LOG.warn("the Android service-account key {} is readable by other users: chmod 600 it", key);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
    }

    private static String projectOf(AndroidSettings settings, JsonFactory json) throws IOException {
        try (InputStream in = Files.newInputStream(settings.serviceAccountKey())) {
            Object id = json.createJsonParser(in).parse(com.google.api.client.json.GenericJson.class).get("project_id");
            if (id == null) {
                throw new IllegalArgumentException("no project_id");
            }
            return id.toString();
        }
    }

    private void initialize(GoogleCredential credential, HttpRequest request) throws IOException {
        credential.initialize(request);
        HttpExecuteInterceptor authorize = request.getInterceptor();
        HttpUnsuccessfulResponseHandler refresh = request.getUnsuccessfulResponseHandler();
        request.setNumberOfRetries(RETRIES);
        request.setInterceptor(r -> {
            try {
                bucket.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the AMAPI rate limit", e);
            }
            calls.incrementAndGet();
            authorize.intercept(r);
        });
        int[] failures = {0};
        request.setUnsuccessfulResponseHandler((r, response, supportsRetry) -> {
            if (refresh.handleResponse(r, response, supportsRetry)) {
                return true; // an expired access token, refreshed
            }
            if (supportsRetry && retryable(response)) {
                retries.incrementAndGet();
                sleep(BACKOFF.delay(++failures[0], ThreadLocalRandom.current()));
                return true;
            }
            return false;
        });
    }

    private static boolean retryable(HttpResponse response) {
        int status = response.getStatusCode();
        return status == 429 || status >= 500;
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during AMAPI backoff", e);
        }
    }

    public AndroidManagement api() {
        return api;
    }

    public String projectId() {
        return projectId;
    }

    /** HTTP calls made to the API (each retry counts), since start. */
    public long calls() {
        return calls.get();
    }

    public long retries() {
        return retries.get();
    }
}
