package io.raftpool.cli.setup;

/** Why a sandbox could not be set up, in words for the person who ran {@code raftpool setup}. */
public final class SetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SetupException(String message) {
        super(message);
    }
}
