package io.latchkey.simulator.eas;

import java.util.List;
import java.util.Optional;

/** An EAS WBXML element as the stand-ins see it: namespace, name, and children or text. */
public record Node(String ns, String name, List<Node> kids, String text) {
    public Node {
        kids = kids == null ? List.of() : List.copyOf(kids);
    }

    public static Node of(String ns, String name, Node... kids) {
        return new Node(ns, name, List.of(kids), null);
    }

    public static Node text(String ns, String name, String text) {
        return new Node(ns, name, List.of(), text);
    }

    public Optional<Node> get(String... path) {
        Optional<Node> at = Optional.of(this);
        for (String step : path) {
            at = at.flatMap(n -> n.kids.stream().filter(k -> k.name.equals(step)).findFirst());
        }
        return at;
    }

    public Optional<String> textOf(String... path) {
        return get(path).map(Node::text);
    }
}
