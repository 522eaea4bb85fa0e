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
}
