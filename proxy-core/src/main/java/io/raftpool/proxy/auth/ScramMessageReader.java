package io.raftpool.proxy.auth;

import java.nio.charset.StandardCharsets;

/**
 * Reads the {@code a=value,b=value} attributes of a SCRAM message, as PostgreSQL's {@code read_attr_value} and
 * {@code read_any_attr} do. Messages are decoded as ISO-8859-1 so that every byte maps to one char and back: the
 * AuthMessage that gets signed is rebuilt byte-for-byte from what the peer sent. Failure details name attribute
 * letters only, never a value.
 */
final class ScramMessageReader {
    /** One attribute: its letter and value. */
    record Attribute(char name, String value) {
    }

    private final String text;
    private int pos;

    private ScramMessageReader(String text) {
        this.text = text;
    }

    /**
     * A reader over {@code message}.
     *
     * @throws AuthFailure if the message is empty or holds a NUL byte, as PostgreSQL refuses both
     */
    static ScramMessageReader of(byte[] message) throws AuthFailure {
        if (message == null || message.length == 0) {
            throw AuthFailure.malformed("The message is empty.");
        }
        for (byte b : message) {
            if (b == 0) {
                throw AuthFailure.malformed("Message length does not match input length.");
            }
        }
        return new ScramMessageReader(new String(message, StandardCharsets.ISO_8859_1));
    }

    /** The next character, or {@code '\0'} at the end. */
    char peek() {
        return atEnd() ? '\0' : text.charAt(pos);
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    /** Steps over one character. */
    void skip() {
        pos++;
    }

    /** Where the reader is, as an index into the message. */
    int position() {
        return pos;
    }

    /** The message from {@code start} to the end. */
    String from(int start) {
        return text.substring(start);
    }

    /** The message from {@code start} up to (not including) {@code end}. */
    String slice(int start, int end) {
        return text.substring(start, end);
    }

    /** Reads the attribute {@code name}, which must come next, and steps over the comma after it. */
    String read(char name) throws AuthFailure {
        if (peek() != name) {
            throw AuthFailure.malformed("Expected attribute \"" + name + "\".");
        }
        return readValue(name);
    }

    /** Reads whatever attribute comes next (an extension, or one the caller checks by name). */
    Attribute readAny() throws AuthFailure {
        char name = peek();
        if (name == '\0') {
            throw AuthFailure.malformed("Attribute expected, but found end of string.");
        }
        if (!((name >= 'A' && name <= 'Z') || (name >= 'a' && name <= 'z'))) {
            throw AuthFailure.malformed("Attribute expected, but found invalid character.");
        }
        return new Attribute(name, readValue(name));
    }

    private String readValue(char name) throws AuthFailure {
        pos++;
        if (peek() != '=') {
            throw AuthFailure.malformed("Expected character \"=\" for attribute \"" + name + "\".");
        }
        pos++;
        int comma = text.indexOf(',', pos);
        int end = comma < 0 ? text.length() : comma;
        String value = text.substring(pos, end);
        pos = comma < 0 ? end : comma + 1;
        return value;
    }

    /** Whether {@code value} is RFC 5802 "printable": ASCII 0x21 to 0x7E except the comma. */
    static boolean isPrintable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                return false;
            }
        }
        return true;
    }
}
