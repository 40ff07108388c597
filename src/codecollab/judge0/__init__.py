"""The Judge0-compatible API's domain: Judge0 CE 1.13's language ids, statuses, submissions
(stored, run in the background through the execution service) and callbacks."""
