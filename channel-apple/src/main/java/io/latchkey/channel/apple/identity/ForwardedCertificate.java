package io.latchkey.channel.apple.identity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * The client certificate a TLS-terminating proxy forwards in a header. Two encodings are read,
 * as NanoMDM reads them (micromdm/nanomdm http/mdm/mdm_cert.go, shared/reference/apple-mdm.md §1):
 * RFC 9440 ({@code :<base64 DER>:}, e.g. {@code Client-Cert}) and a URL-escaped PEM (nginx's
 * {@code $ssl_client_escaped_cert}). Only the HTTP layer decides whether the sender is a proxy it
 * trusts; this class only reads the value.
 */
public final class ForwardedCertificate {
    /** A certificate header is a few KB; a much larger one is not a certificate. */
    private static final int MAX_LENGTH = 16 * 1024;

    private ForwardedCertificate() {
    }

    /** @throws IdentityRefused MISSING when empty, MALFORMED when it is not a certificate */
    public static X509Certificate parse(String header) {
        byte[] der = der(header);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw malformed();
        }
    }

    /**
     * The certificate's DER encoding, decoded from the header but not parsed (the check-in path
     * parses a certificate only the first time it sees it: {@link DeviceCertificateTrust#checkEncoded}).
     *
     * @throws IdentityRefused MISSING when empty, MALFORMED when it is neither encoding
     */
    public static byte[] der(String header) {
        if (header == null || header.isBlank()) {
            throw new IdentityRefused(IdentityRefused.Reason.MISSING, "no forwarded client certificate");
        }
        if (header.length() > MAX_LENGTH) {
            throw malformed();
        }
        try {
            String value = header.trim();
            byte[] der;
            if (value.startsWith(":") && value.endsWith(":") && value.length() > 2) {
                der = Base64.getDecoder().decode(value.substring(1, value.length() - 1));
            } else {
                String pem = percentDecoded(value);
                der = Base64.getDecoder().decode(withoutSpace(pem.replace("-----BEGIN CERTIFICATE-----", "")
                        .replace("-----END CERTIFICATE-----", "")));
            }
            if (der.length == 0) {
                throw malformed();
            }
            return der;
        } catch (IdentityRefused e) {
            throw e;
        } catch (Exception e) {
            throw malformed();
        }
    }

    /**
     * URL decoding as {@link java.net.URLDecoder} does it ({@code %XX}, and {@code +} for a space),
     * for the ASCII a PEM certificate is: any other byte cannot be base64 and is refused.
     */
    private static String percentDecoded(String value) {
        byte[] text = new byte[value.length()];
        int n = 0;
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c == '%') {
                int hi = k + 2 < value.length() ? Character.digit(value.charAt(k + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(value.charAt(k + 2), 16);
                if (lo < 0 || hi > 7) {
                    throw malformed();
                }
                text[n++] = (byte) (hi * 16 + lo);
                k += 2;
            } else if (c == '+') {
                text[n++] = ' ';
            } else if (c < 0x80) {
                text[n++] = (byte) c;
            } else {
                throw malformed();
            }
        }
        return new String(text, 0, n, StandardCharsets.US_ASCII);
    }

    /** The base64 text without the white space PEM wraps it in ({@code \\s}: space, tab, LF, VT, FF, CR). */
    private static byte[] withoutSpace(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\u000b' && c != '\f' && c != '\r') {
                out[n++] = (byte) c;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static IdentityRefused malformed() {
        return new IdentityRefused(IdentityRefused.Reason.MALFORMED,
                "the forwarded client certificate is neither RFC 9440 nor a URL-escaped PEM certificate");
    }
}
