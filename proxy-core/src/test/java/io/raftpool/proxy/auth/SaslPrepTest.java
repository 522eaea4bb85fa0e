package io.raftpool.proxy.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SASLprep as PostgreSQL applies it, including the RFC 4013 section 3 examples. */
class SaslPrepTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "I\u00adX|IX", // RFC 4013: soft hyphen mapped to nothing
        "user|user",
        "USER|USER",
        "\u00aa|a", // RFC 4013: NFKC
        "\u2168|IX", // RFC 4013: NFKC
        "a\u2000b\u3000c|a b c", // non-ASCII spaces become U+0020
        "x\u200by|x y", // ZERO WIDTH SPACE is a non-ASCII space (C.1.2) before it is "mapped to nothing" (B.1)
        "e\u0301|\u00e9", // NFKC composes
        "\u0627\u0628|\u0627\u0628", // right-to-left only: fine
    })
    void preparesValidUnicode(String input, String expected) {
        assertEquals(expected, SaslPrep.saslPrep(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\u00ad", // empty after mapping
        "a\u0007\u00e9", // ASCII control character among non-ASCII (C.2.1)
        "a\u200e\u00e9", // LEFT-TO-RIGHT MARK (C.8)
        "x\ue000y", // private use (C.3)
        "x\ufdd0y", // non-character (C.4)
        "x\udb40\udc01y", // LANGUAGE TAG U+E0001 (C.9)
        "x\u0378y", // unassigned code point
        "\u06271", // RandALCat not last (RFC 4013 example)
        "\u0627a\u0628", // RandALCat and LCat together
    })
    void prohibitsWhatTheProfileProhibits(String input) {
        assertNull(SaslPrep.saslPrep(input));
        assertArrayEquals(input.getBytes(UTF_8), SaslPrep.prepare(input), "falls back to the raw bytes");
    }

    @Test
    void asciiPassesThroughUntouchedEvenWithControlCharacters() {
        assertArrayEquals("tab\there\u0007".getBytes(UTF_8), SaslPrep.prepare("tab\there\u0007"));
    }

    @Test
    void invalidUtf8IsUsedRaw() {
        byte[] latin1 = {'p', (byte) 0xE4, 's', 's'};

        assertArrayEquals(latin1, SaslPrep.prepare(latin1));
    }

    @Test
    void preparedNonAsciiIsUtf8() {
        assertArrayEquals("a b".getBytes(UTF_8), SaslPrep.prepare("a\u00a0b"));
        assertArrayEquals("p\u00e4ss".getBytes(UTF_8), SaslPrep.prepare("pa\u0308ss"));
    }
}
