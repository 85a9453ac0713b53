package io.latchkey.server.simulate;

/** A simulation that cannot go on, with a message for the user (the server refused, devices did not enroll…). */
public final class SimulationFailed extends RuntimeException {
    public SimulationFailed(String message) {
        super(message);
    }
}
