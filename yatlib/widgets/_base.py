"""The base of yatlib's widgets: a live path to Python when a kernel is connected.

With a kernel, a widget can ask Python for a state that was not precomputed; in the static book it
offers its precomputed states. The protocol (custom messages; the browser side is ``live.js``):

- ``{"type": "ping"}`` → ``{"type": "pong", "live": bool}`` (``live`` when given ``compute``);
- ``{"type": "compute", "id": n, "params": {...}}`` → ``{"type": "progress", "id": n,
  "fraction": f, "text": s}`` messages, then ``{"type": "result", "id": n, "state": {...}}`` or
  ``{"type": "error", "id": n, "message": s}``;
- ``{"type": "cancel", "id": n}`` stops computation ``n`` at its next progress report.

``compute(params, progress)`` calls yatlib and returns a JSON-serialisable dict; it runs in a
worker thread, one at a time per widget, so the kernel keeps answering.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import anywidget
import numpy as np

__all__ = ["Cancelled", "Progress", "YatWidget", "jsonable"]


class Cancelled(Exception):
    """Raised by :class:`Progress` when the reader cancelled the computation."""


class Progress:
    """Progress of one live computation; call it as ``progress(fraction, text)``.

    Reports reach the widget at most every 0.1 s. When the reader has cancelled (or asked for
    another state), the call raises :class:`Cancelled`, which ends the computation cleanly.
    """

    def __init__(self, send: Callable[[dict], None], job: int, cancelled: threading.Event) -> None:
        self._send, self._job, self._cancelled, self._last = send, job, cancelled, 0.0

    @property
    def cancelled(self) -> bool:
        """True once the reader has cancelled this computation."""
        return self._cancelled.is_set()

    def __call__(self, fraction: float, text: str = "") -> None:
        if self._cancelled.is_set():
            raise Cancelled()
        now = time.monotonic()
        if now - self._last >= 0.1 or fraction >= 1:
            self._last = now
            self._send({"type": "progress", "id": self._job, "fraction": float(fraction), "text": str(text)})


def jsonable(value: Any) -> Any:
    """``value`` with numpy arrays and scalars turned into lists and Python numbers (for a message)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


class YatWidget(anywidget.AnyWidget):
    """An anywidget with an optional live path (see the module's docstring).

    Parameters
    ----------
    compute : callable, optional
        ``compute(params, progress) -> dict``: the state for ``params`` (a dict sent by the
        widget's JavaScript). Without it the widget shows its precomputed states only.
    """

    def __init__(self, *, compute: Callable[[dict, Progress], dict] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._compute = compute
        self._jobs: dict[int, threading.Event] = {}
        self._executor: ThreadPoolExecutor | None = None
        self.on_msg(self._on_message)

    @property
    def live(self) -> bool:
        """True when this widget can compute new states in Python."""
        return self._compute is not None

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        kind = content.get("type")
        if kind == "ping":
            self.send({"type": "pong", "live": self.live})
        elif kind == "cancel":
            job_id = content.get("id")
            event = self._jobs.get(job_id) if isinstance(job_id, int) else None
            if event is not None:
                event.set()
        elif kind == "compute":
            job = content.get("id")
            if not isinstance(job, int):
                return
            if self._compute is None:
                self.send({"type": "error", "id": job, "message": "This figure has no live computation."})
                return
            event = threading.Event()
            self._jobs[job] = event
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"{type(self).__name__}-live")
            self._executor.submit(self._run, job, dict(content.get("params") or {}), event)

    def _run(self, job: int, params: dict, cancelled: threading.Event) -> None:
        try:
            if cancelled.is_set():
                raise Cancelled()
            state = self._compute(params, Progress(self.send, job, cancelled))  # type: ignore[misc]
            self.send({"type": "result", "id": job, "state": jsonable(state)})
        except Cancelled:
            self.send({"type": "error", "id": job, "message": "Cancelled."})
        except ValueError as err:  # bad parameters: the message is for the reader
            self.send({"type": "error", "id": job, "message": str(err)})
        except Exception as err:  # noqa: BLE001 - reported in the widget, and in the kernel's log
            traceback.print_exc()
            self.send({"type": "error", "id": job, "message": f"The computation failed: {type(err).__name__}: {err}"})
        finally:
            self._jobs.pop(job, None)
