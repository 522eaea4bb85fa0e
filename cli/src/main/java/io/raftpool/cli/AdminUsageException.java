package io.raftpool.cli;

/** An admin subcommand that cannot make its call (no password to be had, say), with the reason for the user. */
final class AdminUsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AdminUsageException(String message) {
        super(message);
    }
}
