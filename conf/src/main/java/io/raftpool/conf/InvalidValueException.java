package io.raftpool.conf;

/** A value that does not fit its parameter's type; the message says what is allowed. */
public final class InvalidValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(message);
    }
}
