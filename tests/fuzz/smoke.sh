# Short fuzz run of every target built by build.sh, seeded from the format
# fixtures, after replaying the saved regression inputs. Prints one line
# per target and "fuzz: P passed, F failed". The run is deterministic
# (fixed seed, FUZZ_RUNS executions, default 30000) so that CI does not
# flip; FUZZ_SECONDS (default 60) caps each target. Failing inputs are
# kept in BUILDDIR/tests/fuzz/artifacts/.
# usage: smoke.sh SRCDIR BUILDDIR
set -u
src=$1 build=$2
secs=${FUZZ_SECONDS:-60}
runs=${FUZZ_RUNS:-30000}
out=$build/tests/fuzz
arts=$out/artifacts
mkdir -p "$arts"
pass=0 fail=0
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for bin in "$out"/fuzz-*; do
	[ -x "$bin" ] || continue
	name=${bin##*/fuzz-}
	seeds=$work/$name
	mkdir -p "$seeds"
	case $name in
	load|sniff|unwrap) cp "$src"/tests/formats/*/*.in "$src"/tests/formats/*/bad/*.in "$seeds"/ 2>/dev/null ;;
	*) for d in "$src"/tests/formats/*/; do
		# fixture folders are named after the format, with - or _
		case $(basename "$d" | tr _ -) in "$name"|"${name%s}"|"${name%-script}"*) cp "$d"/*.in "$seeds"/ 2>/dev/null ;; esac
	   done ;;
	esac
	reg=$src/tests/fuzz/regressions/$name
	if [ -d "$reg" ] && ! "$bin" "$reg"/* >"$work/$name.log" 2>&1; then
		fail=$((fail + 1)); echo "FAIL fuzz-$name: a regression input fails"; tail -n 20 "$work/$name.log"; continue
	fi
	if "$bin" -seed=1 -runs="$runs" -max_total_time="$secs" -max_len=262144 \
	    -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix="$arts/$name-" "$seeds" >"$work/$name.log" 2>&1; then
		pass=$((pass + 1))
		echo "ok   fuzz-$name: $(grep -o 'Done [0-9]* runs' "$work/$name.log")"
	else
		fail=$((fail + 1)); echo "FAIL fuzz-$name"
		grep -E 'runtime error|ERROR|SUMMARY|^ +#[0-9] ' "$work/$name.log" | head -n 12 | sed 's/^/  /'
		for a in "$arts/$name"-crash-* "$arts/$name"-timeout-* "$arts/$name"-oom-* "$arts/$name"-leak-*; do
			[ -e "$a" ] && echo "  input: $a ($(wc -c <"$a") bytes)"
		done
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
