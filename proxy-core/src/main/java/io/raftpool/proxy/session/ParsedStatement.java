package io.raftpool.proxy.session;

import io.raftpool.proxy.route.Classification;
import io.raftpool.proxy.route.SelectStatements;

/**
 * What the session learnt from a statement's Parse: where it may run, and whether select_cnt counts its
 * Executes.
 */
record ParsedStatement(Classification classification, boolean select) {

    static ParsedStatement of(Classification classification, String sql) {
        return new ParsedStatement(classification, SelectStatements.isSelect(sql));
    }
}
