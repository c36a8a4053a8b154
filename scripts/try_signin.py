"""LOCAL TRY-OUT ONLY: sign in and edit the demo data with a test identity provider (`make try-signin`).

    make try-signin          # then open http://127.0.0.1:8501 and press ログイン

Starts, on this machine only (127.0.0.1):
  - oidc-provider-mock on port 9400: a test OpenID Connect provider whose sign-in page has one button
    per demo account (no password: anyone at this machine can be anyone, which is why it is local);
  - the dashboard on PORT (default 8501) against the DEMO database (var/progress-demo.sqlite3, synthetic
    progress, created if missing), with a throw-away var/try-signin/secrets.toml ([auth] against the
    provider, a random cookie secret) and a banner on every page saying this is a local try-out.
Demo accounts (granted in the demo database): a 兵庫県 editor, a 関西広域連合 editor, an admin.
Ctrl-C stops both. Nothing here touches var/progress.sqlite3 or .streamlit/secrets.toml.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from dashboard.load import load
from dashboard.paths import ROOT
from dashboard.progress import DEMO_URL, User, open_store
from dashboard.progress import access as A
from dashboard.progress.demo import write_demo

HOST = "127.0.0.1"
PROVIDER_PORT = 9400
TRY_DIR = ROOT / "var" / "try-signin"
# sub → (display name, e-mail, role, organisations)
ACCOUNTS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "demo-hyogo-editor": ("兵庫県 編集者（デモ）", "hyogo-editor@demo.invalid", "editor", ("hyogo",)),
    "demo-union-editor": ("関西広域連合 編集者（デモ）", "union-editor@demo.invalid", "editor", ("union",)),
    "demo-admin": ("管理者（デモ）", "admin@demo.invalid", "admin", ()),
}
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def secrets_toml(port: int, provider_port: int, cookie_secret: str) -> str:
    """The [auth] section of the try-out (a test provider on loopback; never a real deployment's)."""
    return (
        "# LOCAL TRY-OUT ONLY (make try-signin): a test identity provider on this machine. Not for deployment.\n"
        "[auth]\n"
        f'redirect_uri = "http://{HOST}:{port}/oauth2callback"\n'
        f'cookie_secret = "{cookie_secret}"\n'
        'client_id = "kansai-dashboard-tryout"\n'
        'client_secret = "tryout-only"\n'
        f'server_metadata_url = "http://{HOST}:{provider_port}/.well-known/openid-configuration"\n'
    )


def prepare(port: int, provider_port: int = PROVIDER_PORT, directory: Path = TRY_DIR, url: str = DEMO_URL) -> Path:
    """Write the try-out's secrets.toml (mode 600), make sure the demo database exists and grant the demo accounts."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "secrets.toml"
    path.write_text(secrets_toml(port, provider_port, secrets.token_urlsafe(32)), encoding="utf-8")
    path.chmod(0o600)
    store = open_store(url)
    if not store.is_demo():
        write_demo(store, load())  # refuses a database with real records: the try-out never edits real data
    by = User.system("try-signin")
    for sub, (name, email, role, orgs) in ACCOUNTS.items():
        A.grant(store, role=role, organisations=orgs, subject=sub, email=email, name=name, by=by)
    return path


def provider_command(provider_port: int = PROVIDER_PORT) -> list[str]:
    cmd = [sys.executable, "-m", "oidc_provider_mock", "--host", HOST, "--port", str(provider_port)]
    for sub, (name, email, _, _) in ACCOUNTS.items():
        cmd += ["--user-claims", json.dumps({"sub": sub, "name": name, "email": email, "email_verified": True})]
    return cmd


def app_command(port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address", HOST]


def _wait(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{proc.args[2]} exited with code {proc.returncode}")
        try:
            with _NO_PROXY.open(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)  # polling interval of a bounded wait
    raise SystemExit(f"no answer from {url} within {timeout:.0f} s")


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="make try-signin", description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8501)))
    p.add_argument("--provider-port", type=int, default=PROVIDER_PORT)
    args = p.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)  # `kill PID` stops both servers too, like Ctrl-C
    path = prepare(args.port, args.provider_port)
    env = {
        **os.environ,
        "STREAMLIT_SECRETS_FILES": str(path),
        "PROGRESS_DATABASE_URL": DEMO_URL,
        "DASHBOARD_TRYOUT": "1",
    }
    procs = [subprocess.Popen(provider_command(args.provider_port), cwd=ROOT, start_new_session=True)]
    try:
        _wait(f"http://{HOST}:{args.provider_port}/.well-known/openid-configuration", procs[0])
        procs.append(subprocess.Popen(app_command(args.port), cwd=ROOT, env=env, start_new_session=True))
        _wait(f"http://{HOST}:{args.port}/_stcore/health", procs[1])
        print(f"\nLOCAL TRY-OUT: open http://{HOST}:{args.port} , press ログイン and pick a demo account:")
        for sub, (name, _, role, orgs) in ACCOUNTS.items():
            print(f"    {sub:20} {name}  {role} {','.join(orgs)}")
        print("Demo data only (var/progress-demo.sqlite3). Ctrl-C stops the provider and the dashboard.\n", flush=True)
        while all(proc.poll() is None for proc in procs):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
