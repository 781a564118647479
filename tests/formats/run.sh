# Format fixtures: for every tests/formats/<fmt>/NAME.in, `scorch --folded`
# (plus the words in NAME.args, if present) must print NAME.expected
# exactly; for every tests/formats/<fmt>/bad/NAME.in, scorch must exit 2
# and print NAME.err exactly on stderr (after the path prefix is replaced
# by "IN"). SCORCH_FIXTURES=fmt1,fmt2 limits the run to those folders;
# SCORCH_UPDATE_GOLDEN=1 rewrites the golden files of what runs (use it
# with SCORCH_FIXTURES, and review the diff).
: "${SCORCH:?}"
here=$(cd "$(dirname "$0")" && pwd)
export LC_ALL=C
pass=0 fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

for in in "$here"/*/*.in "$here"/*/bad/*.in; do
	[ -e "$in" ] || continue
	base=${in%.in}
	rel=${in#"$here"/}
	if [ -n "${SCORCH_FIXTURES:-}" ]; then
		case ",$SCORCH_FIXTURES," in *",${rel%%/*},"*) ;; *) continue ;; esac
	fi
	args=
	[ -f "$base.args" ] && args=$(cat "$base.args")
	case $rel in
	*/bad/*)
		# shellcheck disable=SC2086
		(cd "$(dirname "$in")" && "$SCORCH" --folded $args "$(basename "$in")") >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ "${SCORCH_UPDATE_GOLDEN:-0}" = 1 ]; then cp "$tmp/err" "$base.err"; fi
		if [ $rc -eq 2 ] && cmp -s "$tmp/err" "$base.err"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1)); echo "FAIL $rel (exit $rc)"; diff "$base.err" "$tmp/err" | head -n 10
		fi
		;;
	*)
		# shellcheck disable=SC2086
		(cd "$(dirname "$in")" && "$SCORCH" --folded $args "$(basename "$in")") >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ "${SCORCH_UPDATE_GOLDEN:-0}" = 1 ]; then cp "$tmp/out" "$base.expected"; fi
		if [ $rc -eq 0 ] && cmp -s "$tmp/out" "$base.expected"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1)); echo "FAIL $rel (exit $rc): $(head -c 200 "$tmp/err")"; diff "$base.expected" "$tmp/out" | head -n 10
		fi
		;;
	esac
done
echo "format fixtures: $pass passed, $fail failed"
[ -n "${SCORCH_FIXTURES:-}" ] && [ $pass -eq 0 ] && echo "no fixtures matched SCORCH_FIXTURES=$SCORCH_FIXTURES"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
