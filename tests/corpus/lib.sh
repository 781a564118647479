# Shared helpers for the corpus conformance scripts (tests/corpus/*.sh).
# Source it, call corpus_begin CATEGORY, then check_* per case, then
# corpus_end. The corpus lives in ../shared/corpus beside the project
# (SCORCH_CORPUS overrides). A missing corpus is a loud ERROR, not a pass:
# set SCORCH_ALLOW_NO_CORPUS=1 to turn it into a skip on machines without it.

: "${SCORCH:?SCORCH must point at the scorch binary (run through make check)}"
: "${SCORCH_CORPUS:=$(cd "$(dirname "$0")/../../.." && pwd)/shared/corpus}"
export LC_ALL=C

corpus_pass=0
corpus_fail=0
corpus_failed_names=
corpus_tmp=

corpus_begin() {
	corpus_category=$1
	corpus_dir=$SCORCH_CORPUS/$1
	if [ ! -d "$corpus_dir" ]; then
		echo "########################################################" >&2
		echo "## CORPUS MISSING: $corpus_dir" >&2
		echo "## The conformance test needs ../shared/corpus beside the" >&2
		echo "## project (or SCORCH_CORPUS=/path/to/corpus)." >&2
		echo "########################################################" >&2
		if [ "${SCORCH_ALLOW_NO_CORPUS:-0}" = 1 ]; then
			exit 77
		fi
		exit 99
	fi
	corpus_tmp=$(mktemp -d)
	trap 'rm -rf "$corpus_tmp"' EXIT
}

# Prints a file, decompressing .zst and .gz by name.
corpus_cat() {
	case $1 in
	*.zst) zstd -dc -- "$1" ;;
	*.gz) gzip -dc -- "$1" ;;
	*) cat -- "$1" ;;
	esac
}

# Folded text on stdin -> one line per unique stack, values summed, sorted
# bytewise. Integers print as integers, fractions with 6 decimals, so that
# sums done in another order still compare equal.
folded_normalize() {
	awk '
	{
		sub(/\r$/, "")
		sub(/[ \t]+$/, "")
		if ($0 == "" || substr($0, 1, 1) == "#") next
		n = match($0, /[ \t][0-9]+(\.[0-9]*)?$/)
		if (!n) next
		stack = substr($0, 1, n - 1)
		sub(/[ \t]+$/, "", stack)
		# folded.md: empty frames are dropped; a line with no frame is malformed
		while (gsub(/;;/, ";", stack)) {}
		sub(/^;/, "", stack)
		sub(/;$/, "", stack)
		if (stack == "") next
		sum[stack] += substr($0, n + 1)
	}
	END {
		for (s in sum) {
			v = sum[s]
			if (v == int(v)) printf "%s %.0f\n", s, v
			else printf "%s %.6f\n", s, v
		}
	}' | sort
}

# Unique stacks and total of normalised folded text on stdin: "N TOTAL".
folded_totals() {
	awk '{ n++; t += $NF } END { if (t == int(t)) printf "%d %.0f\n", n, t; else printf "%d %.3f\n", n, t }'
}

corpus_ok() {
	corpus_pass=$((corpus_pass + 1))
	echo "ok   $corpus_category/$1"
}

corpus_bad() {
	corpus_fail=$((corpus_fail + 1))
	corpus_failed_names="$corpus_failed_names $1"
	echo "FAIL $corpus_category/$1: $2"
}

# corpus_run NAME SCORCH_ARGS...: scorch's output in $corpus_tmp/out, its
# stderr in $corpus_tmp/err. When it fails, NAME fails (returns 1).
corpus_run() {
	corpus_run_name=$1
	shift
	"$SCORCH" "$@" >"$corpus_tmp/out" 2>"$corpus_tmp/err" && return 0
	corpus_bad "$corpus_run_name" "scorch $* failed: $(head -c 300 "$corpus_tmp/err")"
	return 1
}

# corpus_compare NAME EXPECTED: NAME passes when the normalised folded
# texts $corpus_tmp/got and $corpus_tmp/want (made from EXPECTED) are equal.
corpus_compare() {
	if cmp -s "$corpus_tmp/got" "$corpus_tmp/want"; then
		corpus_ok "$1"
	else
		corpus_bad "$1" "differs from $(basename "$2"): got $(folded_totals <"$corpus_tmp/got"), want $(folded_totals <"$corpus_tmp/want")"
		diff "$corpus_tmp/want" "$corpus_tmp/got" | head -n 10 | sed 's/^/    /'
	fi
}

# check_folded NAME EXPECTED_FILE -- SCORCH ARGS...
# Runs scorch with ARGS (which should include --folded) and compares the
# normalised output with the normalised reference.
check_folded() {
	name=$1 expected=$2
	shift 3
	corpus_run "$name" "$@" || return
	folded_normalize <"$corpus_tmp/out" >"$corpus_tmp/got"
	corpus_cat "$expected" | folded_normalize >"$corpus_tmp/want"
	corpus_compare "$name" "$expected"
}

# check_totals NAME "STACKS TOTAL" -- SCORCH ARGS...
check_totals() {
	name=$1 want=$2
	shift 3
	corpus_run "$name" "$@" || return
	got=$(folded_normalize <"$corpus_tmp/out" | folded_totals)
	if [ "$got" = "$want" ]; then
		corpus_ok "$name"
	else
		corpus_bad "$name" "totals: got '$got', want '$want'"
	fi
}

# check_error NAME EXIT_CODE REGEX -- SCORCH ARGS...
# The command must fail with EXIT_CODE and stderr must match REGEX (grep -E).
check_error() {
	name=$1 code=$2 re=$3
	shift 4
	"$SCORCH" "$@" >"$corpus_tmp/out" 2>"$corpus_tmp/err"
	rc=$?
	if [ "$rc" != "$code" ]; then
		corpus_bad "$name" "exit $rc, want $code; stderr: $(head -c 300 "$corpus_tmp/err")"
	elif ! grep -Eq -- "$re" "$corpus_tmp/err"; then
		corpus_bad "$name" "stderr does not match /$re/: $(head -c 300 "$corpus_tmp/err")"
	else
		corpus_ok "$name"
	fi
}

corpus_end() {
	total=$((corpus_pass + corpus_fail))
	echo "$corpus_category: $corpus_pass/$total passed"
	[ "$corpus_fail" -eq 0 ] || { echo "$corpus_category failed:$corpus_failed_names"; exit 1; }
	[ "$total" -gt 0 ] || { echo "$corpus_category: no cases ran"; exit 99; }
	exit 0
}
