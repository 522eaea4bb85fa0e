/**
 * Statement routing: a pure-JDK PostgreSQL lexer ({@link io.raftpool.proxy.route.SqlLexer}) and a classifier
 * ({@link io.raftpool.proxy.route.StatementClassifier}) that decides, as Pgpool-II 4.3 does in streaming-replication
 * mode, whether a query may be load balanced to a standby, must run on the primary, or must run on every backend
 * the session uses. Nothing here depends on Netty or does I/O; classification is linear in the query's length.
 */
package io.raftpool.proxy.route;
