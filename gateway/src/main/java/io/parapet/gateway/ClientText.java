package io.parapet.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Walks the client-supplied values of a request so that every piece of text in them passes the input policy. */
public final class ClientText {
    private ClientText() {}

    /**
     * The variables with every string value (also inside lists and objects, which templates iterate) replaced by
     * what {@code scan} returns for it; {@code scan} gets the value's path, such as {@code question} or
     * {@code items[2].title}, and may throw to refuse it. Keys are names the template asks for, not text that
     * reaches the model.
     */
    static Map<String, Object> scanVariables(Map<String, Object> variables, BiFunction<String, String, String> scan) {
        if (variables == null || variables.isEmpty()) {
            return variables;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        variables.forEach((name, value) -> out.put(name, walk(name, value, scan)));
        return out;
    }

    private static Object walk(String path, Object value, BiFunction<String, String, String> scan) {
        if (value instanceof String text) {
            return scan.apply(path, text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), walk(path + "." + k, v, scan)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(walk(path + "[" + i + "]", list.get(i), scan));
            }
            return out;
        }
        return value; // numbers, booleans, null: nothing a model reads as instructions
    }
}
