package io.latchkey.server.http;

import io.latchkey.server.config.TlsSettings;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * The one listening connector: plain HTTP, or HTTPS when {@code tls.keystore} is set. Over HTTPS
 * the server asks for, but does not require, a client certificate trusted by the device CA: an
 * Apple device presents its identity certificate (mutual TLS, shared/reference/apple-mdm.md §1),
 * while browsers, admin clients and enrolling devices (which have no identity yet) connect
 * without one. Whether a request needs an identity is the endpoint's decision, not TLS's.
 */
final class Connectors {
    /** One push to a whole fleet wakes thousands of devices in the same second. */
    private static final int ACCEPT_QUEUE = 4096;

    private Connectors() {
    }

    static Connector create(Server server, HttpConfiguration http, String bind, int port, TlsSettings tls,
                            X509Certificate deviceCa) {
        ServerConnector connector;
        if (tls == null) {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        } else {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Devices reach the server by whatever name the profile says; the certificate's names
            // are the operator's business, not a reason to refuse a request.
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            connector = new ServerConnector(server, new SslConnectionFactory(sslContext(tls, deviceCa), "http/1.1"),
                    new HttpConnectionFactory(http));
        }
        connector.setHost(bind);
        connector.setPort(port);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        return connector;
    }

    private static SslContextFactory.Server sslContext(TlsSettings tls, X509Certificate deviceCa) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keystore().toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(tls.password());
        ssl.setWantClientAuth(true);
        ssl.setTrustStore(trustStore(deviceCa));
        return ssl;
    }

    private static KeyStore trustStore(X509Certificate deviceCa) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("latchkey-device-ca", deviceCa);
            return trust;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the trust store of the device CA", e);
        }
    }
}
