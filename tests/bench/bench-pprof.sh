# pprof load benchmark (not a test): a generated profile of >= 50 MB with
# many unique stacks and labels (tests/bench/pprof-gen.py), loaded by
# scorch and, where Go is installed, by `go tool pprof -top` on the same
# file. Prints wall time and peak RSS of each, and the ratios the issue
# asks for (scorch <= 1/10 of pprof's time, <= 1/4 of its memory).
#   SCORCH_BENCH_PPROF_MB   size of the generated profile (default 64)
#   SCORCH_BENCH_DIR        where it goes (default /tmp)
# Run from a build directory: sh ../main/tests/bench/bench-pprof.sh
set -u
: "${SCORCH_BENCH_PPROF_MB:=64}"
: "${SCORCH_BENCH_DIR:=${TMPDIR:-/tmp}}"
: "${SCORCH:=${TOP_BUILDDIR:-.}/scorch}"
src=$(cd "$(dirname "$0")" && pwd)
bin=${TOP_BUILDDIR:-.}/tests/bench
export LC_ALL=C

big=$SCORCH_BENCH_DIR/scorch-bench-pprof-$SCORCH_BENCH_PPROF_MB.pb
if [ ! -s "$big" ]; then
	echo "generating $big (~$SCORCH_BENCH_PPROF_MB MB)..."
	python3 "$src/pprof-gen.py" "$big" --mb "$SCORCH_BENCH_PPROF_MB" || exit 1
fi
cat "$big" >/dev/null   # warm the page cache for every contender
mb=$(wc -c <"$big" | awk '{ printf "%.1f", $1 / 1048576 }')
echo "== pprof load: $big ($mb MB)"

# measure NAME CMD...: wall seconds and peak RSS (MB) of CMD, output dropped
measure() {
	name=$1
	shift
	/usr/bin/time -f "%e %M" -o "$SCORCH_BENCH_DIR/.pprof-bench-time" "$@" \
		>/dev/null 2>"$SCORCH_BENCH_DIR/.pprof-bench-err" || {
		echo "$name failed: $(tail -n 3 "$SCORCH_BENCH_DIR/.pprof-bench-err")"
		return 1
	}
	read -r secs kb <"$SCORCH_BENCH_DIR/.pprof-bench-time"
	rss=$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')
	printf "%-34s %8.2f s  %6s MB peak RSS\n" "$name" "$secs" "$rss"
}

measure "scorch --info (load only)" "$SCORCH" --info "$big"
s_secs=$secs s_rss=$rss
measure "scorch --folded (load + write)" "$SCORCH" --folded "$big"
f_secs=$secs f_rss=$rss
if [ -x "$bin/bench-load" ]; then
	"$bin/bench-load" "$big" 3
fi

tooldir=$(go env GOTOOLDIR 2>/dev/null)
if [ -n "$tooldir" ] && [ -x "$tooldir/pprof" ]; then
	# the pprof binary itself, so that its peak RSS is the one measured;
	# -symbolize=none as in the corpus oracles (no symbol lookups)
	if measure "go tool pprof -top" "$tooldir/pprof" -symbolize=none -top "$big"; then
		awk -v ss="$s_secs" -v sr="$s_rss" -v fs="$f_secs" -v fr="$f_rss" \
			-v ps="$secs" -v pr="$rss" 'BEGIN {
			printf "scorch/pprof, load only: time %.3f, peak RSS %.3f\n", ss / ps, sr / pr
			printf "scorch/pprof, --folded:  time %.3f, peak RSS %.3f\n", fs / ps, fr / pr
			print "(targets: time <= 0.100, peak RSS <= 0.250)" }'
	fi
else
	echo "go tool pprof: not installed (apt-get install golang-go), no comparison"
fi
rm -f "$SCORCH_BENCH_DIR/.pprof-bench-time" "$SCORCH_BENCH_DIR/.pprof-bench-err"
