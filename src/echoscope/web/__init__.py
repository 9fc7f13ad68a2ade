"""``echoscope serve``: a small web app and JSON API over the database (FastAPI + uvicorn).

- :mod:`.app` — shared state and the application; :mod:`.api` — the JSON API;
  :mod:`.pages` — the HTML pages; :mod:`.errors` — the one error shape;
  :mod:`.security` — headers, the Guard (Host names, token, cross-site forms, body
  limit, last-resort 500), loopback and token checks; :mod:`.jobs` — analyses in worker
  processes with a real time limit and a bounded queue; :mod:`.server` — how uvicorn runs
  it (header timeout, connection limit).
"""

from .app import create_app, serve
from .security import CSP, SECURITY_HEADERS, is_loopback

__all__ = ["CSP", "SECURITY_HEADERS", "create_app", "is_loopback", "serve"]
