# Headless screen tests: for every tests/tui/NAME.keys, run scorch on the
# words of NAME.args (default: data/small.folded) from tests/tui with
# SCORCH_TEST_SCRIPT=NAME.keys and the variables in NAME.env (one
# VAR=value a line, e.g. SCORCH_TEST_SIZE=40x10 or SCORCH_TEST_ROLES=1);
# the screens written must equal NAME.screen and stderr must be empty.
# SCORCH_UPDATE_GOLDEN=1 rewrites the .screen files: review the diff.
: "${SCORCH:?}" "${TOP_SRCDIR:?}"
here=$TOP_SRCDIR/tests/tui
export LC_ALL=C
pass=0 fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"   # never the real user's keys
only=${1:-}

for keys in "$here"/*.keys; do
	name=$(basename "$keys" .keys)
	[ -n "$only" ] && [ "$name" != "$only" ] && continue
	args=data/small.folded
	[ -f "$here/$name.args" ] && args=$(cat "$here/$name.args")
	(
		cd "$here" || exit 99
		unset SCORCH_TEST_SIZE SCORCH_TEST_ROLES NO_COLOR
		if [ -f "$name.env" ]; then
			while IFS= read -r kv; do
				case $kv in ''|'#'*) continue ;; esac
				export "${kv?}"
			done <"$name.env"
		fi
		# shellcheck disable=SC2086
		SCORCH_TEST_SCRIPT="$name.keys" SCORCH_TEST_SCREEN="$tmp/$name.out" \
			"$SCORCH" $args </dev/null >"$tmp/$name.stdout" 2>"$tmp/$name.err"
	)
	rc=$?
	if [ "${SCORCH_UPDATE_GOLDEN:-0}" = 1 ] && [ $rc -eq 0 ]; then
		cp "$tmp/$name.out" "$here/$name.screen"
	fi
	if [ $rc -eq 0 ] && [ ! -s "$tmp/$name.err" ] && [ ! -s "$tmp/$name.stdout" ] &&
	   cmp -s "$tmp/$name.out" "$here/$name.screen"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name (exit $rc) $(head -c 300 "$tmp/$name.err")"
		[ -f "$tmp/$name.out" ] && diff "$here/$name.screen" "$tmp/$name.out" | head -n 30
	fi
done
echo "tui screens: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
