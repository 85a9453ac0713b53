package io.latchkey.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP load balancer as small as a test needs: each accepted connection goes to the next node in
 * turn whose port still accepts a connection (a node killed with SIGKILL is skipped), bytes relayed
 * both ways unchanged. Counts the connections each node took.
 */
final class RoundRobinRelay implements AutoCloseable {
    private final ServerSocket listener;
    private volatile List<Integer> nodes = List.of();
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Integer, AtomicInteger> taken = new ConcurrentHashMap<>();

    private RoundRobinRelay(ServerSocket listener) {
        this.listener = listener;
        Thread.ofVirtual().name("relay-accept").start(this::acceptLoop);
    }

    static RoundRobinRelay start() throws IOException {
        return new RoundRobinRelay(new ServerSocket(0, 1024, InetAddress.getLoopbackAddress()));
    }

    int port() {
        return listener.getLocalPort();
    }

    void route(List<Integer> nodePorts) {
        nodes = List.copyOf(nodePorts);
    }

    /** How many connections the node on this port took. */
    int connectionsTo(int nodePort) {
        return taken.getOrDefault(nodePort, new AtomicInteger()).get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().start(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        List<Integer> ports = nodes;
        for (int tries = 0; tries < ports.size(); tries++) {
            int port = ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
            Socket node = new Socket();
            try {
                node.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            } catch (IOException down) {
                closeQuietly(node);
                continue;
            }
            taken.computeIfAbsent(port, p -> new AtomicInteger()).incrementAndGet();
            Thread up = Thread.ofVirtual().start(() -> pump(client, node));
            pump(node, client);
            try {
                up.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(node);
            closeQuietly(client);
            return;
        }
        closeQuietly(client);
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException gone) {
            // one side died (a killed node): close both so the other side sees it at once
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
