/**
 * Stand-ins for push services: {@link io.latchkey.simulator.push.MockApns} receives a server's APNs
 * MDM pushes over HTTP/2 and wakes the simulated devices they are for.
 */
package io.latchkey.simulator.push;
