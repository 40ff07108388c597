"""Scorecards: each interviewer's structured assessment of a room, the rubric templates they
start from, and the interview summary that gathers them with the session's figures."""
