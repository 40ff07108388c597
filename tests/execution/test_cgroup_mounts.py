"""Run cgroups are made under the host's own cgroup mounts, whatever else mounts them later."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from codecollab.execution.sandbox import cgroups


@pytest.fixture
def second_mount_of_the_cgroups(tmp_path: Path) -> Iterator[Path]:
    """/sys/fs/cgroup bound again elsewhere, as an image build's chroot does (`mount --rbind`)."""
    target = tmp_path / "chroot-cgroup"
    target.mkdir()
    bound = subprocess.run(["mount", "--rbind", "/sys/fs/cgroup", str(target)], check=False)
    if bound.returncode != 0:
        pytest.skip("cannot bind-mount /sys/fs/cgroup here (needs root)")
    try:
        yield target
    finally:
        subprocess.run(["umount", "--recursive", "--lazy", str(target)], check=True)


def test_a_later_bind_mount_of_the_hierarchy_is_not_taken(
    second_mount_of_the_cgroups: Path,
) -> None:
    found = cgroups.discover()
    assert found.parent_dirs
    for parent in found.parent_dirs:
        assert second_mount_of_the_cgroups not in parent.parents
