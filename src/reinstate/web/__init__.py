"""The web workbench: FastAPI + Jinja2 + HTMX, rendered on the server, no build step.

Install with the `web` extra (`pip install 'reinstate[web]'`); `reinstate serve` runs it.
"""

from __future__ import annotations

from reinstate.web.app import LOOPBACK_HOSTS, create_app

__all__ = ["LOOPBACK_HOSTS", "create_app"]
