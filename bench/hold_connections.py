#!/usr/bin/env python3
"""Opens many idle PostgreSQL client connections and holds them open.

Each connection sends a StartupMessage (protocol 3.0) and reads until ReadyForQuery; it answers
nothing else, so the server must let the user in without a password (trust). Connections are
opened with at most CONCURRENCY startups in flight. When all are open the script waits SETTLE
seconds, checks that every one is still open, prints one line

    READY established=N alive=N

(with --pid, followed by ": " and that process's VmRSS before the first connection and now, and the
difference per connection), and then holds them until SIGTERM/SIGINT (or --hold seconds), when it sends Terminate and closes
them. Any ErrorResponse, refused authentication or timeout is reported and the exit status is 1.
Standard library only.
"""

import argparse
import collections
import concurrent.futures
import resource
import signal
import socket
import struct
import sys
import time

PROTOCOL_3_0 = 196608


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--count", type=int, required=True, help="connections to open")
    p.add_argument("--user", default="postgres")
    p.add_argument("--database", default="postgres")
    p.add_argument("--concurrency", type=int, default=100, help="connection attempts in flight at once")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds allowed for each connection's startup")
    p.add_argument("--settle", type=float, default=2.0, help="seconds to wait before checking they are alive")
    p.add_argument("--hold", type=float, default=900.0, help="give up holding after this many seconds")
    p.add_argument("--pid", type=int, help="report this process's resident memory (VmRSS) before and after")
    return p.parse_args()


class StartupError(Exception):
    pass


def rss_kib(pid):
    """VmRSS of pid in KiB, or exits when the process is gone."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    sys.exit("hold_connections: process %d (whose memory is measured) is gone" % pid)


def recv_exact(sock, n):
    data = bytearray()
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise StartupError("server closed the connection during startup")
        data += chunk
    return bytes(data)


def error_text(body):
    """The fields of an ErrorResponse as 'SEVERITY: message (SQLSTATE code)'."""
    fields = {}
    for part in body.split(b"\0"):
        if part:
            fields[chr(part[0])] = part[1:].decode("utf-8", "replace")
    return "%s: %s (SQLSTATE %s)" % (fields.get("S", "ERROR"), fields.get("M", "?"), fields.get("C", "?"))


def open_connection(args):
    """Connects and completes startup; returns the socket or raises StartupError."""
    sock = socket.create_connection((args.host, args.port), timeout=args.timeout)
    try:
        sock.settimeout(args.timeout)
        params = b"user\0" + args.user.encode() + b"\0database\0" + args.database.encode() + b"\0\0"
        sock.sendall(struct.pack("!ii", 8 + len(params), PROTOCOL_3_0) + params)
        while True:
            kind, length = struct.unpack("!ci", recv_exact(sock, 5))
            body = recv_exact(sock, length - 4)
            if kind == b"E":
                raise StartupError(error_text(body))
            if kind == b"R":
                code = struct.unpack("!i", body[:4])[0]
                if code != 0:
                    raise StartupError("server asked for authentication (request code %d); "
                                       "this test needs trust authentication" % code)
            elif kind == b"Z":
                return sock
            # 'S' ParameterStatus, 'K' BackendKeyData, 'N' NoticeResponse: nothing to answer
    except BaseException:
        sock.close()
        raise


def still_open(sock):
    """True when the peer has not closed the connection (nothing unexpected to read either)."""
    sock.setblocking(False)
    try:
        return sock.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        sock.setblocking(True)


def close_all(socks):
    for s in socks:
        try:
            s.sendall(b"X\0\0\0\4")
        except OSError:
            pass
        s.close()


def main():
    args = parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = args.count + 100
    if soft < wanted:
        if hard != resource.RLIM_INFINITY and hard < wanted:
            sys.exit("hold_connections: needs %d file descriptors but the hard limit is %d" % (wanted, hard))
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))

    rss_before = rss_kib(args.pid) if args.pid else None
    socks, errors = [], collections.Counter()
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        futures = [pool.submit(open_connection, args) for _ in range(args.count)]
        for f in concurrent.futures.as_completed(futures):
            try:
                socks.append(f.result())
            except (StartupError, OSError) as e:
                errors[str(e) or type(e).__name__] += 1
    elapsed = time.monotonic() - started
    if errors:
        print("hold_connections: %d of %d connections to %s:%d failed:"
              % (sum(errors.values()), args.count, args.host, args.port), flush=True)
        for message, n in errors.most_common():
            print("  %5d x %s" % (n, message), flush=True)
        close_all(socks)
        return 1
    print("hold_connections: opened %d connections in %.1f s" % (len(socks), elapsed), flush=True)

    time.sleep(args.settle)
    alive = sum(1 for s in socks if still_open(s))
    memory = ""
    if args.pid:
        rss_after = rss_kib(args.pid)
        memory = ": VmRSS %.1f MiB before, %.1f MiB with %d clients open: +%.1f MiB, %.1f KiB per connection" % (
            rss_before / 1024, rss_after / 1024, len(socks), (rss_after - rss_before) / 1024,
            (rss_after - rss_before) / max(1, len(socks)))
    print("READY established=%d alive=%d%s" % (len(socks), alive, memory), flush=True)

    def stop(signum, _frame):
        raise SystemExit(0 if signum in (signal.SIGTERM, signal.SIGINT) else 1)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        time.sleep(args.hold)
        print("hold_connections: gave up holding after %.0f s" % args.hold, flush=True)
        return 1
    finally:
        close_all(socks)


if __name__ == "__main__":
    sys.exit(main())
