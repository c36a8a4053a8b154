"""A protocol-level Streamlit client: what the browser's websocket does, minus the drawing.

Used to time script runs on an unmodified server. One `Session` is one browser tab:

  1. GET /_stcore/health (sets the `_streamlit_xsrf` cookie) and /_stcore/host-config;
  2. open ws://…/_stcore/stream with subprotocols ["streamlit", <xsrf token>];
  3. `load(page)`: a BackMsg `rerun_script` naming the URL path's page (as a first visit does);
  4. `choose(key, index)`: set a multiselect (found by its user key) to one option and rerun with
     every widget's state, as the browser does after a click.

Each run is timed from sending the BackMsg to receiving the ForwardMsg `script_finished`
(FINISHED_SUCCESSFULLY, else an error): the server-side time of a script run, including
serialising and sending its deltas, excluding drawing. The server's CPU time over the run is
read from /proc as well (less sensitive to other load on the machine than wall time).
The idea and the protocol details follow bench/load.py (the load test).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from serverctl import HOST, cpu_seconds
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

try:  # websockets >= 13 (a streamlit dependency)
    from websockets.asyncio.client import connect as ws_connect

    _HEADERS_KW = "additional_headers"
except ImportError:  # pragma: no cover - older websockets
    from websockets.client import connect as ws_connect  # type: ignore[no-redef]

    _HEADERS_KW = "extra_headers"

WIDGET_TYPES = ("multiselect", "button_group", "checkbox", "text_input", "selectbox", "radio")
FINISHED_OK = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
STATUS_NAMES = {v: k for k, v in ForwardMsg.ScriptFinishedStatus.items()}


class RunError(Exception):
    """A run that a user would see as broken (exception, timeout, page not found, …)."""


@dataclass
class Run:
    """One script run as the client saw it."""

    ms: float  # BackMsg sent → script_finished received
    cpu_ms: float  # server process CPU time over the same interval
    bytes: int  # ForwardMsg bytes received
    messages: int
    elements: dict[str, int] = field(default_factory=dict)  # element type → count


async def http_get(port: int, path: str, cookie: str | None, timeout: float) -> tuple[int, dict[str, str]]:
    reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), timeout)
    try:
        head = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n"
        if cookie:
            head += f"Cookie: {cookie}\r\n"
        writer.write((head + "\r\n").encode("ascii"))
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    lines = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(lines[0].split()[1]), headers


def initial_state(kind: str, p) -> WidgetState | None:
    """The value the browser registers for a widget when it first draws it (None: no state)."""
    ws = WidgetState(id=p.id)
    if kind in ("multiselect", "button_group"):
        options = [o if isinstance(o, str) else o.content for o in p.options]
        values = list(p.raw_values) if (p.set_value or p.raw_values) else [options[i] for i in p.default]
        ws.string_array_value.data.extend(values)
    elif kind == "checkbox":
        ws.bool_value = p.value if p.set_value else p.default
    elif kind == "text_input":
        if p.set_value or p.HasField("value"):
            ws.string_value = p.value
        elif p.HasField("default"):
            ws.string_value = p.default
        else:
            return None
    elif kind in ("selectbox", "radio"):
        if p.HasField("raw_value"):
            ws.string_value = p.raw_value
        elif p.HasField("default") and p.default < len(p.options):
            ws.string_value = p.options[p.default]
        else:
            return None
    else:
        return None
    return ws


class Session:
    """One browser tab's worth of protocol: the websocket, widget states, the message cache."""

    def __init__(self, port: int, pid: int | None = None, run_timeout: float = 600.0):
        self.port = port
        self.pid = pid
        self.run_timeout = run_timeout
        self.ws = None
        self.page_name = ""
        self.page_hash = ""
        self.query = ""
        self.widgets: dict[str, WidgetState] = {}
        self.protos: dict[str, object] = {}
        self.cache: dict[str, tuple[ForwardMsg, int]] = {}
        self.max_cache_age = 2
        self.runs = 0

    async def connect(self) -> Session:
        status, headers = await http_get(self.port, "/_stcore/health", None, 30)
        if status != 200:
            raise RunError(f"/_stcore/health answered {status}")
        cookie = headers.get("set-cookie", "").split(";", 1)[0]
        token = cookie.split("=", 1)[1] if "=" in cookie else "PLACEHOLDER_AUTH_TOKEN"
        await http_get(self.port, "/_stcore/host-config", cookie, 30)
        self.ws = await ws_connect(
            f"ws://{HOST}:{self.port}/_stcore/stream",
            subprotocols=["streamlit", token],
            origin=f"http://{HOST}:{self.port}",
            max_size=None,
            ping_interval=None,
            open_timeout=30,
            close_timeout=10,
            **{_HEADERS_KW: {"Cookie": cookie} if cookie else {}},
        )
        return self

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    def _context(self, msg: BackMsg) -> None:
        info = msg.rerun_script.context_info
        info.timezone = "Asia/Tokyo"
        info.timezone_offset = -540
        info.locale = "ja-JP"
        info.url = f"http://{HOST}:{self.port}/{self.page_name}" + (f"?{self.query}" if self.query else "")
        info.is_embedded = False
        info.color_scheme = "light"

    async def load(self, page_name: str = "", query: str = "") -> Run:
        """A first visit of /page_name?query in this tab."""
        self.page_name, self.query = page_name.strip("/"), query
        return await self._rerun(first=True)

    async def rerun(self) -> Run:
        """A rerun with the current widget states (what the browser sends after an interaction)."""
        return await self._rerun(first=False)

    async def choose(self, key: str, index: int) -> Run:
        """Set the multiselect with user key `key` to its option `index` (mod the number of options) and rerun."""
        wid = self.widget_id(key)
        options = [o if isinstance(o, str) else o.content for o in self.protos[wid].options]
        state = WidgetState(id=wid)
        state.string_array_value.data.append(options[index % len(options)])
        self.widgets[wid] = state
        return await self.rerun()

    def widget_id(self, key: str) -> str:
        for wid in self.widgets:
            if wid.endswith("-" + key):
                return wid
        raise RunError(f"no widget with key {key!r} in the last run")

    async def _rerun(self, first: bool) -> Run:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        if first:
            cs.page_name = self.page_name
            cs.page_script_hash = ""
        else:
            cs.page_script_hash = self.page_hash
            cs.widget_states.widgets.extend(self.widgets.values())
        cs.cached_message_hashes.extend(self.cache)
        self._context(msg)
        cpu0 = cpu_seconds(self.pid) if self.pid else 0.0
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        seen: set[str] = set()
        elements: dict[str, int] = {}
        n_bytes = n_msgs = 0
        deadline = t0 + self.run_timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise RunError(f"no script_finished within {self.run_timeout:.0f} s")
            try:
                raw = await asyncio.wait_for(self.ws.recv(), left)
            except TimeoutError:
                raise RunError(f"no script_finished within {self.run_timeout:.0f} s") from None
            n_bytes += len(raw)
            n_msgs += 1
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            if fwd.WhichOneof("type") == "ref_hash":
                cached = self.cache.get(fwd.ref_hash)
                if cached is None:
                    raise RunError(f"ref_hash {fwd.ref_hash} not in the session cache")
                fwd = cached[0]
            elif fwd.metadata.cacheable and fwd.hash:
                self.cache[fwd.hash] = (fwd, self.runs)
            if fwd.hash in self.cache:
                self.cache[fwd.hash] = (fwd, self.runs)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                if fwd.new_session.config.max_cached_message_age:
                    self.max_cache_age = fwd.new_session.config.max_cached_message_age
            elif kind == "navigation":
                self.page_hash = fwd.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = fwd.page_info_changed.query_string
            elif kind == "page_not_found":
                raise RunError(f"page not found: {fwd.page_not_found.page_name}")
            elif kind == "session_event" and fwd.session_event.WhichOneof("type") == "script_compilation_exception":
                raise RunError(fwd.session_event.script_compilation_exception.message)
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                etype = el.WhichOneof("type")
                elements[etype] = elements.get(etype, 0) + 1
                if etype == "exception":
                    raise RunError(f"{el.exception.type}: {el.exception.message}"[:500])
                if etype in WIDGET_TYPES:
                    proto = getattr(el, etype)
                    seen.add(proto.id)
                    self.protos[proto.id] = proto
                    if proto.id not in self.widgets or getattr(proto, "set_value", False):
                        state = initial_state(etype, proto)
                        if state is not None:
                            self.widgets[proto.id] = state
            elif kind == "script_finished":
                ms = (time.perf_counter() - t0) * 1000
                cpu_ms = ((cpu_seconds(self.pid) - cpu0) * 1000) if self.pid else 0.0
                if fwd.script_finished != FINISHED_OK:
                    raise RunError(f"script_finished {STATUS_NAMES.get(fwd.script_finished, fwd.script_finished)}")
                self.runs += 1
                for wid in [w for w in self.widgets if w not in seen]:  # as the browser forgets undrawn widgets
                    del self.widgets[wid]
                for h in [h for h, (_, r) in self.cache.items() if self.runs - r > self.max_cache_age]:
                    del self.cache[h]
                return Run(ms=ms, cpu_ms=cpu_ms, bytes=n_bytes, messages=n_msgs, elements=elements)


async def open_session(port: int, pid: int | None = None, run_timeout: float = 600.0) -> Session:
    return await Session(port, pid, run_timeout).connect()
