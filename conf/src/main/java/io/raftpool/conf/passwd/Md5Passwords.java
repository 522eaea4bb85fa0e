package io.raftpool.conf.passwd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The MD5 hashes Pgpool-II and PostgreSQL store: what {@code pg_md5} prints and writes. */
public final class Md5Passwords {
    private Md5Passwords() {
    }

    /** The MD5 of {@code text}'s UTF-8 bytes as 32 lowercase hex digits ({@code pg_md5 text}, the pcp.conf form). */
    public static String md5Hex(String text) {
        return HexFormat.of().formatHex(md5(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The pool_passwd and PostgreSQL form of a password: {@code md5} followed by the MD5 of the password
     * and then the user name ({@code pg_md5 -m -u user password}).
     */
    public static String poolPasswdMd5(String user, String password) {
        return "md5" + md5Hex(password + user);
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** Whether {@code text} is exactly 32 hex digits, of either case. */
    public static boolean isMd5Hex(String text) {
        return text.length() == 32 && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
                || (c >= 'A' && c <= 'F'));
    }
}
