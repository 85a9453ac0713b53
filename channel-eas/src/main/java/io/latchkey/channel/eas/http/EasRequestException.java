package io.latchkey.channel.eas.http;

/** A request line or header the gateway cannot read as MS-ASHTTP; answered with HTTP 400. */
public final class EasRequestException extends RuntimeException {
    public EasRequestException(String message) {
        super(message);
    }
}
