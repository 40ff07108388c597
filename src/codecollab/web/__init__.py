"""The web layer: the HTTP routes of each domain (one module per domain, named for it), the
WebSocket endpoint, and the dependencies they share (`deps.py`). Routes parse, call a service or
a flow, and return; nothing below this package imports it."""
