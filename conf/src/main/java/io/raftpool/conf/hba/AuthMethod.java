package io.raftpool.conf.hba;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The authentication method a pool_hba.conf rule demands. */
public enum AuthMethod {
    /** Allow without a password. */
    TRUST("trust"),
    /** Refuse the connection. */
    REJECT("reject"),
    /** MD5 challenge-response against pool_passwd. */
    MD5("md5"),
    /** Clear-text password. */
    PASSWORD("password"),
    /** SCRAM-SHA-256 against pool_passwd. */
    SCRAM_SHA_256("scram-sha-256"),
    /** Pluggable Authentication Modules of the proxy's host. */
    PAM("pam"),
    /** An LDAP server. */
    LDAP("ldap"),
    /** SSL client certificate. */
    CERT("cert");

    private final String keyword;

    AuthMethod(String keyword) {
        this.keyword = keyword;
    }

    /** The word written in the file. */
    public String keyword() {
        return keyword;
    }

    /** The method written as {@code word} (case-sensitive, as in Pgpool-II), if any. */
    public static Optional<AuthMethod> fromKeyword(String word) {
        return Arrays.stream(values()).filter(m -> m.keyword.equals(word)).findFirst();
    }

    /** Every keyword, in declaration order. */
    public static List<String> keywords() {
        return Arrays.stream(values()).map(AuthMethod::keyword).toList();
    }
}
