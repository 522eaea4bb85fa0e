package io.raftpool.proxy.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The SASLprep profile (RFC 4013) of stringprep (RFC 3454) for SCRAM passwords, the way PostgreSQL's
 * {@code pg_saslprep()} applies it, with PostgreSQL's fallback: when the password is not valid UTF-8, or SASLprep
 * prohibits it (a prohibited or unassigned character, bad bidirectional text, or nothing left after mapping), the raw
 * bytes are used unchanged. Both ends of an exchange do the same, so any password works; only the hash differs.
 *
 * <p>What is done, in PostgreSQL's order:
 * <ol>
 *   <li>Pure ASCII passes through untouched (even control characters), as in PostgreSQL.</li>
 *   <li>Map: non-ASCII spaces (table C.1.2) become U+0020; "commonly mapped to nothing" (B.1) are dropped.</li>
 *   <li>Normalize with NFKC ({@link Normalizer}).</li>
 *   <li>Prohibit (tables C.1.2 to C.9, and unassigned code points) and check bidi (RFC 3454 section 6), both on the
 *       mapped string before normalization, exactly as PostgreSQL does.</li>
 * </ol>
 *
 * <p>Known difference: "unassigned" is judged by the JDK's Unicode version (13.0 in Java 17), not Unicode 3.2 as
 * stringprep's table A.1 says. A character assigned after 3.2 is therefore accepted here; PostgreSQL rejects it and
 * uses the raw bytes, so a password containing one (for instance a recent emoji) hashes differently on both sides.
 * NFKC likewise follows the JDK's Unicode tables, PostgreSQL's follow its own release.
 */
final class SaslPrep {
    /** C.1.2: non-ASCII space characters, mapped to U+0020. */
    private static final int[] NON_ASCII_SPACES = {
        0x00A0, 0x00A0, 0x1680, 0x1680, 0x2000, 0x200B, 0x202F, 0x202F, 0x205F, 0x205F, 0x3000, 0x3000};

    /** B.1: commonly mapped to nothing. */
    private static final int[] MAPPED_TO_NOTHING = {
        0x00AD, 0x00AD, 0x034F, 0x034F, 0x1806, 0x1806, 0x180B, 0x180D, 0x200B, 0x200D, 0x2060, 0x2060,
        0xFE00, 0xFE0F, 0xFEFF, 0xFEFF};

    /** C.1.2, C.2.1, C.2.2, C.3, C.5, C.6, C.7, C.8, C.9 as ranges; C.4 (non-characters) is tested apart. */
    private static final int[] PROHIBITED = {
        0x0000, 0x001F, 0x007F, 0x009F, 0x00A0, 0x00A0, 0x0340, 0x0341, 0x06DD, 0x06DD, 0x070F, 0x070F,
        0x1680, 0x1680, 0x180E, 0x180E, 0x2000, 0x200F, 0x2028, 0x202F, 0x205F, 0x2063, 0x206A, 0x206F,
        0x2FF0, 0x2FFB, 0x3000, 0x3000, 0xD800, 0xF8FF, 0xFDD0, 0xFDEF, 0xFEFF, 0xFEFF, 0xFFF9, 0xFFFD,
        0x1D173, 0x1D17A, 0xE0001, 0xE0001, 0xE0020, 0xE007F, 0xF0000, 0xFFFFD, 0x100000, 0x10FFFD};

    private SaslPrep() {
    }

    /** The bytes to hash for {@code password}: SASLprep'd UTF-8, or the raw UTF-8 when SASLprep refuses it. */
    static byte[] prepare(String password) {
        return prepare(password.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes to hash for a password given as bytes: SASLprep'd UTF-8, or {@code raw} itself as a fallback. */
    static byte[] prepare(byte[] raw) {
        if (isAscii(raw)) {
            return raw.clone();
        }
        String decoded = decodeStrictUtf8(raw);
        if (decoded == null) {
            return raw.clone();
        }
        String prepared = saslPrep(decoded);
        return prepared == null ? raw.clone() : prepared.getBytes(StandardCharsets.UTF_8);
    }

    /** SASLprep of {@code input}, or {@code null} when the profile prohibits it. */
    static String saslPrep(String input) {
        int[] mapped = input.codePoints()
                .filter(cp -> !in(MAPPED_TO_NOTHING, cp) || in(NON_ASCII_SPACES, cp))
                .map(cp -> in(NON_ASCII_SPACES, cp) ? 0x20 : cp)
                .toArray();
        if (mapped.length == 0) {
            return null; // PostgreSQL: don't allow an empty password
        }
        for (int cp : mapped) {
            if (isProhibited(cp)) {
                return null;
            }
        }
        if (!bidiAcceptable(mapped)) {
            return null;
        }
        return Normalizer.normalize(new String(mapped, 0, mapped.length), Normalizer.Form.NFKC);
    }

    private static boolean isProhibited(int cp) {
        boolean nonCharacter = (cp & 0xFFFE) == 0xFFFE; // C.4: U+nFFFE and U+nFFFF in every plane
        return nonCharacter || in(PROHIBITED, cp) || Character.getType(cp) == Character.UNASSIGNED;
    }

    /** RFC 3454 section 6: with any RandALCat character, no LCat one, and RandALCat first and last. */
    private static boolean bidiAcceptable(int[] cps) {
        boolean anyRandAl = false;
        boolean anyL = false;
        for (int cp : cps) {
            anyRandAl |= isRandAl(cp);
            anyL |= Character.getDirectionality(cp) == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
        }
        return !anyRandAl || (!anyL && isRandAl(cps[0]) && isRandAl(cps[cps.length - 1]));
    }

    private static boolean isRandAl(int cp) {
        byte d = Character.getDirectionality(cp);
        return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    private static boolean in(int[] ranges, int cp) {
        for (int i = 0; i < ranges.length; i += 2) {
            if (cp >= ranges[i] && cp <= ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String decodeStrictUtf8(byte[] raw) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
