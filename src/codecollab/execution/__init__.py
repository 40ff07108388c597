"""Sandboxed code execution: languages, sandbox backends, the execution service."""
