# --cold: on-CPU and off-CPU time merged. Expected values are computed
# here with awk from the inputs' folded forms or, for the off-CPU time a
# perf script's sched_switch events imply, from the perf script text.
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../data/hotcold-blocker
. "$here/../corpus/lib.sh"
. "$here/lib.sh"
check_corpus

# The default idle pattern, as documented (scorch.1, src/hotcold.h).
default_idle='pthread_cond_(timed|clock)?wait|__futex_abstimed_wait|epoll_wait|ep_poll|ThreadPoolExecutor\.getTask|ForkJoinPool\.awaitWork|LinkedBlockingQueue\.take|SynchronousQueue\.take|runtime\.findrunnable|runtime\.findRunnable|runtime\.netpoll|^(worker_thread|smpboot_thread_fn|rcu_gp_kthread|kthreadd|do_idle)$'

# expect_cold ON OFF ON_NS OFF_NS VIEW IDLE_RE: the folded output of a
# hot/cold merge from two normalised folded files: "stack on off" (both),
# "stack on" or "stack off"; off-CPU values of stacks with a frame matching
# IDLE_RE (ERE, "" = none) are left out.
expect_cold() {
	IDLE_RE=$6 awk -v on_ns="$3" -v off_ns="$4" -v view="$5" '
	function idle(st,   n, i, fr) {
		if (ENVIRON["IDLE_RE"] == "") return 0
		n = split(st, fr, ";")
		for (i = 1; i <= n; i++) if (fr[i] ~ ENVIRON["IDLE_RE"]) return 1
		return 0
	}
	FNR == 1 { f++ }
	{ v = $NF; st = $0; sub(/ [^ ]*$/, "", st); s[st] = 1
	  if (f == 1) on[st] += v * on_ns; else off[st] += v * off_ns }
	END {
		for (k in s) {
			o = off[k]; if (idle(k)) o = 0
			if (view == "both" && (on[k] != 0 || o != 0)) printf "%s %.0f %.0f\n", k, on[k], o
			if (view == "on" && on[k] != 0) printf "%s %.0f\n", k, on[k]
			if (view == "off" && o != 0) printf "%s %.0f\n", k, o
		}
	}' "$1" "$2" | sort
}

# check_views NAME ON.folded OFF.folded ON_NS OFF_NS IDLE_RE -- scorch args
check_views() {
	n=$1 onf=$2 offf=$3 on_ns=$4 off_ns=$5 re=$6
	shift 7
	for view in both on off; do
		expect_cold "$onf" "$offf" "$on_ns" "$off_ns" $view "$re" >"$tmp/want"
		"$SCORCH" --cold --folded --cold-view=$view "$@" 2>"$tmp/err" | sort >"$tmp/got"
		same_bytes "$n: --cold-view=$view --folded" "$tmp/want" "$tmp/got"
	done
	# --print: the root row adds up, and every width fits
	expect_cold "$onf" "$offf" "$on_ns" "$off_ns" both "$re" |
		awk '{ on += $(NF - 1); off += $NF } END { printf "%.0f %.0f\n", on, off }' >"$tmp/want"
	"$SCORCH" --cold --folded "$@" 2>/dev/null |
		awk '{ on += $(NF - 1); off += $NF } END { printf "%.0f %.0f\n", on, off }' >"$tmp/got"
	same_bytes "$n: totals" "$tmp/want" "$tmp/got"
	for wd in 20 40 50 64 80 120; do
		"$SCORCH" --cold --print --width=$wd "$@" >"$tmp/p" 2>/dev/null
		if awk -v w=$wd '{ s = $0; gsub(/[\200-\277]/, "", s) } length(s) > w { exit 1 }' \
		    "$tmp/p"; then ok; else bad "$n: --print wider than $wd"; fi
	done
}

# --- our own recording: off-CPU folded (made by scorch from the
# sched_switch events, in ns) and the perf script's on-CPU samples counted
# at --hz=1000; the default idle pattern applies
"$SCORCH" --folded --weight=samples "$data/blocker.perf.zst" | folded_normalize >"$tmp/on"
corpus_cat "$data/offcpu.folded.zst" | folded_normalize >"$tmp/off"
check_views own-hz "$tmp/on" "$tmp/off" 1000000 1 "$default_idle" -- \
	--unit=ns --weight=samples --hz=1000 "$data/offcpu.folded.zst" "$data/blocker.perf.zst"
# the same_bytes with the perf periods (cpu-clock is in ns), idle kept
"$SCORCH" --folded "$data/blocker.perf.zst" | folded_normalize >"$tmp/on"
check_views own-period "$tmp/on" "$tmp/off" 1 1 "" -- \
	--unit=ns --idle=none "$data/offcpu.folded.zst" "$data/blocker.perf.zst"
# and an explicit pattern
check_views own-idle "$tmp/on" "$tmp/off" 1 1 'nanosleep|^read$' -- \
	--unit=ns --idle='nanosleep|^read$' "$data/offcpu.folded.zst" "$data/blocker.perf.zst"

