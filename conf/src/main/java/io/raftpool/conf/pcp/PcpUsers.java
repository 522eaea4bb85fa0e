package io.raftpool.conf.pcp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The users allowed to run PCP commands, from pcp.conf, each with the MD5 of its password. Immutable;
 * {@link #toString()} names users only.
 */
public final class PcpUsers {
    private static final byte[] NO_USER_HASH = new byte[16];

    private final Map<String, List<byte[]>> hashes;

    /** From user names and the 32-hex-digit MD5 of their passwords (either case); a user may appear more than once. */
    PcpUsers(List<Map.Entry<String, String>> userHashes) {
        Map<String, List<byte[]>> map = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : userHashes) {
            map.computeIfAbsent(entry.getKey(), u -> new ArrayList<>()).add(HexFormat.of().parseHex(entry.getValue()));
        }
        map.replaceAll((user, list) -> List.copyOf(list));
        this.hashes = Collections.unmodifiableMap(map);
    }

    /** The user names, in file order. */
    public Set<String> userNames() {
        return hashes.keySet();
    }

    /**
     * Whether {@code password} is the password of {@code user}. The comparison takes the same time whether
     * or not the user exists and however much of the hash agrees. When pcp.conf lists a user more than once,
     * the password of any of its lines is accepted, as in Pgpool-II.
     */
    public boolean authenticate(String user, char[] password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        byte[] bytes;
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(password));
            bytes = Arrays.copyOf(encoded.array(), encoded.limit());
            Arrays.fill(encoded.array(), (byte) 0);
        } catch (CharacterCodingException e) {
            return false;
        }
        byte[] offered = md5(bytes);
        Arrays.fill(bytes, (byte) 0);
        boolean matched = false;
        for (byte[] stored : hashes.getOrDefault(user, List.of(NO_USER_HASH))) {
            matched |= MessageDigest.isEqual(stored, offered);
        }
        return matched && hashes.containsKey(user);
    }

    /** {@link #authenticate(String, char[])} for a password held as a string. */
    public boolean authenticate(String user, String password) {
        return authenticate(user, password.toCharArray());
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    @Override
    public String toString() {
        return "PcpUsers" + hashes.keySet();
    }
}
