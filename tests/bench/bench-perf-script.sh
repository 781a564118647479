# perf script load benchmark (not a test): a generated realistic perf
# script file (tests/bench/perf-script-gen.sh), load + calltree build by
# bench-load beside `wc -l` on the same file. Target >= 600 MB/s on one core.
#   SCORCH_BENCH_PERF_MB   size of the generated file (default 512)
#   SCORCH_BENCH_DIR       where it goes (default /tmp)
set -u
: "${SCORCH_BENCH_PERF_MB:=512}"
: "${SCORCH_BENCH_DIR:=${TMPDIR:-/tmp}}"
src=$(cd "$(dirname "$0")" && pwd)
bin=${TOP_BUILDDIR:-.}/tests/bench
export LC_ALL=C

big=$SCORCH_BENCH_DIR/scorch-bench-$SCORCH_BENCH_PERF_MB.perf
if [ ! -s "$big" ]; then
	echo "generating $big ($SCORCH_BENCH_PERF_MB MB)..."
	sh "$src/perf-script-gen.sh" "$SCORCH_BENCH_PERF_MB" >"$big" || exit 1
fi
cat "$big" >/dev/null
echo "== perf script load + calltree build (target >= 600 MB/s on one core)"
t0=$(date +%s.%N); wc -l "$big" >/dev/null; t1=$(date +%s.%N)
echo "$t0 $t1 $SCORCH_BENCH_PERF_MB" | awk '{ printf "reference: wc -l        %.3f s  %.0f MB/s\n", $2 - $1, $3 / ($2 - $1) }'
taskset -c 0 "$bin/bench-load" "$big" 5 2>/dev/null || "$bin/bench-load" "$big" 5
