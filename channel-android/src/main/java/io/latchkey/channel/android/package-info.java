/**
 * The Android Enterprise channel, through Google's Android Management API (AMAPI) and the official
 * Java client {@code google-api-services-androidmanagement} (shared/reference/android-and-eas.md §1):
 * <ul>
 *   <li>{@link io.latchkey.channel.android.AmapiClient}: the client with a configurable root URL,
 *       service-account credentials, a request rate limit and retries of 429/5xx with backoff;</li>
 *   <li>{@link io.latchkey.channel.android.AndroidEnrollment}: signup URL → enterprise, the default
 *       policy, enrollment tokens per user as QR payload and PNG;</li>
 *   <li>{@link io.latchkey.channel.android.AndroidChannel}: the core's {@code Channel} port: commands
 *       due become issueCommand / devices.delete calls, operations are followed to their outcome;</li>
 *   <li>{@link io.latchkey.channel.android.PubSubNotification} and
 *       {@link io.latchkey.channel.android.AndroidNotifications}: Pub/Sub push notifications as
 *       triggers, each checked against the API before anything is stored;
 *       {@link io.latchkey.channel.android.PushAuthenticator}: a push is Google's (an ID token of an
 *       authenticated subscription, or the URL secret);
 *       {@link io.latchkey.channel.android.AndroidInventory}: device records from AMAPI devices;
 *       {@link io.latchkey.channel.android.AndroidSync}: polling and devices.list reconciliation.</li>
 * </ul>
 */
package io.latchkey.channel.android;
