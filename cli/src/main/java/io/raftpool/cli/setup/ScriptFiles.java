package io.raftpool.cli.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the sandbox's files with the permissions each needs. */
final class ScriptFiles {
    private ScriptFiles() {
    }

    /** A script anyone may run (rwxr-xr-x). */
    static void writeExecutable(Path file, String text) {
        write(file, text, "rwxr-xr-x");
    }

    /** A configuration file (rw-r--r--). */
    static void writePublic(Path file, String text) {
        write(file, text, "rw-r--r--");
    }

    /** A file holding passwords (rw-------): libpq and the pcp tools ignore a password file others can read. */
    static void writePrivate(Path file, String text) {
        write(file, text, "rw-------");
    }

    private static void write(Path file, String text, String permissions) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
