/**
 * Simulated iPhones, iPads and Macs that speak Apple MDM to a server over HTTP and nothing else:
 * profile download, SCEP (RFC 8894), check-ins and command sessions signed with {@code Mdm-Signature}
 * (shared/reference/apple-mdm.md §1, §2, §4).
 *
 * <pre>{@code
 * try (MockApns apns = MockApns.start()) {                 // give the server apns.port() and its PEM
 *     SimulatedAppleDevice phone = new SimulatedAppleDevice(AppleModel.IPHONE, 42);
 *     phone.enroll(URI.create(base + "/enroll/apple/profile?code=" + code));
 *     apns.register(phone.pushToken(), phone::pushMagic, phone::wake);
 *     // ... the server pushes; the phone runs a command session on a virtual thread ...
 *     phone.status().locked();
 * }
 * }</pre>
 *
 * {@link io.latchkey.simulator.apple.SimulatedAppleFleet} does the same for many devices.
 */
package io.latchkey.simulator.apple;
