"""The security suite: every attack found from outside, as a regression test against a real server."""
