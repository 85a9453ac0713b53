package io.latchkey.simulator.apple;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import com.dd.plist.PropertyListParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading and writing the property lists a device exchanges with its server. */
final class Plists {

    private Plists() {
    }

    /** XML, UTF-8: what devices put on the wire. */
    static byte[] xml(NSDictionary dict) {
        return dict.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when {@code body} is not a plist whose root is a dictionary */
    static NSDictionary dictionary(byte[] body) {
        NSObject root;
        try {
            root = PropertyListParser.parse(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a property list: " + e.getMessage(), e);
        }
        if (!(root instanceof NSDictionary d)) {
            throw new IllegalArgumentException("the property list's root is not a dictionary");
        }
        return d;
    }

    static Optional<String> string(NSDictionary d, String key) {
        return d.objectForKey(key) instanceof NSString s ? Optional.of(s.getContent()) : Optional.empty();
    }

    static Optional<byte[]> data(NSDictionary d, String key) {
        return d.objectForKey(key) instanceof NSData s ? Optional.of(s.bytes()) : Optional.empty();
    }

    static Optional<Boolean> bool(NSDictionary d, String key) {
        return d.objectForKey(key) instanceof NSNumber n && n.type() == NSNumber.BOOLEAN
                ? Optional.of(n.boolValue()) : Optional.empty();
    }

    static Optional<Integer> integer(NSDictionary d, String key) {
        return d.objectForKey(key) instanceof NSNumber n && n.type() == NSNumber.INTEGER
                ? Optional.of(n.intValue()) : Optional.empty();
    }

    static Optional<NSDictionary> dictionary(NSDictionary d, String key) {
        return d.objectForKey(key) instanceof NSDictionary c ? Optional.of(c) : Optional.empty();
    }

    static List<NSObject> array(NSDictionary d, String key) {
        return d.objectForKey(key) instanceof NSArray a ? List.of(a.getArray()) : List.of();
    }

    static List<String> strings(NSDictionary d, String key) {
        List<String> out = new ArrayList<>();
        for (NSObject o : array(d, key)) {
            if (o instanceof NSString s) {
                out.add(s.getContent());
            }
        }
        return out;
    }
}
