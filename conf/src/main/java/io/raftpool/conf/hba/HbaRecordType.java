package io.raftpool.conf.hba;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The first field of a pool_hba.conf line: which connections the rule applies to. */
public enum HbaRecordType {
    /** Unix-domain socket connections. */
    LOCAL("local"),
    /** TCP/IP connections with or without SSL. */
    HOST("host"),
    /** TCP/IP connections with SSL only. */
    HOSTSSL("hostssl"),
    /** TCP/IP connections without SSL only. */
    HOSTNOSSL("hostnossl");

    private final String keyword;

    HbaRecordType(String keyword) {
        this.keyword = keyword;
    }

    /** The word written in the file. */
    public String keyword() {
        return keyword;
    }

    /** The record type written as {@code word} (case-sensitive, as in Pgpool-II), if any. */
    public static Optional<HbaRecordType> fromKeyword(String word) {
        return Arrays.stream(values()).filter(t -> t.keyword.equals(word)).findFirst();
    }

    /** Every keyword, in the order of the documentation. */
    public static List<String> keywords() {
        return Arrays.stream(values()).map(HbaRecordType::keyword).toList();
    }

    /** Whether a rule of this type applies to a connection of type {@code connection}. */
    public boolean accepts(ConnectionType connection) {
        return switch (this) {
            case LOCAL -> connection == ConnectionType.LOCAL;
            case HOST -> connection != ConnectionType.LOCAL;
            case HOSTSSL -> connection == ConnectionType.HOST_SSL;
            case HOSTNOSSL -> connection == ConnectionType.HOST;
        };
    }
}
