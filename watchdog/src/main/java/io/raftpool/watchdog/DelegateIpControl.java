package io.raftpool.watchdog;

/** The delegate IP as the escalation sees it (module vip does the work). */
interface DelegateIpControl {

    /** Whether delegate_IP is set. */
    boolean configured();

    /** delegate_IP. */
    String address();

    /** if_up_cmd, then arping_cmd; failures are logged. */
    void up();

    /** if_down_cmd; failures are logged. */
    void down();

    /** Whether the address is on an interface of this host (network namespace) now. */
    boolean heldLocally();

    /**
     * After {@link #up()}: waits up to {@code timeout} for the address to be on an interface of this host and,
     * where the proxy listens on it, to accept a connection on the proxy port; logs why not.
     */
    boolean answers(java.time.Duration timeout);
}
