# The runner: one exec of it is one compile or run in a Docker sandbox container.
#
# Run as the sandbox uid with `sh -c "$(cat docker_runner.sh)" runner ARGS... COMMAND...`
# (see docker_exec.py), fed on stdin with the program's files as a tar archive of `load` bytes,
# then the program's stdin. It empties /box and /tmp, unpacks the files, applies the rlimits and
# the wall limit, runs COMMAND, kills every process of the sandbox uid that is left, and ends
# with one trailer line on stderr: "NONCE EXIT CPU_NS OOM_KILLS RSS_KB WALL_NS". In compile mode
# the compiler's output goes to stderr and the work dir comes back on stdout as a tar archive.
#
# The CPU limit holds for the whole tree: a watcher (WATCHER below) reads the container's CPU
# time and, once the command has used its limit, kills every process of the command (never the
# runner's own: this shell, the watcher and `time`, the runner's children). It sleeps a quarter
# of what is left per CPU between readings (at least 10 ms), so a short run wakes it once or
# twice and the overshoot stays within 10 ms of CPU per CPU.
#
# Arguments: load (bytes of tar on stdin), wall (seconds), cpu_ms (milliseconds), fsize
# (512-byte blocks), nofile, stack (KiB), nonce (marks the trailer), mode (compile or run);
# then the command.
load=$1 wall=$2 cpu_ms=$3 fsize=$4 nofile=$5 stack=$6 nonce=$7 mode=$8
shift 8
cpu=$(((cpu_ms + 999) / 1000))
mine() {
    for p in /proc/[0-9]*; do [ "$p" != "/proc/$$" ] && [ -O "$p" ] && return 0; done; return 1
}
reap() { n=0; while mine && [ $n -lt 1000 ]; do kill -9 -1 2>/dev/null; n=$((n+1)); done; }
wipe() { find /box /tmp /dev/shm -mindepth 1 -delete 2>/dev/null; }
cpu_ns() {
    if [ -r /sys/fs/cgroup/cpuacct/cpuacct.usage ]; then
        read -r v </sys/fs/cgroup/cpuacct/cpuacct.usage; echo "$v"
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
cpu_file() {
    for f in /sys/fs/cgroup/cpuacct/cpuacct.usage /sys/fs/cgroup/cpu.stat; do
        [ -r "$f" ] && echo "$f" && return
    done
}
# The CPU watcher, in perl (perl-base is in every Debian): it reads the container's CPU time
# and kills without forking, so a fork bomb holding every task slot cannot stop it. Arguments:
# the cgroup's CPU file, the CPU time (ns) at which to stop, the runner's pid.
WATCHER='
my ($file, $budget, $runner) = @ARGV;
my $cpus = 1;
if (open my $f, "<", "/sys/devices/system/cpu/online") {
    my $online = <$f>;
    close $f;
    $cpus = $1 + 1 if defined $online && $online =~ /(\d+)\s*$/;
}
sub slurp { open my $f, "<", $_[0] or return undef; local $/; return scalar <$f> }
sub used {
    my $text = slurp($file) // return -1;
    return $text + 0 unless $file =~ /cpu\.stat$/;
    return $text =~ /^usage_usec (\d+)/m ? $1 * 1000 : -1;
}
sub stop {
    for (1 .. 1000) {
        my $found = 0;
        opendir my $dir, "/proc" or return;
        for my $pid (grep { /^\d+$/ } readdir $dir) {
            next if $pid == $$ || $pid == $runner;
            my @owner = stat "/proc/$pid" or next;
            next if $owner[4] != $<;
            my $stat = slurp("/proc/$pid/stat") // next;
            my ($state, $ppid) = substr($stat, rindex($stat, ") ") + 2) =~ /^(\S) (\d+)/ or next;
            next if $state eq "Z" || $ppid == $runner;
            $found = 1 if kill 9, $pid;
        }
        return unless $found;
    }
}
while ((my $used = used()) >= 0) {
    my $left = $budget - $used;
    if ($left <= 0) { stop(); last }
    my $nap = $left / 4e9 / $cpus;
    select undef, undef, undef, $nap < 0.01 ? 0.01 : $nap;
}
'
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
watcher= cpu_at=$(cpu_file)
if [ "$c0" -ge 0 ] && [ -n "$cpu_at" ] && [ -x /usr/bin/perl ]; then
    /usr/bin/perl -e "$WATCHER" "$cpu_at" $((c0 + cpu_ms * 1000000)) $$ </dev/null >/dev/null 2>&1 &
    # the per-process CPU rlimit becomes a backstop a second past the limit (the kernel's
    # tick-sampled per-process CPU time runs ahead of the cgroup's)
    watcher=$! cpu=$((cpu + 1))
fi
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
[ -n "$watcher" ] && { kill -9 "$watcher"; wait "$watcher"; } 2>/dev/null  # dash says "Killed"
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
