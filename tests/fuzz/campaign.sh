# A long fuzz campaign (not a test): every target built by `make fuzz`
# in turn, in slices, over persistent corpora, two workers at a time,
# each slice's CPU time and result appended to a ledger, so that the
# CPU-hours per target add up across sessions.
#   usage: campaign.sh BUILDDIR WORKDIR [SLICE_SECONDS]
# WORKDIR keeps corpus/<target>/, art/<target>/ (findings), logs/ and
# ledger.txt. Stop it with: pkill -f tests/fuzz/campaign.sh
# Binaries are copied per slice, so rebuilding BUILDDIR is safe; crashes
# go to art/<target>/: fix them, then add them to regressions/<target>/.
set -u
build=${1:?usage: campaign.sh BUILDDIR WORKDIR [SLICE_SECONDS]}
work=${2:?usage: campaign.sh BUILDDIR WORKDIR [SLICE_SECONDS]}
slice=${3:-600}
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$work/bin" "$work/logs"
cd "$work" || exit 1

slice_of() {   # slice_of TARGET
	t=$1 stamp=$(date +%m%d-%H%M%S)
	bin=bin/fuzz-$t.$$.$2
	cp "$build/tests/fuzz/fuzz-$t" "$bin" || return
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

worker() {   # worker N TARGET...: round robin for ever
	n=$1
	shift
	while :; do
		for t in "$@"; do slice_of "$t" "$n"; done
	done
}

targets=$(ls "$build"/tests/fuzz/ | sed -n 's/^fuzz-//p')
[ -n "$targets" ] || { echo "no fuzz targets in $build/tests/fuzz (make fuzz)"; exit 1; }
# two workers, the list rotated so that they do not run the same target
set -- $targets
first=$1
shift
worker 1 $targets &
worker 2 "$@" "$first" &
wait
