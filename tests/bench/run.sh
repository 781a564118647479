# Benchmarks (not tests): numbers printed beside a reference measured in
# the same run on the same file. Run with `make bench` from a build dir.
#   SCORCH_BENCH_MB     size of the generated folded input (default 512)
#   SCORCH_BENCH_DIR    where big inputs go (default /tmp)
set -u
: "${SCORCH_BENCH_MB:=512}"
: "${SCORCH_BENCH_DIR:=${TMPDIR:-/tmp}}"
bin=${TOP_BUILDDIR:-.}/tests/bench
src=$(cd "$(dirname "$0")" && pwd)
export LC_ALL=C

seconds() { # seconds CMD... -> wall time of one run, on stderr of nothing
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s.%N)
	echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }'
}

echo "== folded load + calltree build (target >= 300 MB/s on one core)"
big=$SCORCH_BENCH_DIR/scorch-bench-$SCORCH_BENCH_MB.folded
if [ ! -s "$big" ]; then
	echo "generating $big ($SCORCH_BENCH_MB MB)..."
	"$bin/gen-folded" "$SCORCH_BENCH_MB" >"$big" || exit 1
fi
cat "$big" >/dev/null   # warm the page cache for both contenders
w=$(seconds wc -l "$big")
echo "reference: wc -l        $w s  $(awk -v s="$w" -v mb="$SCORCH_BENCH_MB" 'BEGIN { printf "%.0f MB/s", mb / s }')"
taskset -c 0 "$bin/bench-load" "$big" 5 2>/dev/null || "$bin/bench-load" "$big" 5

if [ -x "$bin/nav-bench" ]; then
	echo
	echo "== keystroke -> redraw on a tree of >= 1M nodes (target <= 5 ms)"
	"$bin/nav-bench"
fi

for extra in "$src"/bench-*.sh; do
	[ -e "$extra" ] || continue
	echo
	sh "$extra"
done
