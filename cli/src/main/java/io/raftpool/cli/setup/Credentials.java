package io.raftpool.cli.setup;

import java.security.SecureRandom;

/**
 * The sandbox's generated passwords: for the database superuser {@code postgres} (the sandbox user clients
 * log in as through raftpool), for {@code pgpool} (health check and streaming-replication check), and for
 * the pcp.conf user {@code admin} (the admin subcommands). Letters and digits only, so that no file they go
 * into needs escaping.
 */
record Credentials(String postgresPassword, String pgpoolPassword, String adminPassword) {

    static final String DB_USER = "postgres";
    static final String CHECK_USER = "pgpool";
    static final String ADMIN_USER = "admin";

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 16;

    static Credentials generate() {
        SecureRandom random = new SecureRandom();
        return new Credentials(password(random), password(random), password(random));
    }

    private static String password(SecureRandom random) {
        StringBuilder s = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
