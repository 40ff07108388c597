"""Live collaboration: Yjs documents over the y-websocket protocol, durable, multi-process."""
