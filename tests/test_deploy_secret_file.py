"""deploy.secret_file: one private secret file, created once, refused when others may read it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from deploy.secret_file import SecretFileError, ensure, load


def test_first_start_creates_a_private_file_with_two_random_secrets(tmp_path: Path):
    """The file is 0600 in a 0700 folder; the cookie and auth secrets are long and different."""
    path = tmp_path / "deploy" / "secrets.toml"
    s = ensure(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert len(s.server_cookie_secret) >= 48 and len(s.auth_cookie_secret) >= 48
    assert s.server_cookie_secret != s.auth_cookie_secret
    assert "[auth]" in path.read_text() and s.auth_cookie_secret in path.read_text()


def test_later_starts_read_the_same_secrets(tmp_path: Path):
    """Every replica and every restart gets the same secrets (never regenerated)."""
    path = tmp_path / "secrets.toml"
    first = ensure(path)
    assert ensure(path) == first
    assert ensure(path).server_cookie_secret != ensure(tmp_path / "other.toml").server_cookie_secret


def test_a_file_others_may_read_is_refused_with_the_fix(tmp_path: Path):
    """Group- or world-readable: refused, with the chmod to run."""
    path = tmp_path / "secrets.toml"
    ensure(path)
    path.chmod(0o644)
    with pytest.raises(SecretFileError, match="chmod 600"):
        load(path)


def test_a_file_without_our_keys_is_refused(tmp_path: Path):
    """A TOML file without the two secrets (or with short ones) is not used."""
    path = tmp_path / "secrets.toml"
    path.write_text('[auth]\ncookie_secret = "short"\n')
    path.chmod(0o600)
    with pytest.raises(SecretFileError, match="not a secret file"):
        load(path)
    path.write_text('[deploy]\nserver_cookie_secret = "x"\n[auth]\ncookie_secret = "y"\n')
    with pytest.raises(SecretFileError, match="at least 32"):
        load(path)
