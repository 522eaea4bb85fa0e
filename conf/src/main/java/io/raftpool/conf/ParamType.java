package io.raftpool.conf;

/**
 * The type of a parameter's value: how text from pgpool.conf becomes a Java value and back.
 *
 * @param <T> the Java type of the value
 */
public interface ParamType<T> {

    /** Turns the text of a value (quotes already removed) into a value, or says what is allowed. */
    T parse(String text) throws InvalidValueException;

    /** Shows a value as check-config and {@code PGPOOL SHOW} print it. */
    default String format(T value) {
        return String.valueOf(value);
    }

    /** What values are allowed, for error messages: "an integer from 1 to 65535". */
    String allowed();
}
