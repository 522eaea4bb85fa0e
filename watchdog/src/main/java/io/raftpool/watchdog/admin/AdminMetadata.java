package io.raftpool.watchdog.admin;

import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;

/**
 * The gRPC metadata the admin API's client and server agree on. Credentials travel in binary ("-bin")
 * headers holding UTF-8, so that a user name or password may have any character, not only printable ASCII.
 */
final class AdminMetadata {
    /** The pcp.conf user name, UTF-8. */
    static final Metadata.Key<byte[]> USER = Metadata.Key.of("raftpool-user-bin", Metadata.BINARY_BYTE_MARSHALLER);
    /** The user's password, UTF-8. */
    static final Metadata.Key<byte[]> PASSWORD =
            Metadata.Key.of("raftpool-password-bin", Metadata.BINARY_BYTE_MARSHALLER);
    /** On a refusal, the {@link AdminException.Kind} that caused it: tells it apart from a transport failure. */
    static final Metadata.Key<String> ERROR_KIND = Metadata.Key.of("raftpool-error-kind", Metadata.ASCII_STRING_MARSHALLER);

    private static final int MAX_SHOWN = 64;

    private AdminMetadata() {
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A user name as it may appear in a log line or a status message: control characters escaped, so a
     * name cannot forge log lines, and cut to a readable length.
     */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(MAX_SHOWN).forEach(c -> {
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '"' || c == '\\') {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > MAX_SHOWN ? sb + "..." : sb.toString();
    }
}
