# Headless screen tests: for every tests/tui/NAME.keys, run scorch on the
# words of NAME.args (default: data/small.folded) from tests/tui with
# SCORCH_TEST_SCRIPT=NAME.keys and the variables in NAME.env (one
# VAR=value a line, e.g. SCORCH_TEST_SIZE=40x10 or SCORCH_TEST_ROLES=1);
# the screens written must equal NAME.screen, and stderr must be empty
# or equal NAME.stderr (loading warnings).
# With NAME.clip, what the copy keys sent to the terminal must be OSC 52
# sequences and nothing else (base64, no stray byte), and their decoded
# texts, one a line, must equal NAME.clip.
# SCORCH_UPDATE_GOLDEN=1 rewrites the .screen and .clip files: review the diff.
: "${SCORCH:?}" "${TOP_SRCDIR:?}"
here=$TOP_SRCDIR/tests/tui
export LC_ALL=C
pass=0 fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"   # never the real user's keys
# copies are wrapped for a multiplexer when the tests run inside one
unset TMUX STY
only=${1:-}
esc=$(printf '\033')
bel=$(printf '\007')

# The OSC 52 sequences in $1, decoded one a line; fails on any other byte.
decode_clip() {
	tr "$bel" '\n' <"$1" >"$tmp/clip.lines"
	if grep -v "^${esc}]52;c;[A-Za-z0-9+/=]*\$" "$tmp/clip.lines" >/dev/null; then
		echo "stray bytes besides OSC 52:"
		od -c "$1" | head -n 5
		return 1
	fi
	sed "s/^${esc}]52;c;//" "$tmp/clip.lines" | while IFS= read -r b64; do
		printf '%s' "$b64" | base64 -d || return 1
		echo
	done
}

for keys in "$here"/*.keys; do
	name=$(basename "$keys" .keys)
	[ -n "$only" ] && [ "$name" != "$only" ] && continue
	args=data/small.folded
	[ -f "$here/$name.args" ] && args=$(cat "$here/$name.args")
	rm -f "$tmp/$name.clipraw"
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
			SCORCH_TEST_CLIPBOARD="$tmp/$name.clipraw" \
			"$SCORCH" $args </dev/null >"$tmp/$name.stdout" 2>"$tmp/$name.err"
	)
	rc=$?
	ok=1
	if [ -f "$here/$name.clip" ]; then
		touch "$tmp/$name.clipraw"
		decode_clip "$tmp/$name.clipraw" >"$tmp/$name.clip" || ok=0
	fi
	if [ "${SCORCH_UPDATE_GOLDEN:-0}" = 1 ] && [ $rc -eq 0 ]; then
		cp "$tmp/$name.out" "$here/$name.screen"
		[ -f "$here/$name.clip" ] && cp "$tmp/$name.clip" "$here/$name.clip"
	fi
	expected_err=/dev/null
	[ -f "$here/$name.stderr" ] && expected_err=$here/$name.stderr
	if [ $rc -eq 0 ] && [ $ok = 1 ] && cmp -s "$tmp/$name.err" "$expected_err" &&
	   [ ! -s "$tmp/$name.stdout" ] && cmp -s "$tmp/$name.out" "$here/$name.screen" &&
	   { [ ! -f "$here/$name.clip" ] || cmp -s "$tmp/$name.clip" "$here/$name.clip"; }; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name (exit $rc) $(head -c 300 "$tmp/$name.err")"
		[ -f "$tmp/$name.out" ] && diff "$here/$name.screen" "$tmp/$name.out" | head -n 30
		[ -f "$here/$name.clip" ] && diff "$here/$name.clip" "$tmp/$name.clip" | head -n 10
	fi
done
echo "tui screens: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
