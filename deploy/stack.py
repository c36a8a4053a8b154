"""The serving stack as processes: N Streamlit replicas, HAProxy, nginx — started in that order, stopped in reverse.

    with Stack(replicas=2, port=8080, database_url="postgresql+psycopg://…") as stack:
        stack.url                     # http://127.0.0.1:8080, through nginx
        stack.replicas["r1"]          # appharness.server.AppServer (pid, port, logs)
        stack.stop_replica("r2")      # SIGTERM to its process group, as a crash or a deploy would
        stack.balancer_status()       # {"r1": "UP", "r2": "DOWN", …} from HAProxy's stats socket

Each process runs in its own process group with its output in files under `log_dir`, and is stopped by its
process group (never by name). Replicas are appharness.server.AppServer processes (`python -m streamlit run
app.py` on a free loopback port), sharing `server.cookieSecret` and a `secrets.files` entry from one secret
file, and one progress database: more than one replica requires PostgreSQL (a SQLite file is one machine's
and one process's at a time for writing, and each replica would cache its own view of it).
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy.engine import make_url

from appharness.server import HOST, AppServer, ServerError, free_port

from . import assets, config, secret_file

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_STATE = ROOT / "var" / "deploy"
NGINX = Path(os.environ.get("NGINX", "/usr/sbin/nginx"))
HAPROXY = Path(os.environ.get("HAPROXY", "/usr/sbin/haproxy"))
BROTLI_MODULES = (
    Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so"),
    Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"),
)
PACKAGES = "nginx libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static haproxy"
INSTALL = f"apt-get update && apt-get install -y {PACKAGES}   (or, as root: bash scripts/ensure-proxy.sh)"
DATABASE_ENV = "PROGRESS_DATABASE_URL"
START_TIMEOUT = 90.0  # s
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class DeployError(RuntimeError):
    """The stack cannot start (missing programs, a wrong database for N replicas, a failed process)."""


def missing_tools() -> str | None:
    """None when nginx (with the Brotli modules) and HAProxy are installed, else what to install."""
    missing = [str(p) for p in (NGINX, *BROTLI_MODULES, HAPROXY) if not p.exists()]
    if not missing:
        return None
    return f"The serving stack needs {', '.join(missing)}. Install them as root:\n    {INSTALL}"


def check_database(url: str, replicas: int) -> None:
    """More than one replica needs one shared PostgreSQL; raise DeployError otherwise."""
    backend = make_url(url).get_backend_name()
    if replicas > 1 and backend != "postgresql":
        raise DeployError(
            f"{replicas} replicas need one shared PostgreSQL database: set {DATABASE_ENV}="
            f"postgresql+psycopg://USER:PASSWORD@HOST/DB (now: {backend}). A SQLite file serves one replica only."
        )


def worker_user() -> str | None:
    """As root, nginx's workers drop to www-data (Debian's nginx user), else to nobody."""
    if os.geteuid() != 0:
        return None
    for name, group in (("www-data", "www-data"), ("nobody", "nogroup")):
        try:
            pwd.getpwnam(name)
            return f"{name} {group}"
        except KeyError:
            continue
    return None


def _get(url: str, timeout: float = 2.0) -> tuple[int, bytes]:
    try:
        with _NO_PROXY.open(url, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def _stop_group(proc: subprocess.Popen | None, first: int = signal.SIGTERM, wait: float = 15.0) -> None:
    """`first` to the process group, then SIGKILL if it is still there."""
    if proc is None or proc.poll() is not None:
        return
    for sig, timeout in ((first, wait), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=timeout)
            return
        except subprocess.TimeoutExpired:
            continue


class Stack:
    """nginx → HAProxy → `replicas` Streamlit processes; `start()` returns when a page can be fetched through nginx."""

    def __init__(
        self,
        replicas: int = 1,
        port: int | None = None,
        *,
        address: str = HOST,
        database_url: str | None = None,
        env: Mapping[str, str] | None = None,
        state_dir: Path = DEFAULT_STATE,
        secrets_path: Path | None = None,
        static_dest: Path = assets.DEFAULT_DEST,
        check_interval: str = "1s",
        log=print,
    ) -> None:
        if replicas < 1:
            raise DeployError("at least one replica")
        self.database_url = database_url or os.environ.get(DATABASE_ENV, "").strip() or "sqlite:///var/progress.sqlite3"
        check_database(self.database_url, replicas)
        self.n = replicas
        self.port = port or free_port()
        self.address = address
        self.url = f"http://{address}:{self.port}"
        self.env = dict(env or {})
        self.state_dir = Path(state_dir)
        self.run_dir = self.state_dir / "run" / str(self.port)
        self.log_dir = self.state_dir / "logs"
        self.secrets_path = Path(secrets_path or self.state_dir / "secrets.toml")
        self.static_dest = Path(static_dest)
        self.check_interval = check_interval
        self.log = log
        self.replicas: dict[str, AppServer] = {}
        self.haproxy: subprocess.Popen | None = None
        self.nginx: subprocess.Popen | None = None
        self.balancer_port = 0

    # ----------------------------------------------------------------- life cycle

    def start(self) -> Stack:
        if problem := missing_tools():
            raise DeployError(problem)
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        secrets = secret_file.ensure(self.secrets_path)
        static_root = assets.ensure(self.static_dest, log=self.log)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._replica_env = {
            **self.env,
            DATABASE_ENV: self.database_url,
            "STREAMLIT_SERVER_COOKIE_SECRET": secrets.server_cookie_secret,
        }
        self._secret_files = [str(ROOT / ".streamlit" / "secrets.toml"), str(secrets.path)]
        for i in range(1, self.n + 1):
            self.replicas[f"r{i}"] = self._new_replica()
        with ThreadPoolExecutor(max_workers=self.n) as pool:
            for future in [pool.submit(s.start, START_TIMEOUT) for s in self.replicas.values()]:
                try:
                    future.result()
                except ServerError as exc:
                    raise DeployError(str(exc)) from None
        self._start_haproxy()
        self._start_nginx(static_root)

    def _new_replica(self) -> AppServer:
        server = AppServer("app.py", self._replica_env, log_dir=self.log_dir)
        # The project's own secrets.toml (if any) first, the shared secret file over it.
        for path in self._secret_files:
            server.cmd += ["--secrets.files", path]
        return server

    def _spawn(self, name: str, cmd: list[str]) -> subprocess.Popen:
        with (self.log_dir / f"{name}-{self.port}.log").open("ab") as out:
            return subprocess.Popen(
                cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
            )

    def _check(self, cmd: list[str], what: str) -> None:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        if proc.returncode != 0:
            raise DeployError(f"{what} rejected its configuration:\n{proc.stdout}{proc.stderr}")

    def _start_haproxy(self) -> None:
        self.balancer_port = free_port()
        cfg = self.run_dir / "haproxy.cfg"
        replicas = [config.Replica(name, s.port) for name, s in self.replicas.items()]
        cfg.write_text(
            config.haproxy_cfg(
                bind=f"{HOST}:{self.balancer_port}",
                replicas=replicas,
                run_dir=self.run_dir,
                check_interval=self.check_interval,
            ),
            encoding="utf-8",
        )
        self._check([str(HAPROXY), "-c", "-q", "-f", str(cfg)], "HAProxy")
        self.haproxy = self._spawn("haproxy", [str(HAPROXY), "-db", "-f", str(cfg)])
        self._wait(lambda: self.balancer_status().get("r1") is not None, "HAProxy's stats socket", self.haproxy)
        # "UP 1/2" at first (one failed check from DOWN); settled once a check has passed
        self._wait(lambda: set(self.balancer_status().values()) == {"UP"}, "every replica UP in HAProxy", self.haproxy)

    def _start_nginx(self, static_root: Path) -> None:
        user = worker_user()
        for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.run_dir / sub).mkdir(exist_ok=True)
            if user:
                shutil.chown(self.run_dir / sub, *user.split())
        conf = self.run_dir / "nginx.conf"
        conf.write_text(
            config.nginx_conf(
                listen=f"{self.address}:{self.port}",
                balancer=f"{HOST}:{self.balancer_port}",
                static_root=static_root,
                run_dir=self.run_dir,
                log_dir=self.log_dir,
                user=user,
            ),
            encoding="utf-8",
        )
        base = [str(NGINX), "-p", str(self.run_dir), "-c", str(conf), "-e", str(self.log_dir / "nginx-error.log")]
        self._check([*base, "-t", "-q"], "nginx")
        self.nginx = self._spawn("nginx", base)
        self._wait(lambda: _get(f"{self.url}/_stcore/health") == (200, b"ok"), f"nginx on {self.url}", self.nginx)

    def _wait(self, ready, what: str, proc: subprocess.Popen, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise DeployError(f"{what}: the process exited with code {proc.returncode}\n{self.logs()}")
            try:
                if ready():
                    return
            except OSError:
                pass
            time.sleep(0.1)  # polling interval of a bounded wait
        raise DeployError(f"{what}: not ready within {timeout:.0f} s\n{self.logs()}")

    def stop(self) -> None:
        """nginx (graceful: SIGQUIT), HAProxy, then every replica; each by its process group."""
        _stop_group(self.nginx, signal.SIGQUIT, wait=10.0)
        _stop_group(self.haproxy, signal.SIGTERM)
        for server in self.replicas.values():
            server.stop()

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ----------------------------------------------------------------- what runs

    def pids(self) -> dict[str, int]:
        out = {name: s.pid for name, s in self.replicas.items() if s.proc is not None}
        for name, proc in (("haproxy", self.haproxy), ("nginx", self.nginx)):
            if proc is not None:
                out[name] = proc.pid
        return out

    def stop_replica(self, name: str) -> None:
        """Stop one replica (SIGTERM to its process group), as a crash or a rolling deploy would."""
        self.replicas[name].stop()

    def restart_replica(self, name: str, timeout: float = 30.0) -> AppServer:
        """Start replica `name` again (a new process on a new port, which HAProxy is told over its stats
        socket) and wait until HAProxy's health check has it UP."""
        old = self.replicas[name]
        old.stop()
        server = self._new_replica()
        try:
            server.start(START_TIMEOUT)
        except ServerError as exc:
            raise DeployError(str(exc)) from None
        self.replicas[name] = server
        answer = self._stats_command(f"set server replicas/{name} addr {HOST} port {server.port}").strip()
        if answer and "changed" not in answer and "no need" not in answer.lower():
            raise DeployError(f"HAProxy did not take the new address of {name}: {answer}")
        self._stats_command(f"enable health replicas/{name}")
        self._wait(lambda: self.balancer_status().get(name) == "UP", f"{name} UP again", self.haproxy, timeout)
        return server

    def balancer_status(self) -> dict[str, str]:
        """Each replica's state in HAProxy ("UP", "DOWN", "UP 1/2", …) from its stats socket."""
        lines = self._stats_command("show stat").splitlines()
        if not lines or not lines[0].startswith("# "):
            return {}
        header = lines[0][2:].split(",")
        out = {}
        for line in lines[1:]:
            row = dict(zip(header, line.split(","), strict=False))
            if row.get("pxname") == "replicas" and row.get("svname") in self.replicas:
                out[row["svname"]] = row.get("status", "")
        return out

    def _stats_command(self, command: str) -> str:
        sock_path = self.run_dir / "haproxy.sock"
        if not sock_path.exists():
            return ""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(5)
            s.connect(str(sock_path))
            s.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode(errors="replace")

    def logs(self, chars: int = 3000) -> str:
        """The tails of HAProxy's and nginx's logs (the replicas' are in their AppServer)."""
        parts = []
        for path in [*sorted(self.log_dir.glob(f"*-{self.port}.log")), self.log_dir / "nginx-error.log"]:
            if path.exists():
                parts.append(f"--- {path.name} ---\n{path.read_text(errors='replace')[-chars:]}")
        return "\n".join(parts)
