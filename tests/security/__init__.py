"""The security suite: every attack found from outside, as a regression against a real server."""
