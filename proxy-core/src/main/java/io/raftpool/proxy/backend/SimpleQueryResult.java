package io.raftpool.proxy.backend;

import java.util.List;

/**
 * What a simple query the proxy ran for itself returned.
 *
 * @param rows  the data rows, as text (null for SQL NULL)
 * @param error the message of the ErrorResponse, or null when it succeeded
 */
public record SimpleQueryResult(List<List<String>> rows, String error) {

    public boolean ok() {
        return error == null;
    }

    /** The first column of the first row, or null. */
    public String firstValue() {
        return rows.isEmpty() || rows.get(0).isEmpty() ? null : rows.get(0).get(0);
    }
}
