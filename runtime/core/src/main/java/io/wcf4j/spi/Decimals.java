package io.wcf4j.spi;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one bound every binding holds a peer's decimals to: at most 1,000 digits, and a scale of at most 1,000 either
 * way. Whatever the wire (JSON, CBOR, XML, a path), money that is not within it is refused as a wrong value when it is
 * read: {@code 1e-999999999} is short text, but rounding, comparing or printing it plainly later costs time and
 * memory that grow with its exponent, and a million-digit number costs already while it is parsed.
 *
 * @since 0.1
 */
public final class Decimals {
    /** The most digits, and the largest scale either way. */
    public static final int MAX_DIGITS = 1000;
    private static final int MAX_UNSCALED_BITS = 3322; // about 1,000 decimal digits

    private Decimals() {
    }

    /** Whether a decimal is within the bound: found in constant time, whatever its size. */
    public static boolean isBounded(BigDecimal value) {
        return Math.abs(value.scale()) <= MAX_DIGITS && value.unscaledValue().bitLength() <= MAX_UNSCALED_BITS;
    }

    /**
     * Where, in a call's arguments as a binding read them, the first decimal beyond the bound is ("payload.amount",
     * "records[3].amount"), or null when there is none: for a binding whose parser cannot bound decimals as it reads
     * them (SOAP's JAXB). Data contracts are walked through their fields, lists, sets, maps and arrays, each object
     * once; a class's fields are looked up once.
     */
    public static String findUnbounded(Object[] arguments, List<String> names) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < arguments.length; i++) {
            String found = find(arguments[i], i < names.size() ? names.get(i) : "argument " + i, seen, 0);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String find(Object value, String path, Set<Object> seen, int depth) {
        if (value == null || depth > 64) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return isBounded(d) ? null : path;
        }
        Class<?> type = value.getClass();
        if (type.isPrimitive() || type.isEnum() || value instanceof CharSequence || value instanceof Number
                || value instanceof Boolean || value instanceof Temporal || !seen.add(value)) {
            return null;
        }
        if (value instanceof Iterable<?> items) {
            int i = 0;
            for (Object item : items) {
                String found = find(item, path + "[" + i++ + "]", seen, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String found = find(e.getValue(), path + "[" + ErrorTexts.truncate(String.valueOf(e.getKey())) + "]", seen, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                return null;
            }
            Object[] items = (Object[]) value;
            for (int i = 0; i < items.length; i++) {
                String found = find(items[i], path + "[" + i + "]", seen, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (type.getName().startsWith("java.")) {
            return null;
        }
        for (Field f : FIELDS.get(type)) {
            Object v;
            try {
                v = f.get(value);
            } catch (IllegalAccessException e) {
                continue;
            }
            String found = find(v, path + "." + f.getName(), seen, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** A data contract's fields that may hold a decimal somewhere (not primitives, not text), made accessible. */
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) || f.getType().isPrimitive() || f.getType() == String.class) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        fields.add(f);
                    } catch (RuntimeException notOpen) {
                        // a class of a module that does not open it: not a data contract of the service's
                    }
                }
            }
            return List.copyOf(fields);
        }
    };

    /**
     * A decimal's text as a bounded decimal.
     *
     * @throws NumberFormatException if it is not a decimal, or not one within the bound (refused before parsing when
     *                               its text alone is too long)
     */
    public static BigDecimal parse(String text) {
        String t = text.trim();
        if (t.length() > MAX_DIGITS + 16) {
            throw new NumberFormatException("a decimal of more than " + MAX_DIGITS + " digits");
        }
        BigDecimal value = new BigDecimal(t);
        if (!isBounded(value)) {
            throw new NumberFormatException("a decimal of more than " + MAX_DIGITS + " digits or a scale beyond " + MAX_DIGITS);
        }
        return value;
    }
}
