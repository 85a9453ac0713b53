/**
 * The Apple MDM channel (iOS, iPadOS, macOS), issue 3. Sub-packages by feature:
 * <ul>
 *   <li>{@code pki}: the device CA (created on first use, kept as PKCS#12 in the data directory)
 *       and the issuer of device identity certificates;</li>
 *   <li>{@code scep}: the SCEP responder (RFC 8894 GetCACaps, GetCACert, PKIOperation PKCSReq)
 *       and the {@code EnrollmentChallenges} port for one-time challenges bound to a user, backed by
 *       the core's enrollment codes ({@code EnrollmentCodeChallenges});</li>
 *   <li>{@code profile}: the per-user enrollment profile ({@code .mobileconfig}) and its signer;</li>
 *   <li>{@code plist}, {@code checkin}, {@code report}: decoding of device bodies into typed
 *       check-ins and command reports; malformed input is a {@code MessageRefused} (HTTP 400);</li>
 *   <li>{@code command}: the command plists sent to devices;</li>
 *   <li>{@code identity}: the device certificate check and the {@code Mdm-Signature} verifier.</li>
 * </ul>
 *
 * <p>The server mounts SCEP and the profile download ({@code server}'s {@code AppleEnrollment}).
 * Not here yet: check-in and command routes, storage of enrollments, the core's
 * {@code io.latchkey.core.action.Channel} implementation and APNs push. Until they are wired the
 * server runs with no Apple channel and commands stay pending: nothing here imitates a device or a
 * vendor service.
 */
package io.latchkey.channel.apple;