"$SCORCH" --cold --info --unit=ns "$data/offcpu.folded.zst" "$data/blocker.perf.zst" \
	>"$tmp/info" 2>&1
grep -qxF "idle pattern: $default_idle" "$tmp/info" && ok || bad "default idle pattern in --info"
grep -q '^sample type: wall (nanoseconds), total .* \[shown\]$' "$tmp/info" && ok || bad "wall shown"
"$SCORCH" --cold --print --width=200 --cold-view=off --unit=ns "$data/offcpu.folded.zst" \
	"$data/blocker.perf.zst" 2>/dev/null | head -1 | grep -q 'hot/cold, view off: wall ' &&
	ok || bad "--print header names the view"

# --- one perf script with cpu-clock and sched:sched_switch ---------------
# Off-CPU per thread root, from the event lines alone: an interval starts
# at a switch-out and ends at the thread's next event, or (system-wide:
# the idle task is recorded) at the last switch on the CPU of that event.
switch_off() {
	zstd -dc "$1" | awk -v wide="$2" '
	/^[^ \t]/ || /^ +[^ \t].*: *[0-9]+\.[0-9]+: / {
		for (c = 1; c <= NF; c++) if ($c ~ /^\[[0-9]+\]$/) break
		if (c > NF) next
		comm = $1; for (i = 2; i < c - 1; i++) comm = comm " " $i
		sub(/^ +/, "", comm)
		tid = $(c - 1); sub(/.*\//, "", tid)
		cpu = substr($c, 2, length($c) - 2) + 0
		t = $(c + 1); sub(/:$/, "", t); split(t, ts, ".")
		ns = ts[1] * 1000000000 + substr(ts[2] "000000000", 1, 9)
		sw = $0 ~ / sched:sched_switch: / ? 1 : 0
		printf "%.0f %d %s %d %d %s\n", ns, NR, tid, cpu, sw, comm
	}' | sort -n -k1,1 -k2,2 | awk -v wide="$2" '
	{
		t = $1; tid = $3; cpu = $4; sw = $5; comm = $6
		for (i = 7; i <= NF; i++) comm = comm " " $i
		if (tid > 0) {
			if (tid in t0) {
				tin = t
				if (wide && (cpu in lst) && lst[cpu] > t0[tid] && ltid[cpu] != tid)
					tin = lst[cpu]
				off[root[tid]] += tin - t0[tid]
				delete t0[tid]
			}
			if (sw) { t0[tid] = t; root[tid] = comm }
		}
		if (sw) { lst[cpu] = t; ltid[cpu] = tid }
	}
	END { for (r in off) if (off[r] > 0) printf "%s %.0f\n", r, off[r] }' | sort
}

# per root (first frame) totals of folded text on stdin
by_root() {
	awk '{ v = $NF; st = $0; sub(/ [^ ]*$/, "", st); sub(/;.*/, "", st); s[st] += v }
		END { for (k in s) if (s[k] > 0) printf "%s %.0f\n", k, s[k] }' | sort
}

for spec in blocker.perf.zst:0 blocker-system-wide.perf.zst:1; do
	f=$data/${spec%:*} wide=${spec#*:}
	switch_off "$f" "$wide" >"$tmp/want"
	"$SCORCH" --cold --cold-view=off --idle=none --folded "$f" 2>"$tmp/err" | by_root >"$tmp/got"
	same_bytes "${spec%:*}: off-CPU per thread from sched_switch" "$tmp/want" "$tmp/got"
	# on-CPU: the cpu-clock periods per thread
	zstd -dc "$f" | awk '/ cpu-clock: *$/ { for (c = 1; c <= NF; c++) if ($c ~ /^\[[0-9]+\]$/) break
		comm = $1; for (i = 2; i < c - 1; i++) comm = comm " " $i
		p[comm] += $(c + 2) } END { for (k in p) printf "%s %.0f\n", k, p[k] }' | sort >"$tmp/want"
	"$SCORCH" --cold --cold-view=on --folded "$f" 2>/dev/null | by_root >"$tmp/got"
	same_bytes "${spec%:*}: on-CPU per thread" "$tmp/want" "$tmp/got"
	if [ $wide = 1 ]; then want='system-wide recording: exact'; else want='per-process recording'; fi
	"$SCORCH" --cold --info "$f" 2>/dev/null | grep -q "^off-cpu from: .*$want" &&
		ok || bad "${spec%:*}: --info says how off-CPU time was derived"
done
# the default idle pattern on the derived off-CPU time
"$SCORCH" --cold --cold-view=off --idle=none --folded "$data/blocker.perf.zst" |
	folded_normalize >"$tmp/all"
echo "no-on-cpu 0" >"$tmp/none"
expect_cold "$tmp/none" "$tmp/all" 1 1 off "$default_idle" >"$tmp/want"
"$SCORCH" --cold --cold-view=off --folded "$data/blocker.perf.zst" 2>/dev/null | sort >"$tmp/got"
same_bytes "one file: default idle pattern" "$tmp/want" "$tmp/got"
cmp -s "$tmp/want" "$tmp/all" && bad "the default idle pattern excludes nothing here" || ok

# --cold --folded writes "stack on off"; read back as one two-count file
"$SCORCH" --cold --folded "$data/blocker.perf.zst" >"$tmp/two" 2>/dev/null
"$SCORCH" --cold --folded --unit=ns "$tmp/two" >"$tmp/again" 2>/dev/null
same_bytes "hot/cold folded reads back" "$tmp/two" "$tmp/again"

if [ $have_corpus = 1 ]; then
	c=$SCORCH_CORPUS
	# bcc offcputime -f (us) with bcc profile -f counted at 100 Hz
	"$SCORCH" --folded "$c/offcpu/bcc-profile-f.txt" | folded_normalize >"$tmp/on"
	"$SCORCH" --folded "$c/offcpu/bcc-offcputime-Kf.txt" | folded_normalize >"$tmp/off"
	check_views bcc-hz "$tmp/on" "$tmp/off" 10000000 1000 '^schedule_timeout$' -- \
		--unit=us --hz=100 --idle='^schedule_timeout$' "$c/offcpu/bcc-offcputime-Kf.txt" \
		"$c/offcpu/bcc-profile-f.txt"
	# --hz=250: 4 ms a sample
	check_views bcc-hz250 "$tmp/on" "$tmp/off" 4000000 1000 "" -- \
		--unit=us --hz=250 --idle=none "$c/offcpu/bcc-offcputime-Kf.txt" \
		"$c/offcpu/bcc-profile-f.txt"

	# pprof: samples x the profile's period (10 ms) = the cpu column
	folded_normalize <"$c/pprof/gen-go-cpu.expected.samples.folded" >"$tmp/on"
	corpus_cat "$data/offcpu.folded.zst" | folded_normalize >"$tmp/off"
	check_views pprof-period "$tmp/on" "$tmp/off" 10000000 1 "" -- --unit=ns --idle=none \
		--sample-type=samples "$data/offcpu.folded.zst" "$c/pprof/gen-go-cpu.pb.gz"
	"$SCORCH" --cold --info --unit=ns --sample-type=samples "$data/offcpu.folded.zst" \
		"$c/pprof/gen-go-cpu.pb.gz" 2>/dev/null | grep -q "^on-cpu from: on-CPU samples x 10 ms (the profile's period)$" &&
		ok || bad "pprof period named in --info"
	check_views pprof-cpu "$tmp/on" "$tmp/off" 10000000 1 "" -- --unit=ns --idle=none \
		"$data/offcpu.folded.zst" "$c/pprof/gen-go-cpu.pb.gz"

	# bpftrace off-CPU map: counts, in microseconds by --unit
	"$SCORCH" --cold --cold-view=off --idle=none --unit=us --folded --hz=100 \
		"$c/offcpu/bpftrace-offcpu-blockers.txt" "$c/offcpu/bcc-profile-f.txt" 2>/dev/null |
		awk '{ s += $NF } END { printf "%.0f\n", s }' >"$tmp/got"
	awk '{ s += $NF } END { printf "%.0f\n", s * 1000 }' \
		"$c/offcpu/bpftrace-offcpu-blockers.expected.folded" >"$tmp/want"
	same_bytes "bpftrace off-CPU in us" "$tmp/want" "$tmp/got"
fi

expect_err() {   # NAME REGEX ARGS...
	n=$1 re=$2
	shift 2
	"$SCORCH" "$@" >/dev/null 2>"$tmp/err" </dev/null
	rc=$?
	if [ $rc -eq 2 ] && grep -Eq -- "$re" "$tmp/err"; then ok; else bad "$n: exit $rc: $(cat "$tmp/err")"; fi
}
expect_err no-hz 'on-CPU values count samples and the profile has no period: give the sampling rate with --hz=N' \
	--cold --folded --unit=ns --weight=samples "$data/offcpu.folded.zst" "$data/blocker.perf.zst"
expect_err no-switch 'one-file hot/cold needs a cpu-clock event and sched:sched_switch' \
	--cold --folded "$here/../data/diff-work/before.perf.zst"
expect_err off-not-time 'not a time unit' --cold --folded --unit=bytes "$data/offcpu.folded.zst" \
	"$data/blocker.perf.zst"
expect_err off-samples 'off-CPU values are in samples, not time: give their unit with --unit=us' \
	--cold --folded "$data/offcpu.folded.zst" "$data/blocker.perf.zst"
expect_err cold-view '--cold-view: expected both, on or off' --cold-view=warm a
expect_err bad-idle "--idle: bad regular expression '\\('" --cold --folded --idle='(' "$data/blocker.perf.zst"
expect_err hz '--hz: expected a number' --hz=0 a

summary hotcold
