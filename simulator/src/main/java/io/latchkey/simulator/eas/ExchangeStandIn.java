package io.latchkey.simulator.eas;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream Exchange for tests and the demo: {@code /Microsoft-Server-ActiveSync} with OPTIONS
 * (MS-ASHTTP §2.2.3, MS-ASProtocolVersions/MS-ASProtocolCommands), Provision with the two-phase
 * policy key (MS-ASPROV §3.2.5.1: a temporary key with the policy, the final key on the
 * acknowledgement), FolderSync, Sync (one mailbox per user, messages of any size), Ping held until
 * mail arrives or the heartbeat ends (MS-ASCMD §2.2.1.13), and Settings. Commands without the final
 * policy key get HTTP 449 (protocol 12.1 and older) or Status 142 (14.0 and later). Basic
 * authentication is required; each request's Authorization header is kept as received, so a test
 * can check the gateway passed it through untouched. Every exchange is recorded byte for byte.
 */
public final class ExchangeStandIn implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeStandIn.class);
    public static final String VERSIONS = "2.5,12.0,12.1,14.0,14.1,16.0,16.1";
    public static final String COMMANDS = "Sync,SendMail,SmartForward,SmartReply,GetAttachment,FolderSync,FolderCreate,"
            + "FolderDelete,FolderUpdate,MoveItems,GetItemEstimate,MeetingResponse,Search,Settings,Ping,ItemOperations,"
            + "Provision,ResolveRecipients,ValidateCert,Find";
    private static final String WBXML = "application/vnd.ms-sync.wbxml";

    /** One request and its answer as the upstream saw them. */
    public record Exchanged(String deviceId, String command, byte[] request, int status, byte[] response,
                            String authorization) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> tempKeys = new ConcurrentHashMap<>();
    private final Map<String, Long> finalKeys = new ConcurrentHashMap<>();
    private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final List<Exchanged> log = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger pingsHeld = new AtomicInteger();
    private volatile Duration maxPingHold = Duration.ofMinutes(30);
    private volatile boolean recording = true;

    private ExchangeStandIn(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static ExchangeStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            ExchangeStandIn standIn = new ExchangeStandIn(server, executor);
            server.createContext("/Microsoft-Server-ActiveSync", standIn::handle);
            server.start();
            LOG.info("Exchange ActiveSync stand-in listening on port {}", standIn.port());
            return standIn;
        } catch (IOException e) {
            throw new IllegalStateException("the Exchange stand-in did not start", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL a gateway forwards to (its {@code eas.upstream}). */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port() + "/Microsoft-Server-ActiveSync");
    }

    /** Pings are answered after their heartbeat or this, whichever is shorter (tests keep it short). */
    public ExchangeStandIn holdPingsAtMost(Duration hold) {
        this.maxPingHold = hold;
        return this;
    }

    /** Stops keeping every exchange (the benchmark's thousand Pings need no transcript). */
    public ExchangeStandIn recording(boolean on) {
        this.recording = on;
        return this;
    }

    /** Puts a message of {@code bodyBytes} bytes in the user's Inbox and ends the user's held Pings. */
    public void deliver(String user, String subject, int bodyBytes) {
        mailbox(user).add(subject, bodyBytes);
    }

    public List<Exchanged> exchanges() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    public List<Exchanged> exchangesOf(String deviceId) {
        return exchanges().stream().filter(e -> deviceId.equals(e.deviceId())).toList();
    }

    /** How many Ping requests are being held right now. */
    public int pingsHeld() {
        return pingsHeld.get();
    }

    private Mailbox mailbox(String user) {
        return mailboxes.computeIfAbsent(user == null ? "" : user.toLowerCase(java.util.Locale.ROOT), u -> new Mailbox());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("MS-Server-ActiveSync", "15.1");
            if (ex.getRequestMethod().equals("OPTIONS")) {
                ex.getResponseHeaders().set("Allow", "OPTIONS,POST");
                ex.getResponseHeaders().set("MS-ASProtocolVersions", VERSIONS);
                ex.getResponseHeaders().set("MS-ASProtocolCommands", COMMANDS);
                ex.sendResponseHeaders(200, -1);
                return;
            }
            byte[] request = ex.getRequestBody().readAllBytes();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            EasCall call = EasCall.of(ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders().getFirst("MS-ASProtocolVersion"),
                    ex.getRequestHeaders().getFirst("X-MS-PolicyKey"));
            int status;
            byte[] response;
            if (!authorized(auth)) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"stand-in\"");
                status = 401;
                response = new byte[0];
            } else {
                Answer a = answer(call, request);
                status = a.status;
                response = a.body;
            }
            if (recording) {
                log.add(new Exchanged(call.deviceId(), call.cmd(), request, status, response, auth));
            }
            if (response.length > 0) {
                ex.getResponseHeaders().set("Content-Type", WBXML);
            }
            ex.sendResponseHeaders(status, response.length == 0 ? -1 : response.length);
            ex.getResponseBody().write(response);
        } catch (RuntimeException e) {
            LOG.warn("stand-in could not answer: {}", e.toString());
        }
    }

    private static boolean authorized(String auth) {
        if (auth == null || !auth.startsWith("Basic ")) {
            return false;
        }
        String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        return pair.indexOf(':') > 0 && pair.length() > pair.indexOf(':') + 1;
    }

    private record Answer(int status, byte[] body) {
        static Answer of(Node n) {
            return new Answer(200, EasWire.write(n));
        }
    }

    private Answer answer(EasCall call, byte[] request) {
        Node body = request.length == 0 ? null : EasWire.read(request);
        String cmd = call.cmd();
        if (cmd.equals("Provision")) {
            return Answer.of(provision(call, body));
        }
        if (!cmd.equals("Settings") && !provisioned(call)) {
            if (call.versionNumber() <= 121) {
                return new Answer(449, new byte[0]); // MS-ASPROV §3.1.5.1 / MS-ASHTTP: Retry With
            }
            String ns = switch (cmd) {
                case "Sync" -> "AirSync";
                case "FolderSync" -> "FolderHierarchy";
                case "Ping" -> "Ping";
                default -> null;
            };
            return ns == null ? new Answer(449, new byte[0])
                    : Answer.of(Node.of(ns, cmd, Node.text(ns, "Status", "142"))); // DeviceNotProvisioned
        }
        return switch (cmd) {
            case "Settings" -> Answer.of(Node.of("Settings", "Settings", Node.text("Settings", "Status", "1"),
                    Node.of("Settings", "DeviceInformation", Node.text("Settings", "Status", "1"))));
            case "FolderSync" -> Answer.of(folders());
            case "Sync" -> Answer.of(sync(call, body));
            case "Ping" -> Answer.of(ping(call, body));
            default -> new Answer(200, new byte[0]);
        };
    }

    private boolean provisioned(EasCall call) {
        Long key = finalKeys.get(call.deviceId());
        return key != null && call.policyKey() != null && key.toString().equals(call.policyKey().trim());
    }

    private Node provision(EasCall call, Node body) {
        String type = "MS-EAS-Provisioning-WBXML";
        List<Node> kids = new ArrayList<>();
        if (body != null && body.get("DeviceInformation").isPresent()) {
            kids.add(Node.of("Settings", "DeviceInformation", Node.text("Settings", "Status", "1")));
        }
        kids.add(Node.text("Provision", "Status", "1"));
        String acked = body == null ? null : body.textOf("Policies", "Policy", "PolicyKey").orElse(null);
        if (acked != null) {
            Long temp = tempKeys.get(call.deviceId());
            boolean good = temp != null && temp.toString().equals(acked);
            long finalKey = good ? 1 + (random.nextInt() & 0x7FFFFFFF) : 0;
            if (good) {
                finalKeys.put(call.deviceId(), finalKey);
            }
            kids.add(Node.of("Provision", "Policies", Node.of("Provision", "Policy", Node.text("Provision", "PolicyType", type),
                    Node.text("Provision", "Status", good ? "1" : "5"), Node.text("Provision", "PolicyKey",
                            Long.toString(finalKey)))));
        } else if (body != null && body.get("Policies").isPresent()) {
            long temp = 1 + (random.nextInt() & 0x7FFFFFFF);
            tempKeys.put(call.deviceId(), temp);
            kids.add(Node.of("Provision", "Policies", Node.of("Provision", "Policy", Node.text("Provision", "PolicyType", type),
                    Node.text("Provision", "Status", "1"), Node.text("Provision", "PolicyKey", Long.toString(temp)),
                    Node.of("Provision", "Data", Node.of("Provision", "EASProvisionDoc",
                            Node.text("Provision", "DevicePasswordEnabled", "1"),
                            Node.text("Provision", "MinDevicePasswordLength", "6"),
                            Node.text("Provision", "MaxInactivityTimeDeviceLock", "300"),
                            Node.text("Provision", "MaxDevicePasswordFailedAttempts", "10"))))));
        }
        return new Node("Provision", "Provision", kids, null);
    }

    private static Node folders() {
        return Node.of("FolderHierarchy", "FolderSync", Node.text("FolderHierarchy", "Status", "1"),
                Node.text("FolderHierarchy", "SyncKey", "1"), Node.of("FolderHierarchy", "Changes",
                        Node.text("FolderHierarchy", "Count", "3"), folder("1", "Inbox", "2"),
                        folder("2", "Sent Items", "5"), folder("3", "Calendar", "8")));
    }

    private static Node folder(String id, String name, String type) {
        return Node.of("FolderHierarchy", "Add", Node.text("FolderHierarchy", "ServerId", id),
                Node.text("FolderHierarchy", "ParentId", "0"), Node.text("FolderHierarchy", "DisplayName", name),
                Node.text("FolderHierarchy", "Type", type));
    }

    private Node sync(EasCall call, Node body) {
        String syncKey = body == null ? "0" : body.textOf("Collections", "Collection", "SyncKey").orElse("0");
        String collection = body == null ? "1" : body.textOf("Collections", "Collection", "CollectionId").orElse("1");
        int next = syncKey.equals("0") ? 1 : Integer.parseInt(syncKey) + 1;
        List<Node> adds = syncKey.equals("0") ? List.of() : mailbox(call.user()).takeNew().stream()
                .map(m -> Node.of("AirSync", "Add", Node.text("AirSync", "ServerId", collection + ":" + m.id),
                        Node.of("AirSync", "ApplicationData", Node.text("Email", "Subject", m.subject),
                                Node.text("Email", "From", "\"Stand-in\" <stand-in@example.test>"),
                                Node.of("AirSyncBase", "Body", Node.text("AirSyncBase", "Type", "1"),
                                        Node.text("AirSyncBase", "Data", m.body)))))
                .toList();
        List<Node> kids = new ArrayList<>(List.of(Node.text("AirSync", "SyncKey", Integer.toString(next)),
                Node.text("AirSync", "CollectionId", collection), Node.text("AirSync", "Status", "1")));
        if (!adds.isEmpty()) {
            kids.add(new Node("AirSync", "Commands", adds, null));
        }
        return Node.of("AirSync", "Sync", Node.of("AirSync", "Collections", new Node("AirSync", "Collection", kids, null)));
    }

    private Node ping(EasCall call, Node body) {
        long heartbeat = body == null ? 480 : Long.parseLong(body.textOf("HeartbeatInterval").orElse("480"));
        long waitMs = Math.min(TimeUnit.SECONDS.toMillis(heartbeat), maxPingHold.toMillis());
        Mailbox box = mailbox(call.user());
        pingsHeld.incrementAndGet();
        boolean changed;
        try {
            changed = box.awaitNew(waitMs);
        } finally {
            pingsHeld.decrementAndGet();
        }
        // MS-ASCMD §2.2.3.177.11: 1 = the heartbeat expired with no changes, 2 = changes in the folders
        return changed ? Node.of("Ping", "Ping", Node.text("Ping", "Status", "2"),
                Node.of("Ping", "Folders", Node.text("Ping", "Folder", "1")))
                : Node.of("Ping", "Ping", Node.text("Ping", "Status", "1"));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** One user's Inbox: messages not yet synced, and the Pings waiting for them. */
    private static final class Mailbox {
        private final List<Message> fresh = new ArrayList<>();
        private int lastId;

        synchronized void add(String subject, int bodyBytes) {
            StringBuilder body = new StringBuilder(bodyBytes);
            while (body.length() < bodyBytes) {
                body.append("Line ").append(body.length()).append(" of a long message body.\r\n");
            }
            body.setLength(bodyBytes);
            fresh.add(new Message(++lastId, subject, body.toString()));
            notifyAll();
        }

        synchronized List<Message> takeNew() {
            List<Message> out = List.copyOf(fresh);
            fresh.clear();
            return out;
        }

        synchronized boolean awaitNew(long ms) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
            while (fresh.isEmpty()) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private record Message(int id, String subject, String body) {
    }
}
