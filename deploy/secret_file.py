"""The one secret file every replica shares: Streamlit's cookie secret and the sign-in (auth) cookie secret.

    secrets = ensure(path)        # created on first start (0600, in a 0700 folder), read afterwards
    secrets.server_cookie_secret  # → server.cookieSecret of every replica (signs the XSRF cookie)
    path                          # → an extra `secrets.files` entry of every replica (st.secrets, [auth])

A TOML file in a git-ignored place (default var/deploy/secrets.toml; /etc/kansai-dashboard/secrets.toml on
a server). An existing file that others may read is refused, never silently used or rewritten.
"""

from __future__ import annotations

import os
import secrets
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATH = ROOT / "var" / "deploy" / "secrets.toml"

TEMPLATE = """\
# Shared by every replica of the dashboard. Generated on first start; keep it 0600 and never commit it.
# Replacing a secret signs everyone out (and invalidates open upload forms): restart all replicas together.

[deploy]
# server.cookieSecret of every replica (passed as STREAMLIT_SERVER_COOKIE_SECRET)
server_cookie_secret = "{server}"

[auth]
# st.login's identity cookie; the OpenID Connect provider settings (redirect_uri, client_id, …) go here too
cookie_secret = "{auth}"
"""


class SecretFileError(RuntimeError):
    """The secret file is unusable (readable by others, or without the keys); the message says what to do."""


@dataclass(frozen=True)
class Secrets:
    path: Path
    server_cookie_secret: str
    auth_cookie_secret: str


def _check_private(path: Path) -> None:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SecretFileError(
            f"{path} is readable by other users (mode {stat.filemode(mode)}); make it private: chmod 600 {path}"
        )


def create(path: Path) -> None:
    """Write a new secret file with fresh random secrets (fails if it exists)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = TEMPLATE.format(server=secrets.token_urlsafe(48), auth=secrets.token_urlsafe(48))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def load(path: Path) -> Secrets:
    """Read and check an existing secret file."""
    _check_private(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        server = data["deploy"]["server_cookie_secret"]
        auth = data["auth"]["cookie_secret"]
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise SecretFileError(f"{path}: not a secret file of ours ({type(exc).__name__}: {exc})") from None
    if not (isinstance(server, str) and len(server) >= 32 and isinstance(auth, str) and len(auth) >= 32):
        raise SecretFileError(f"{path}: each secret must be a string of at least 32 characters")
    return Secrets(path, server, auth)


def ensure(path: Path = DEFAULT_PATH) -> Secrets:
    """The secrets at `path`, creating the file on first use."""
    path = Path(path)
    if not path.exists():
        create(path)
    return load(path)
