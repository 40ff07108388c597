"""The server process runs with its built application frozen out of the collector and rarer
young collections (see gc_tuning.py); checked in a fresh interpreter, not in the test process."""

from __future__ import annotations

import json
import subprocess
import sys

from codecollab.gc_tuning import THRESHOLDS

PROBE = """
import gc, json
from codecollab.gc_tuning import tune_for_server
before = gc.get_freeze_count()
tune_for_server()
print(json.dumps({"thresholds": gc.get_threshold(), "frozen": gc.get_freeze_count() - before}))
"""


def test_tuning_freezes_what_exists_and_sets_the_thresholds() -> None:
    output = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout
    probe = json.loads(output)
    assert tuple(probe["thresholds"]) == THRESHOLDS
    assert probe["frozen"] > 1000
