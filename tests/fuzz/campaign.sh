# A long fuzz campaign (not a test): every target built by `make fuzz`
# in turn, in slices, over persistent corpora, two workers at a time,
# each slice's CPU time and result appended to a ledger, the least
# fuzzed target always next, so that the CPU-hours per target add up
# evenly across sessions.
#   usage: campaign.sh BUILDDIR WORKDIR [SLICE_SECONDS]
# WORKDIR keeps corpus/<target>/, art/<target>/ (findings), logs/ and
# ledger.txt. Stop it with: pkill -f tests/fuzz/campaign.sh
# Totals per target: tests/fuzz/totals.sh WORKDIR
# Binaries are copied per slice, so rebuilding BUILDDIR is safe; crashes
# go to art/<target>/: fix them, then add them to regressions/<target>/.
set -u
build=${1:?usage: campaign.sh BUILDDIR WORKDIR [SLICE_SECONDS]}
work=${2:?usage: campaign.sh BUILDDIR WORKDIR [SLICE_SECONDS]}
slice=${3:-600}
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$work/bin" "$work/logs"
cd "$work" || exit 1
rm -f bin/fuzz-*   # left by a campaign that was killed

slice_of() {   # slice_of TARGET BINARY
	t=$1 stamp=$(date +%m%d-%H%M%S)
	bin=$2
	mkdir -p "corpus/$t" "art/$t"
	# a fresh corpus starts from the fixtures
	[ -n "$(ls "corpus/$t")" ] || cp "$src"/tests/formats/*/*.in "corpus/$t/" 2>/dev/null
	/usr/bin/time -f '%U %S' -o "logs/time-$t-$stamp" nice -n 19 "$bin" \
		-max_total_time="$slice" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="art/$t/" "corpus/$t" >"logs/$t-$stamp.txt" 2>&1
	echo "$stamp $t rc=$? cpu=$(awk '{ print $1 + $2 }' "logs/time-$t-$stamp" | tail -n 1)s" \
		"$(grep -ao 'Done [0-9]* runs' "logs/$t-$stamp.txt" | tail -n 1)" \
		"$(grep -aoE 'cov: [0-9]+' "logs/$t-$stamp.txt" | tail -n 1)" >>ledger.txt
	rm -f "$bin"
}

cpu_of() {   # cpu_of TARGET: CPU seconds spent on it so far, from the time logs
	cat logs/time-"$1"-* 2>/dev/null | awk 'NF == 2 { s += $1 + $2 } END { printf "%d", s }'
}

least_fuzzed() {   # the target with the least CPU so far that no worker is running
	for t in $targets; do
		ls bin/fuzz-"$t".* >/dev/null 2>&1 || echo "$(cpu_of "$t") $t"
	done | sort -n | head -n 1 | cut -d' ' -f2
}

worker() {   # worker N: for ever, the least fuzzed target next
	while :; do
		# the pick and the copy that marks it as running, under one lock
		exec 9>bin/.claim
		flock 9
		t=$(least_fuzzed)
		[ -n "$t" ] && cp "$build/tests/fuzz/fuzz-$t" "bin/fuzz-$t.$$.$1"
		exec 9>&-
		[ -n "$t" ] || { sleep 5; continue; }
		slice_of "$t" "bin/fuzz-$t.$$.$1"
	done
}

targets=$(ls "$build"/tests/fuzz/ | sed -n 's/^fuzz-//p')
[ -n "$targets" ] || { echo "no fuzz targets in $build/tests/fuzz (make fuzz)"; exit 1; }
worker 1 &
worker 2 &
wait
