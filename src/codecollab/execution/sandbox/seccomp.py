"""The seccomp filter bubblewrap installs before running a program (bwrap --seccomp FD).

Default allow (language runtimes use a wide and changing set of syscalls), with the kernel
interfaces no program needs and that are the usual way out of a sandbox answering EPERM:
debugging other processes, mounting, namespaces, keyrings, BPF, perf, io_uring, kernel
modules and the like. Syscalls of a foreign architecture (x32, i386) kill the process, so
the table cannot be bypassed through another ABI.
"""

from __future__ import annotations

import errno
import os
import tempfile
from functools import lru_cache

BLOCKED_SYSCALLS = (
    # other processes' memory and execution
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "process_madvise",
    "pidfd_getfd",
    "kcmp",
    # file systems and namespaces
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "move_mount",
    "open_tree",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "mount_setattr",
    "unshare",
    "setns",
    "open_by_handle_at",
    "name_to_handle_at",
    # kernel attack surface
    "keyctl",
    "add_key",
    "request_key",
    "bpf",
    "perf_event_open",
    "userfaultfd",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "fanotify_init",
    "lookup_dcookie",
    # the machine itself
    "kexec_load",
    "kexec_file_load",
    "init_module",
    "finit_module",
    "delete_module",
    "reboot",
    "swapon",
    "swapoff",
    "syslog",
    "acct",
    "quotactl",
    "iopl",
    "ioperm",
    "settimeofday",
    "clock_settime",
    "clock_adjtime",
    "adjtimex",
    "vhangup",
    "nfsservctl",
)


class SeccompUnavailable(Exception):
    pass


@lru_cache(maxsize=1)
def filter_program() -> bytes:
    """The compiled BPF program (built once per process)."""
    try:
        import pyseccomp as seccomp  # type: ignore[import-untyped]  # libseccomp.so: fail in probe
    except (ImportError, OSError) as exc:
        raise SeccompUnavailable(f"seccomp: libseccomp is not usable ({exc})") from exc
    rules = seccomp.SyscallFilter(seccomp.ALLOW)
    for name in BLOCKED_SYSCALLS:
        try:
            rules.add_rule(seccomp.ERRNO(errno.EPERM), name)
        except (ValueError, RuntimeError, OSError):
            continue  # unknown to this libseccomp/kernel: nothing to block
    with tempfile.TemporaryFile() as file:
        rules.export_bpf(file)
        file.seek(0)
        return file.read()


def filter_fd() -> int:
    """A fresh readable fd holding the filter, for bwrap to consume; the caller closes it."""
    program = filter_program()
    fd = os.memfd_create("codecollab-seccomp", os.MFD_CLOEXEC)
    os.write(fd, program)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd
