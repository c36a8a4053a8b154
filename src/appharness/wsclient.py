"""A client of Streamlit's websocket protocol: what the browser's frontend does, minus the drawing.

One `Session` is one browser tab (used by the load test and the benchmark's server timings):

  1. GET /_stcore/health (sets the `_streamlit_xsrf` cookie) and /_stcore/host-config;
  2. open ws://127.0.0.1:<port>/_stcore/stream with the subprotocols ["streamlit", <xsrf token>],
     the cookie and a same-origin Origin header (binary protobuf frames both ways);
  3. `load(page, query)`: a BackMsg `rerun_script` naming the URL path's page (as a first visit does:
     query string, page_name, empty page_script_hash, context_info, cached_message_hashes);
  4. `choose(key, index)` / `type_text(key, text)`: set a multiselect / text input (found by the user
     key its widget id ends with) and rerun with every widget's state and the page's script hash, as
     the browser does after an interaction.

While reading ForwardMsgs up to `script_finished` it learns what the browser learns: the page's script
hash (`navigation`), the URL the app writes back (`page_info_changed`), every widget's id and value
(`delta`s), and answers `ref_hash` messages from the session's own message cache. A run is timed from
sending the BackMsg to receiving `script_finished` (the server-side time of a script run, including
serialising and sending its deltas, excluding drawing); the server's CPU time over the run is read from
/proc when its pid is given. Anything a user would see as broken raises `RunError` with a `kind`.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from .server import HOST, cpu_seconds

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
    """A run that a user would see as broken. `kind`: connect (health, host-config or the handshake failed),
    protocol (an answer the frontend would not understand), timeout, disconnect, cache_miss (a ref_hash
    the session's cache does not hold), page_not_found, exception (an exception element or a compile
    error), script_finished (a run that ended other than successfully), widget_missing (no widget with
    that key in the last run); callers may add their own (the load test: filter_not_applied)."""

    def __init__(self, kind: str, detail: str) -> None:
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}")


@dataclass
class Run:
    """One script run as the client saw it."""

    ms: float  # BackMsg sent → script_finished received
    cpu_ms: float  # server process CPU time over the same interval (0 without a pid)
    bytes: int  # ForwardMsg bytes received
    messages: int
    elements: dict[str, int] = field(default_factory=dict)  # element type → count
    cache_refs: int = 0  # messages the server sent as ref_hash (answered from the session cache)
    source_changes: int = 0  # script_changed_on_disk events (someone edited the app meanwhile)
    texts: list[str] = field(default_factory=list)  # bodies of the markdown and heading elements, in order


async def http_get_lines(port: int, path: str, cookie: str | None, timeout: float) -> tuple[int, list[tuple[str, str]]]:
    """A bare HTTP/1.1 GET on 127.0.0.1:port: (status, every header as (lower-case name, value), repeats kept)."""
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
    pairs = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        pairs.append((name.strip().lower(), value.strip()))
    return int(lines[0].split()[1]), pairs


async def http_get(port: int, path: str, cookie: str | None, timeout: float) -> tuple[int, dict[str, str]]:
    """A bare HTTP/1.1 GET on 127.0.0.1:port: (status, headers with lower-case names)."""
    status, pairs = await http_get_lines(port, path, cookie, timeout)
    return status, dict(pairs)


def _option_texts(proto) -> list[str]:
    return [o if isinstance(o, str) else o.content for o in proto.options]


def initial_state(kind: str, p) -> WidgetState | None:
    """The value the browser registers for a widget when it first draws it (None: no state)."""
    ws = WidgetState(id=p.id)
    if kind in ("multiselect", "button_group"):
        values = list(p.raw_values) if (p.set_value or p.raw_values) else [_option_texts(p)[i] for i in p.default]
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

    def __init__(self, port: int, pid: int | None = None, run_timeout: float = 600.0, connect_timeout: float = 30.0):
        self.port = port
        self.pid = pid
        self.run_timeout = run_timeout
        self.connect_timeout = connect_timeout
        self.ws = None
        self.page_name = ""
        self.page_hash = ""
        self.query = ""  # the URL's query string, as the app last wrote it back
        self.widgets: dict[str, WidgetState] = {}  # widget id → state the browser would send
        self.protos: dict[str, object] = {}  # widget id → its last element proto
        self.cache: dict[str, tuple[ForwardMsg, int]] = {}  # hash → (message, run count when last used)
        self.max_cache_age = 2
        self.runs = 0
        self.got_new_session = False

    async def connect(self) -> Session:
        t = self.connect_timeout
        try:
            status, headers = await http_get(self.port, "/_stcore/health", None, t)
            if status != 200:
                raise RunError("connect", f"/_stcore/health answered {status}")
            cookie = headers.get("set-cookie", "").split(";", 1)[0]
            token = cookie.split("=", 1)[1] if "=" in cookie else "PLACEHOLDER_AUTH_TOKEN"
            status, _ = await http_get(self.port, "/_stcore/host-config", cookie, t)
            if status != 200:
                raise RunError("connect", f"/_stcore/host-config answered {status}")
            self.ws = await ws_connect(
                f"ws://{HOST}:{self.port}/_stcore/stream",
                subprotocols=["streamlit", token],
                origin=f"http://{HOST}:{self.port}",
                max_size=None,
                ping_interval=None,
                open_timeout=t,
                close_timeout=10,
                **{_HEADERS_KW: {"Cookie": cookie} if cookie else {}},
            )
        except (OSError, InvalidHandshake, TimeoutError) as exc:
            raise RunError("connect", f"{type(exc).__name__}: {exc}") from None
        if self.ws.subprotocol != "streamlit":
            await self.close()
            raise RunError("protocol", f"subprotocol {self.ws.subprotocol!r}")
        return self

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def __aenter__(self) -> Session:
        return await self.connect()

    async def __aexit__(self, *exc) -> None:
        await self.close()

    # ------------------------------------------------------------------ what a user does

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
        options = _option_texts(self.protos[wid])
        state = WidgetState(id=wid)
        state.string_array_value.data.append(options[index % len(options)])
        self.widgets[wid] = state
        return await self.rerun()

    async def type_text(self, key: str, text: str) -> Run:
        """Type `text` into the text input with user key `key` (and press Enter): a rerun."""
        wid = self.widget_id(key)
        self.widgets[wid] = WidgetState(id=wid, string_value=text)
        return await self.rerun()

    def widget_id(self, key: str) -> str:
        for wid in self.widgets:
            if wid.endswith("-" + key):
                return wid
        raise RunError("widget_missing", f"no widget with key {key!r} in the last run")

    # ------------------------------------------------------------------ the protocol

    def _context(self, msg: BackMsg) -> None:
        info = msg.rerun_script.context_info
        info.timezone = "Asia/Tokyo"
        info.timezone_offset = -540
        info.locale = "ja-JP"
        info.url = f"http://{HOST}:{self.port}/{self.page_name}" + (f"?{self.query}" if self.query else "")
        info.is_embedded = False
        info.color_scheme = "light"

    async def _rerun(self, first: bool) -> Run:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        if first:  # the URL path names the page; no script hash known yet
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
        run = Run(ms=0.0, cpu_ms=0.0, bytes=0, messages=0)
        seen: set[str] = set()
        deadline = t0 + self.run_timeout
        while True:
            fwd = await self._receive(deadline, run)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.got_new_session = True
                if fwd.new_session.config.max_cached_message_age:
                    self.max_cache_age = fwd.new_session.config.max_cached_message_age
            elif kind == "navigation":
                self.page_hash = fwd.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = fwd.page_info_changed.query_string
            elif kind == "page_not_found":
                raise RunError("page_not_found", fwd.page_not_found.page_name)
            elif kind == "session_event":
                event = fwd.session_event.WhichOneof("type")
                if event == "script_compilation_exception":
                    raise RunError("exception", fwd.session_event.script_compilation_exception.message)
                if event == "script_changed_on_disk":
                    run.source_changes += 1
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                self._element(fwd.delta.new_element, seen, run)
            elif kind == "script_finished":
                run.ms = (time.perf_counter() - t0) * 1000
                run.cpu_ms = ((cpu_seconds(self.pid) - cpu0) * 1000) if self.pid else 0.0
                if fwd.script_finished != FINISHED_OK:
                    raise RunError("script_finished", STATUS_NAMES.get(fwd.script_finished, str(fwd.script_finished)))
                self._finish_run(seen)
                return run

    async def _receive(self, deadline: float, run: Run) -> ForwardMsg:
        """The next ForwardMsg, a ref_hash resolved from the cache; the cache kept as the browser keeps it."""
        left = deadline - time.perf_counter()
        try:
            if left <= 0:
                raise TimeoutError
            raw = await asyncio.wait_for(self.ws.recv(), left)
        except TimeoutError:
            raise RunError("timeout", f"no script_finished within {self.run_timeout:.0f} s") from None
        except ConnectionClosed as exc:
            raise RunError("disconnect", f"server closed the websocket: {exc}") from None
        if isinstance(raw, str):
            raise RunError("protocol", "text frame from the server")
        run.bytes += len(raw)
        run.messages += 1
        fwd = ForwardMsg()
        fwd.ParseFromString(raw)
        if fwd.WhichOneof("type") == "ref_hash":
            cached = self.cache.get(fwd.ref_hash)
            if cached is None:
                raise RunError("cache_miss", f"ref_hash {fwd.ref_hash} not in the session cache")
            fwd = cached[0]
            run.cache_refs += 1
        elif fwd.metadata.cacheable and fwd.hash:
            self.cache[fwd.hash] = (fwd, self.runs)
        if fwd.hash in self.cache:
            self.cache[fwd.hash] = (fwd, self.runs)  # used in this run: not expired
        return fwd

    def _element(self, element, seen: set[str], run: Run) -> None:
        etype = element.WhichOneof("type")
        run.elements[etype] = run.elements.get(etype, 0) + 1
        if etype == "exception":
            raise RunError("exception", f"{element.exception.type}: {element.exception.message}"[:500])
        if etype in ("markdown", "heading"):
            run.texts.append(getattr(element, etype).body)
        if etype not in WIDGET_TYPES:
            return
        proto = getattr(element, etype)
        seen.add(proto.id)
        self.protos[proto.id] = proto
        if proto.id not in self.widgets or getattr(proto, "set_value", False):
            state = initial_state(etype, proto)
            if state is not None:
                self.widgets[proto.id] = state

    def _finish_run(self, seen: set[str]) -> None:
        """As the browser does after a run: forget widgets that were not drawn, age the cache."""
        self.runs += 1
        for wid in [w for w in self.widgets if w not in seen]:
            del self.widgets[wid]
        for h in [h for h, (_, r) in self.cache.items() if self.runs - r > self.max_cache_age]:
            del self.cache[h]


async def open_session(
    port: int, pid: int | None = None, run_timeout: float = 600.0, connect_timeout: float = 30.0
) -> Session:
    """A connected Session (close it with `await session.close()`, or use `async with Session(...)`)."""
    return await Session(port, pid, run_timeout, connect_timeout).connect()
