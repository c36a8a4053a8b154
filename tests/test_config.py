"""The Streamlit configuration hides tracebacks, keeps XSRF on and sends no usage statistics."""

from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


def test_config_is_safe():
    """Error details hidden, viewer toolbar, XSRF protection on, no usage stats, uploads minimal."""
    cfg = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert cfg["client"]["showErrorDetails"] == "none"
    assert cfg["client"]["toolbarMode"] == "viewer"
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["server"]["maxUploadSize"] <= 1
    assert cfg["server"].get("enableCORS", True) is True


def test_streamlit_reads_the_same_values():
    """Streamlit itself resolves these options from the project's config file."""
    from streamlit import config

    config._config_options = None  # force a fresh parse
    config.get_config_options(force_reparse=True, options_from_flags={})
    assert config.get_option("client.showErrorDetails") == "none"
    assert config.get_option("browser.gatherUsageStats") is False
    assert config.get_option("server.enableXsrfProtection") is True


def test_sign_in_secrets_are_never_committed():
    """secrets.toml is ignored by git, and none is in the tree."""
    root = CONFIG.parents[1]
    ignored = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".streamlit/secrets.toml" in ignored and "secrets.toml" in ignored
    assert not (root / ".streamlit" / "secrets.toml").exists()
