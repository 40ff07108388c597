# The runner: one exec of it is one compile or run in a Docker sandbox container.
#
# Run as the sandbox uid with `sh -c "$(cat docker_runner.sh)" runner ARGS... COMMAND...`
# (see docker_exec.py), fed on stdin with the program's files as a tar archive of `load` bytes,
# then the program's stdin. It empties /box and /tmp, unpacks the files, applies the rlimits and
# the wall limit, runs COMMAND, kills every process of the sandbox uid that is left, and ends
# with one trailer line on stderr: "NONCE EXIT CPU_NS OOM_KILLS RSS_KB WALL_NS". In compile mode
# the compiler's output goes to stderr and the work dir comes back on stdout as a tar archive.
#
# Arguments: load (bytes of tar on stdin), wall (seconds), cpu (seconds), fsize (512-byte
# blocks), nofile, mode (compile or run); then the command. The nonce marking the trailer comes
# in CODECOLLAB_RUNNER_NONCE and is unset at once: the program (same uid) can read this
# process's argv in /proc, but not its environment (the runner is not dumpable), so it cannot
# write a trailer that counts, even after killing the runner.
load=$1 wall=$2 cpu=$3 fsize=$4 nofile=$5 mode=$6
shift 6
nonce=${CODECOLLAB_RUNNER_NONCE:?}
unset CODECOLLAB_RUNNER_NONCE
mine() {
    for p in /proc/[0-9]*; do [ "$p" != "/proc/$$" ] && [ -O "$p" ] && return 0; done; return 1
}
reap() { n=0; while mine && [ $n -lt 1000 ]; do kill -9 -1 2>/dev/null; n=$((n+1)); done; }
# Everything a run could leave for the next run of the program in this container: files in every
# writable dir (the engine adds /var/tmp and /dev/mqueue), System V IPC objects.
wipe() {
    find /box /tmp /dev/shm /var/tmp /dev/mqueue -mindepth 1 -delete 2>/dev/null
    ipcrm --all 2>/dev/null
}
cpu_ns() {
    if [ -r /sys/fs/cgroup/cpuacct/cpuacct.usage ]; then cat /sys/fs/cgroup/cpuacct/cpuacct.usage
    elif [ -r /sys/fs/cgroup/cpu.stat ]; then
        while read -r k v; do [ "$k" = usage_usec ] && echo $((v * 1000)); done \
            </sys/fs/cgroup/cpu.stat
    else echo -1; fi
}
ooms() {
    for f in /sys/fs/cgroup/memory/memory.oom_control /sys/fs/cgroup/memory.events; do
        if [ -r "$f" ]; then
            while read -r k v; do [ "$k" = oom_kill ] && echo "$v" && return; done <"$f"
        fi
    done
    echo -1
}
reap; wipe; umask 022; cd /box || exit 120
if [ "$load" -gt 0 ]; then
    dd bs=65536 count="$load" iflag=count_bytes,fullblock status=none \
        | tar -x -m --no-overwrite-dir -f - -C /box \
        || { echo "sandbox: cannot unpack the program" >&2; exit 121; }
fi
# GNU time's peak RSS goes to a file the program can find (time's argv) and, sharing the uid,
# write: it is read back through fd 4, opened before the program starts, so a file put in its
# place counts for nothing, and only its first line, which time writes last, at offset 0.
stats=$(mktemp /tmp/.codecollab-time-XXXXXXXXXX) || exit 123  # not named after the nonce
exec 4<"$stats"
c0=$(cpu_ns); o0=$(ooms); t0=$(date +%s%N)
if [ "$mode" = compile ]; then
    ( ulimit -n "$nofile"; ulimit -f "$fsize"; ulimit -S -t "$cpu"; ulimit -H -t $((cpu + 1))
      exec 4<&-
      exec /usr/libexec/codecollab/time -q -f %M -o "$stats" \
        /usr/libexec/codecollab/timeout -s KILL "$wall" "$@" </dev/null 1>&2 )
else
    ( ulimit -n "$nofile"; ulimit -f "$fsize"; ulimit -S -t "$cpu"; ulimit -H -t $((cpu + 1))
      exec 4<&-
      exec /usr/libexec/codecollab/time -q -f %M -o "$stats" \
        /usr/libexec/codecollab/timeout -s KILL "$wall" "$@" )
fi
rc=$?
t1=$(date +%s%N)
reap
c1=$(cpu_ns); o1=$(ooms)
rss=$(head -n 1 <&4 2>/dev/null); exec 4<&-; case "$rss" in ''|*[!0-9]*) rss=0;; esac
if [ "$mode" = compile ] && [ "$rc" -eq 0 ]; then
    find . -mindepth 1 -maxdepth 1 -print0 | tar -c -f - --null -T - || rc=122
fi
wipe
cpu_used=-1; [ "$c0" -ge 0 ] && [ "$c1" -ge 0 ] && cpu_used=$((c1 - c0))
oom_used=-1; [ "$o0" -ge 0 ] && [ "$o1" -ge 0 ] && oom_used=$((o1 - o0))
printf '\n%s %s %s %s %s %s\n' "$nonce" "$rc" "$cpu_used" "$oom_used" "$rss" $((t1 - t0)) >&2
