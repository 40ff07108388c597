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
# blocks), nofile, stack (KiB), nonce (marks the trailer), mode (compile or run); then the
# command.
load=$1 wall=$2 cpu=$3 fsize=$4 nofile=$5 stack=$6 nonce=$7 mode=$8
shift 8
mine() {
    for p in /proc/[0-9]*; do [ "$p" != "/proc/$$" ] && [ -O "$p" ] && return 0; done; return 1
}
reap() { n=0; while mine && [ $n -lt 1000 ]; do kill -9 -1 2>/dev/null; n=$((n+1)); done; }
wipe() { find /box /tmp /dev/shm -mindepth 1 -delete 2>/dev/null; }
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
hard_stack=$(ulimit -H -s)
if [ "$hard_stack" != unlimited ] && [ "$hard_stack" -lt "$stack" ]; then
    echo "sandbox: the container's stack limit ($hard_stack KiB) is below $stack KiB" >&2; exit 123
fi
if [ "$load" -gt 0 ]; then
    dd bs=65536 count="$load" iflag=count_bytes,fullblock status=none \
        | tar -x -m --no-overwrite-dir -f - -C /box \
        || { echo "sandbox: cannot unpack the program" >&2; exit 121; }
fi
stats=/tmp/.codecollab-time-$nonce
c0=$(cpu_ns); o0=$(ooms); t0=$(date +%s%N)
if [ "$mode" = compile ]; then
    ( ulimit -n "$nofile"; ulimit -s "$stack"; ulimit -f "$fsize"
      ulimit -S -t "$cpu"; ulimit -H -t $((cpu + 1))
      exec /usr/libexec/codecollab/time -q -f %M -o "$stats" \
        /usr/libexec/codecollab/timeout -s KILL "$wall" "$@" </dev/null 1>&2 )
else
    ( ulimit -n "$nofile"; ulimit -s "$stack"; ulimit -f "$fsize"
      ulimit -S -t "$cpu"; ulimit -H -t $((cpu + 1))
      exec /usr/libexec/codecollab/time -q -f %M -o "$stats" \
        /usr/libexec/codecollab/timeout -s KILL "$wall" "$@" )
fi
rc=$?
t1=$(date +%s%N)
reap
c1=$(cpu_ns); o1=$(ooms)
rss=$(tail -n 1 "$stats" 2>/dev/null); case "$rss" in ''|*[!0-9]*) rss=0;; esac
if [ "$mode" = compile ] && [ "$rc" -eq 0 ]; then
    find . -mindepth 1 -maxdepth 1 -print0 | tar -c -f - --null -T - || rc=122
fi
wipe
cpu_used=-1; [ "$c0" -ge 0 ] && [ "$c1" -ge 0 ] && cpu_used=$((c1 - c0))
oom_used=-1; [ "$o0" -ge 0 ] && [ "$o1" -ge 0 ] && oom_used=$((o1 - o0))
printf '\n%s %s %s %s %s %s\n' "$nonce" "$rc" "$cpu_used" "$oom_used" "$rss" $((t1 - t0)) >&2
