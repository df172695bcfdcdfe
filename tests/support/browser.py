"""A live workbench server and Debian's chromium for the browser tests (tests/web/test_browser*.py).

`make test` installs chromium (apt) when it is missing; Playwright never downloads a browser here.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from reinstate.settings import Settings
from reinstate.web import create_app
from support.web import AS_OF

CHROMIUM = Path(os.environ.get("REINSTATE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING = (
    "The browser tests need Debian's chromium at {path}, and it is not there: run `make test` "
    "(it installs chromium with apt-get) or `apt-get install chromium`; set "
    "REINSTATE_SKIP_BROWSER=1 to skip these tests on purpose."
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def require_chromium() -> None:
    """Skip (on purpose) or fail (with how to fix it) when Debian's chromium is missing."""
    if not CHROMIUM.is_file():
        if os.environ.get("REINSTATE_SKIP_BROWSER") == "1":
            pytest.skip("REINSTATE_SKIP_BROWSER=1: browser tests skipped on purpose")
        pytest.fail(MISSING.format(path=CHROMIUM))


@contextmanager
def live_server(db: Path) -> Iterator[str]:
    """Serve the workbench over `db` on a free 127.0.0.1 port in a thread; yield its base URL."""
    port = _free_port()
    config = uvicorn.Config(
        create_app(Settings(db=db), as_of=AS_OF),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
