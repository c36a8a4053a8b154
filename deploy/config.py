"""nginx.conf and haproxy.cfg from the templates next to this file: values in, configuration text out.

Placeholders are upper-case names between at signs (nginx's own variables keep their `$`). Every placeholder of a template must be
given and every value used, so a template and its caller cannot drift apart silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
NGINX_TEMPLATE = HERE / "nginx.conf.in"
HAPROXY_TEMPLATE = HERE / "haproxy.cfg.in"
COOKIE = "kad_replica"  # the affinity cookie HAProxy sets: the replica's name, nothing secret
PLACEHOLDER = re.compile(r"@([A-Z_]+)@")


@dataclass(frozen=True)
class Replica:
    name: str  # r1, r2, … (the affinity cookie's value and the X-Replica header)
    port: int


def render(template: str, values: dict[str, str]) -> str:
    """`template` with each @NAME@ replaced; KeyError for a missing value, ValueError for an unused one."""
    names = set(PLACEHOLDER.findall(template))
    if missing := names - values.keys():
        raise KeyError(f"no value for {sorted(missing)}")
    if unused := values.keys() - names:
        raise ValueError(f"not in the template: {sorted(unused)}")
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def nginx_conf(
    *, listen: str, balancer: str, static_root: Path, run_dir: Path, log_dir: Path, user: str | None = None
) -> str:
    """nginx.conf: listen on `listen` (host:port), static files from `static_root`, the rest to `balancer`."""
    return render(
        NGINX_TEMPLATE.read_text(encoding="utf-8"),
        {
            "USER": f"user {user};" if user else "# (not root: nginx's workers run as the invoking user)",
            "LISTEN": listen,
            "BALANCER": balancer,
            "STATIC": str(static_root),
            "RUN": str(run_dir),
            "LOGS": str(log_dir),
        },
    )


def haproxy_cfg(*, bind: str, replicas: list[Replica], run_dir: Path, check_interval: str = "1s") -> str:
    """haproxy.cfg: listen on `bind` (host:port) and balance over `replicas` on 127.0.0.1."""
    if not replicas:
        raise ValueError("at least one replica")
    servers = "\n".join(f"    server {r.name} 127.0.0.1:{r.port} cookie {r.name}" for r in replicas)
    return render(
        HAPROXY_TEMPLATE.read_text(encoding="utf-8"),
        {"BIND": bind, "RUN": str(run_dir), "COOKIE": COOKIE, "INTER": check_interval, "SERVERS": servers},
    )
