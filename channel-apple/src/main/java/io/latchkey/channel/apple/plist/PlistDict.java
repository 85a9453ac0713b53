package io.latchkey.channel.apple.plist;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads from a device's plist dictionary. A key that is absent where required, or present
 * with the wrong plist type, is a {@link MessageRefused} naming the key (never its value).
 */
public final class PlistDict {

    private final NSDictionary dict;
    private final String path;

    PlistDict(NSDictionary dict, String path) {
        this.dict = dict;
        this.path = path;
    }

    public boolean has(String key) {
        return dict.containsKey(key);
    }

    public String requiredString(String key) {
        return optionalString(key).orElseThrow(() -> missing(key));
    }

    public Optional<String> optionalString(String key) {
        return typed(key, NSString.class, "a string").map(NSString::getContent);
    }

    public Optional<byte[]> optionalData(String key) {
        return typed(key, NSData.class, "data").map(NSData::bytes);
    }

    public byte[] requiredData(String key) {
        return optionalData(key).orElseThrow(() -> missing(key));
    }

    public Optional<Boolean> optionalBoolean(String key) {
        Optional<NSNumber> n = typed(key, NSNumber.class, "a boolean");
        if (n.isPresent() && !n.get().isBoolean()) {
            throw wrongType(key, "a boolean");
        }
        return n.map(NSNumber::boolValue);
    }

    public Optional<Long> optionalInteger(String key) {
        Optional<NSNumber> n = typed(key, NSNumber.class, "an integer");
        if (n.isPresent() && !n.get().isInteger()) {
            throw wrongType(key, "an integer");
        }
        return n.map(NSNumber::longValue);
    }

    public Optional<PlistDict> optionalDict(String key) {
        return typed(key, NSDictionary.class, "a dictionary").map(d -> new PlistDict(d, name(key) + "."));
    }

    /** The items of an array of dictionaries; any other item type is refused. */
    public List<PlistDict> optionalDictArray(String key) {
        Optional<NSArray> array = typed(key, NSArray.class, "an array");
        if (array.isEmpty()) {
            return List.of();
        }
        List<PlistDict> items = new ArrayList<>();
        NSObject[] values = array.get().getArray();
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] instanceof NSDictionary d)) {
                throw wrongType(key + "[" + i + "]", "a dictionary");
            }
            items.add(new PlistDict(d, name(key) + "[" + i + "]."));
        }
        return items;
    }

    /**
     * The dictionary as plain Java values for keys the codec does not type: String, Long, Double,
     * Boolean, byte[], java.time.Instant, List and Map (keys in the plist's order).
     */
    public Map<String, Object> toJava() {
        return toJava(dict);
    }

    private static Map<String, Object> toJava(NSDictionary d) {
        Map<String, Object> out = new LinkedHashMap<>();
        d.getHashMap().forEach((k, v) -> out.put(k, toJava(v)));
        return out;
    }

    private static Object toJava(NSObject o) {
        return switch (o) {
            case NSDictionary d -> toJava(d);
            case NSArray a -> {
                List<Object> list = new ArrayList<>();
                for (NSObject item : a.getArray()) {
                    list.add(toJava(item));
                }
                yield list;
            }
            case NSString s -> s.getContent();
            case NSData data -> data.bytes();
            case NSDate date -> date.getDate().toInstant();
            case NSNumber n when n.isBoolean() -> n.boolValue();
            case NSNumber n when n.isInteger() -> n.longValue();
            case NSNumber n -> n.doubleValue();
            default -> String.valueOf(o);
        };
    }

    private <T extends NSObject> Optional<T> typed(String key, Class<T> type, String expected) {
        NSObject value = dict.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!type.isInstance(value)) {
            throw wrongType(key, expected);
        }
        return Optional.of(type.cast(value));
    }

    private String name(String key) {
        return path + key;
    }

    private MessageRefused missing(String key) {
        return new MessageRefused(MessageRefused.Reason.MISSING_KEY, "the key " + name(key) + " is missing");
    }

    private MessageRefused wrongType(String key, String expected) {
        return new MessageRefused(MessageRefused.Reason.WRONG_TYPE, "the key " + name(key) + " is not " + expected);
    }
}
