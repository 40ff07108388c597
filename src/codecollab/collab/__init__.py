"""Live collaboration: Yjs documents shared over the y-websocket protocol, durable and multi-process."""
