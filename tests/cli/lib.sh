# What the CLI tests share (sourced, not run): the scorch under test, a
# scratch directory removed on exit, counting, and the closing line.
: "${SCORCH:?}"
export LC_ALL=C
pass=0 fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

# same_bytes NAME EXPECTED ACTUAL: the files are identical
same_bytes() {
	if cmp -s "$2" "$3"; then ok; else bad "$1"; diff "$2" "$3" | head -10; fi
}

# have_corpus=1 when $SCORCH_CORPUS (tests/corpus/lib.sh) is there;
# otherwise says so and stops the test (exit 99, a hard error) unless
# SCORCH_ALLOW_NO_CORPUS=1.
check_corpus() {
	have_corpus=1
	if [ ! -d "$SCORCH_CORPUS" ]; then
		echo "CORPUS MISSING: $SCORCH_CORPUS" >&2
		[ "${SCORCH_ALLOW_NO_CORPUS:-0}" = 1 ] || exit 99
		have_corpus=0
	fi
}

# summary NAME: the last line of a test, and its exit status
summary() {
	echo "$1: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
