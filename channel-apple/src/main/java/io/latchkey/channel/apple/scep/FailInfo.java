package io.latchkey.channel.apple.scep;

/** The failInfo values of a FAILURE CertRep (RFC 8894 §3.2.1.4.5), with their wire code. */
public enum FailInfo {
    BAD_ALG("0"),
    BAD_MESSAGE_CHECK("1"),
    BAD_REQUEST("2"),
    BAD_TIME("3"),
    BAD_CERT_ID("4");

    private final String code;

    FailInfo(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
