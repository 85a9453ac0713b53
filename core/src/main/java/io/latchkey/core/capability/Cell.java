package io.latchkey.core.capability;

import io.latchkey.core.inventory.Device;

import java.util.function.Predicate;

/** One cell of the capability matrix: yes, no (reason), or conditional (a condition on the device). */
public sealed interface Cell {

    Decision decide(Device device);

    /** "yes", "no" or "conditional", as the matrix prints it. */
    String kind();

    record Yes(String method, SecretKind secret) implements Cell {
        @Override
        public Decision decide(Device device) {
            return new Decision.Supported(method, null, secret);
        }

        @Override
        public String kind() {
            return "yes";
        }
    }

    record No(String reason) implements Cell {
        @Override
        public Decision decide(Device device) {
            return new Decision.NotSupported(reason);
        }

        @Override
        public String kind() {
            return "no";
        }
    }

    /** Supported only when {@code test} holds; otherwise not supported for {@code reasonIfNot}. */
    record When(String condition, Predicate<Device> test, String method, SecretKind secret, String reasonIfNot)
            implements Cell {
        @Override
        public Decision decide(Device device) {
            return test.test(device)
                    ? new Decision.Supported(method, condition, secret)
                    : new Decision.NotSupported(reasonIfNot);
        }

        @Override
        public String kind() {
            return "conditional";
        }
    }

    /** Always supported, but done one of two ways depending on {@code test}. */
    record Either(String condition, Predicate<Device> test, String methodIfTrue, String conditionIfFalse,
                  String methodIfFalse) implements Cell {
        @Override
        public Decision decide(Device device) {
            return test.test(device)
                    ? new Decision.Supported(methodIfTrue, condition, SecretKind.NONE)
                    : new Decision.Supported(methodIfFalse, conditionIfFalse, SecretKind.NONE);
        }

        @Override
        public String kind() {
            return "conditional";
        }
    }
}
