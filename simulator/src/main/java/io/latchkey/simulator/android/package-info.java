/**
 * A local stand-in for Google's Android Management API (AMAPI) and the Android devices behind it,
 * for tests, the demo and load tests: Google cannot be reached from here, and a real enterprise
 * cannot be created in a test. {@link io.latchkey.simulator.android.AmapiStandIn} serves the REST
 * endpoints Latchkey calls with the JSON shapes of https://developers.google.com/android/management/reference/rest
 * (the official Java client talks to it through its root URL), plus the OAuth token endpoint a
 * service-account key names, and pushes Pub/Sub notifications the way a push subscription does,
 * authenticated with ID tokens it signs ({@link io.latchkey.simulator.android.PushIdTokens}) and
 * whose certificate it publishes as Google does.
 * {@link io.latchkey.simulator.android.SimulatedAndroidDevice} applies commands with the
 * platform's rules. Nothing here knows the server's code.
 */
package io.latchkey.simulator.android;
