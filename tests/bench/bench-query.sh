# Query rebuild times (filters, tags, grouping, search, top, sandwich) on
# a calltree of more than a million nodes; run by tests/bench/run.sh.
bin=${TOP_BUILDDIR:-.}/tests/bench/query-bench
echo "== query rebuild on a tree of >= 1M nodes (target: well under 1 s)"
if [ -x "$bin" ]; then
	taskset -c 0 "$bin" 2>/dev/null || "$bin"
else
	echo "query-bench not built (make tests/bench/query-bench)"
fi
