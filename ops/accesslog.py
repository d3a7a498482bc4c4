"""Gunicorn's access log without idea status tokens (see ``ops.logging.redact``).

Configured in ``config/gunicorn.conf.py`` as ``logger_class``.
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from ops.logging import redact


class RedactingAccessLogger(Logger):
    """The request line, path and referer of each access line, redacted."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms
