/**
 * The password-authentication exchanges of the PostgreSQL protocol, on both sides, as pure state machines.
 *
 * <p>The proxy authenticates clients itself (it plays the server: {@link io.raftpool.proxy.auth.ScramServer},
 * {@link io.raftpool.proxy.auth.Md5Password#verify}) and authenticates to backends (it plays the client:
 * {@link io.raftpool.proxy.auth.ScramClient}, {@link io.raftpool.proxy.auth.Md5Password#response}). Nothing here
 * does I/O: the network code hands over message payloads and sends what comes back. Every failure is an
 * {@link io.raftpool.proxy.auth.AuthFailure}, whose text is safe to log and never holds a password, proof or key.
 */
package io.raftpool.proxy.auth;
