# Conformance over shared/corpus/offcpu (see its MANIFEST.md).
#
# bcc multi-line files (offcputime, profile, stackcount, wakeuptime) are
# compared with NAME.expected.folded, the corpus's own parser: task name
# first (as bcc prints it, "comm (pid)"), then the stack root first, the
# kernel/user "--" delimiter dropped. bcc -f files are folded text (the
# folded parser reads them); their expected output is the file itself.
#
# bpftrace files have two references. scorch matches NAME.expected.folded
# by default: string key elements (comm, pid) as roots, then the user
# stack, then the kernel stack, "+offset" stripped so that one function
# is one frame, duplicates merged. NAME.expected.stackcollapse-bpftrace
# .folded is FlameGraph's stackcollapse-bpftrace.pl, which the MANIFEST
# calls naive: it keeps offsets, turns the ", " separator line into a
# frame and misses keys that start "@[, ". Only for the kstack-only file
# is it a fair oracle, once its offsets are stripped; for the others the
# right answer is asserted instead: every "]: N" value of the input is in
# scorch's total (stackcollapse loses 508 of 626 samples of cpuwork).
. "$(dirname "$0")/lib.sh"

corpus_begin offcpu
d=$corpus_dir

# check_unit NAME "TYPE (UNIT)" FILE: the default sample type and its unit,
# from the header of bcc output.
check_unit() {
	got=$("$SCORCH" --info "$3" 2>"$corpus_tmp/err" |
		sed -n 's/^sample type: \(.*\), total .*\[shown\]$/\1/p')
	if [ "$got" = "$2" ]; then
		corpus_ok "$1"
	else
		corpus_bad "$1" "default sample type '$got', want '$2'"
	fi
}

# check_input_total NAME FILE: scorch's total equals the sum of the
# "]: N" values of the stack-keyed entries in the bpftrace output.
check_input_total() {
	want=$(awk '/\]: -?[0-9]+$/ { v = $NF; t += v } END { printf "%.0f\n", t }' "$2")
	corpus_run "$1" --folded "$2" || return
	got=$(awk '{ t += $NF } END { printf "%.0f\n", t }' "$corpus_tmp/out")
	if [ "$got" = "$want" ]; then
		corpus_ok "$1"
	else
		corpus_bad "$1" "total $got, want $want (sum of the input's map values)"
	fi
}

# --- bcc multi-line ---------------------------------------------------------
for c in bcc-offcputime-K bcc-profile bcc-profile-U bcc-profile-d \
	bcc-stackcount-user-malloc bcc-wakeuptime; do
	check_folded "$c" "$d/$c.expected.folded" -- --folded "$d/$c.txt"
done
check_unit bcc-offcputime-K.unit "off-cpu (microseconds)" "$d/bcc-offcputime-K.txt"
check_unit bcc-profile.unit "samples (samples)" "$d/bcc-profile.txt"
check_unit bcc-wakeuptime.unit "blocked (microseconds)" "$d/bcc-wakeuptime.txt"
check_unit bcc-stackcount-user-malloc.unit "count (count)" \
	"$d/bcc-stackcount-user-malloc.txt"

# --- bcc -f (folded) ----------------------------------------------------------
for c in bcc-offcputime-Kf bcc-profile-f bcc-stackcount-Pdf bcc-wakeuptime-f; do
	check_folded "$c" "$d/$c.expected.folded" -- --folded "$d/$c.txt"
done

# offwaketime -fu ends 76 lines with an empty frame ("...;-; 2": the empty
# waker name of old bcc). folded.md drops empty frames and warns once, so
# the reference is compared with its empty frames removed, and the
# warning must count all 76.
sed 's/;;*/;/g; s/; \([0-9][0-9]*\)$/ \1/' "$d/bcc-offwaketime-fu.expected.folded" \
	>"$corpus_tmp/offwake.folded"
check_folded bcc-offwaketime-fu "$corpus_tmp/offwake.folded" \
	-- --folded "$d/bcc-offwaketime-fu.txt"
if grep -q 'warning: 76 empty frame names dropped' "$corpus_tmp/err"; then
	corpus_ok bcc-offwaketime-fu.empty-frames
else
	corpus_bad bcc-offwaketime-fu.empty-frames "no warning for 76 empty frames: $(head -c 300 "$corpus_tmp/err")"
fi

# --- bpftrace -----------------------------------------------------------------
for c in bpftrace-kstack4-sched bpftrace-offcpu-blockers \
	bpftrace-oncpu-cpuwork bpftrace-system-wide-pid; do
	check_folded "$c" "$d/$c.expected.folded" -- --folded "$d/$c.txt"
	check_input_total "$c.total" "$d/$c.txt"
done

# stackcollapse-bpftrace.pl is right about the kstack-only file, offsets
# aside.
sed 's/+[0-9][0-9]*;/;/g; s/+[0-9][0-9]* \([0-9][0-9]*\)$/ \1/' \
	"$d/bpftrace-kstack4-sched.expected.stackcollapse-bpftrace.folded" \
	>"$corpus_tmp/kstack4.sc.folded"
check_folded bpftrace-kstack4-sched.stackcollapse "$corpus_tmp/kstack4.sc.folded" \
	-- --folded "$d/bpftrace-kstack4-sched.txt"

corpus_end
