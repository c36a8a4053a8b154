"""Run the serving stack on this machine until Ctrl-C or SIGTERM: `make serve REPLICAS=2 PORT=8080`.

    python -m deploy.serve [--replicas N] [--port 8080] [--address 127.0.0.1] [--state var/deploy]

nginx listens on ADDRESS:PORT (127.0.0.1 unless told otherwise); the replicas and HAProxy on free loopback
ports. The progress database is $PROGRESS_DATABASE_URL: PostgreSQL for more than one replica (refused
otherwise, exit 2). On first start the shared secret file and the pre-compressed static files are created
under the state folder (git-ignored). SIGINT, SIGTERM or SIGHUP — to this process or to its process group —
stops nginx, HAProxy and the replicas, each by its own process group, and exits 0. A replica that dies is
dropped by HAProxy's health check and started again (at most MAX_RESTARTS times); when a proxy dies, or
every replica is gone for good, everything stops and the exit status is 1.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from . import assets
from .stack import DEFAULT_STATE, DeployError, Stack

MAX_RESTARTS = 3  # per replica; then it stays stopped and HAProxy serves from the others


def log(msg: str) -> None:
    print(msg, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=1, help="Streamlit processes (default 1)")
    parser.add_argument("--port", type=int, default=8080, help="the port nginx listens on (default 8080)")
    parser.add_argument("--address", default="127.0.0.1", help="the address nginx listens on (default 127.0.0.1)")
    parser.add_argument("--state", type=Path, default=DEFAULT_STATE, help=f"state folder (default {DEFAULT_STATE})")
    parser.add_argument("--secrets", type=Path, help="the shared secret file (default STATE/secrets.toml)")
    parser.add_argument("--static", type=Path, default=assets.DEFAULT_DEST, help="pre-compressed static files")
    return parser.parse_args(argv)


def supervise(stack: Stack, stop: threading.Event) -> int:
    """Until `stop` is set: restart replicas that exit; 1 when a proxy or every replica is gone, else 0."""
    restarts: dict[str, int] = {}
    dead: set[str] = set()
    while not stop.wait(1.0):
        for name, server in list(stack.replicas.items()):
            if name in dead or server.proc.poll() is None:
                continue
            log(f"replica {name} exited with code {server.proc.returncode}; HAProxy routes around it")
            if restarts.get(name, 0) >= MAX_RESTARTS:
                log(f"replica {name}: restarted {MAX_RESTARTS} times already, left stopped ({server.stderr_path})")
                dead.add(name)
                continue
            restarts[name] = restarts.get(name, 0) + 1
            try:
                new = stack.restart_replica(name)
                log(f"replica {name} restarted: pid {new.pid}, http://127.0.0.1:{new.port}")
            except DeployError as exc:
                log(f"replica {name} did not restart: {exc}")
        gone = [n for n, p in (("haproxy", stack.haproxy), ("nginx", stack.nginx)) if p.poll() is not None]
        if gone or len(dead) == len(stack.replicas):
            log(f"stopping: {', '.join(gone) or 'every replica'} exited\n{stack.logs()}")
            return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stop = threading.Event()
    received: list[str] = []

    def on_signal(signum, _frame) -> None:
        received.append(signal.Signals(signum).name)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    try:
        stack = Stack(
            args.replicas,
            args.port,
            address=args.address,
            state_dir=args.state,
            secrets_path=args.secrets,
            static_dest=args.static,
            log=log,
        )
    except DeployError as exc:
        print(exc, file=sys.stderr)
        return 2
    status = 0
    try:
        log(f"starting {args.replicas} replica(s), HAProxy and nginx (logs in {stack.log_dir}) …")
        stack.start()
        for name, server in stack.replicas.items():
            log(f"replica {name}: pid {server.pid}, http://127.0.0.1:{server.port}")
        log(f"haproxy: pid {stack.haproxy.pid}, http://127.0.0.1:{stack.balancer_port}")
        log(f"nginx: pid {stack.nginx.pid}")
        log(f"ready: {stack.url}   (Ctrl-C stops everything)")
        status = supervise(stack, stop)
    except DeployError as exc:
        print(exc, file=sys.stderr)
        status = 1
    finally:
        if received:
            log(f"{received[0]}: stopping")
        stack.stop()
        log("stopped")
    return status


if __name__ == "__main__":
    sys.exit(main())
