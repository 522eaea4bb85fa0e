package io.raftpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedValuesInOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of(true, 2L, 0.25));
        m.put("n", null);
        m.put("o", Map.of("k", "v"));
        assertEquals("{\"b\":1,\"a\":[true,2,0.25],\"n\":null,\"o\":{\"k\":\"v\"}}", Json.write(m));
    }

    @Test
    void escapesWhatJsonRequires() {
        assertEquals("\"q\\\" b\\\\ n\\n t\\t c\\u0001 \\u2028 é\"",
                Json.write("q\" b\\ n\n t\t c\u0001 \u2028 é"));
    }

    @Test
    void numbersJsonCannotHoldAreNull() {
        assertEquals("[null,null,1.0E20]", Json.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, 1e20)));
    }
}
