"""deploy.config: the templates render completely, and nginx and HAProxy accept what they render."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from deploy.config import COOKIE, Replica, haproxy_cfg, nginx_conf, render
from deploy.stack import HAPROXY, NGINX, missing_tools


def require_tools() -> None:
    if problem := missing_tools():
        pytest.fail(problem, pytrace=False)


def test_render_refuses_missing_and_unused_values():
    """A placeholder without a value, or a value without a placeholder, is an error, not a silent blank."""
    assert render("listen @PORT@;", {"PORT": "80"}) == "listen 80;"
    with pytest.raises(KeyError, match="PORT"):
        render("listen @PORT@;", {})
    with pytest.raises(ValueError, match="HOST"):
        render("listen @PORT@;", {"PORT": "80", "HOST": "x"})


def test_nginx_accepts_the_rendered_configuration(tmp_path: Path):
    """`nginx -t` passes on nginx.conf as the stack renders it (Brotli modules loaded)."""
    require_tools()
    (tmp_path / "static").mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        nginx_conf(
            listen="127.0.0.1:8080",
            balancer="127.0.0.1:8081",
            static_root=tmp_path / "static",
            run_dir=tmp_path,
            log_dir=tmp_path,
        )
    )
    proc = subprocess.run(
        [str(NGINX), "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "e.log")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "brotli_static on;" in conf.read_text() and "proxy_read_timeout 1h;" in conf.read_text()


def test_haproxy_accepts_the_rendered_configuration_with_one_server_per_replica(tmp_path: Path):
    """`haproxy -c` passes; each replica is a server with its own affinity cookie value and a health check."""
    require_tools()
    cfg = tmp_path / "haproxy.cfg"
    text = haproxy_cfg(bind="127.0.0.1:8081", replicas=[Replica("r1", 9001), Replica("r2", 9002)], run_dir=tmp_path)
    cfg.write_text(text)
    proc = subprocess.run([str(HAPROXY), "-c", "-f", str(cfg)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    servers = [ln.split() for ln in text.splitlines() if ln.strip().startswith("server ")]
    assert servers == [
        ["server", "r1", "127.0.0.1:9001", "cookie", "r1"],
        ["server", "r2", "127.0.0.1:9002", "cookie", "r2"],
    ]
    assert f"cookie {COOKIE} insert" in text and "uri /_stcore/health" in text
    with pytest.raises(ValueError):
        haproxy_cfg(bind="127.0.0.1:8081", replicas=[], run_dir=tmp_path)
