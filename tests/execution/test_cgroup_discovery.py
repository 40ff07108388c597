"""The run cgroups go under the system's cgroup mounts, whatever else mounts them again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from codecollab.execution.sandbox import cgroups

PRIVATE_MOUNTS = ["unshare", "--mount", "--propagation", "private"]
MOUNT_AGAIN_AND_DISCOVER = """
import json, subprocess, sys
from pathlib import Path
from codecollab.execution.sandbox import cgroups
scratch = Path(sys.argv[1])
for index, parent in enumerate(cgroups.discover().parent_dirs):
    target = scratch / str(index)
    target.mkdir()
    subprocess.run(["mount", "--bind", str(parent), str(target)], check=True)
print(json.dumps([str(path) for path in cgroups.discover().parent_dirs]))
"""


def test_a_hierarchy_mounted_again_elsewhere_is_not_chosen(tmp_path: Path) -> None:
    """As when an image build binds /sys into its chroot: the later mounts go away again."""
    try:
        before = [str(path) for path in cgroups.discover().parent_dirs]
    except cgroups.CgroupUnavailable as exc:
        pytest.skip(f"no writable cgroups here: {exc}")
    # In a private mount namespace, so no other process on the machine sees the extra mounts.
    found = subprocess.run(
        [*PRIVATE_MOUNTS, sys.executable, "-c", MOUNT_AGAIN_AND_DISCOVER, str(tmp_path)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert json.loads(found.stdout) == before
