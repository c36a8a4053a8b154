"""make try-signin's preparation: a local-only secrets.toml, the demo database with the three demo accounts."""

from __future__ import annotations

import stat
import tomllib

from dashboard.progress import access as A
from dashboard.progress import open_store
from scripts import try_signin as T


def test_prepare_writes_local_secrets_and_grants_the_demo_accounts(tmp_path):
    """[auth] against the loopback provider, file mode 600, marked local; demo data; hyogo, union and admin granted."""
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    path = T.prepare(18501, 19400, tmp_path / "try", url)
    text = path.read_text(encoding="utf-8")
    auth = tomllib.loads(text)["auth"]
    assert text.startswith("# LOCAL TRY-OUT ONLY")
    assert auth["redirect_uri"] == "http://127.0.0.1:18501/oauth2callback"
    assert auth["server_metadata_url"] == "http://127.0.0.1:19400/.well-known/openid-configuration"
    assert len(auth["cookie_secret"]) >= 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    store = open_store(url)
    assert store.is_demo() and store.counts()["records"] > 0
    got = {g.subject: (g.role, g.organisations) for g in A.grants(store)}
    assert got == {
        "demo-hyogo-editor": ("editor", ("hyogo",)),
        "demo-union-editor": ("editor", ("union",)),
        "demo-admin": ("admin", ()),
    }
    T.prepare(18501, 19400, tmp_path / "try", url)  # a second run changes nothing but the cookie secret
    assert len(A.grants(store)) == 3


def test_commands_listen_on_loopback_only():
    """The provider and the dashboard are started on 127.0.0.1, the provider with the demo accounts as one-click users."""
    provider = T.provider_command(19400)
    assert provider[provider.index("--host") + 1] == "127.0.0.1"
    assert sum(a == "--user-claims" for a in provider) == 3
    app = T.app_command(18501)
    assert app[app.index("--server.address") + 1] == "127.0.0.1"
