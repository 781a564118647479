# Short fuzz run of every target built by build.sh, seeded from the format
# fixtures, after replaying the saved regression inputs. Prints one line
# per target and "fuzz: P passed, F failed".
# usage: smoke.sh SRCDIR BUILDDIR   (FUZZ_SECONDS per target, default 30)
set -u
src=$1 build=$2
secs=${FUZZ_SECONDS:-30}
out=$build/tests/fuzz
pass=0 fail=0
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for bin in "$out"/fuzz-*; do
	[ -x "$bin" ] || continue
	name=${bin##*/fuzz-}
	seeds=$work/$name
	mkdir -p "$seeds"
	case $name in
	load) cp "$src"/tests/formats/*/*.in "$src"/tests/formats/*/bad/*.in "$seeds"/ 2>/dev/null ;;
	*) for d in "$src"/tests/formats/*/; do
		# fixture folders are named after the format, with - or _
		case $(basename "$d" | tr _ -) in "$name"|"${name%s}"|"${name%-script}"*) cp "$d"/*.in "$seeds"/ 2>/dev/null ;; esac
	   done ;;
	esac
	reg=$src/tests/fuzz/regressions/$name
	if [ -d "$reg" ] && ! "$bin" "$reg"/* >"$work/$name.log" 2>&1; then
		fail=$((fail + 1)); echo "FAIL fuzz-$name: a regression input fails"; tail -n 20 "$work/$name.log"; continue
	fi
	if "$bin" -max_total_time="$secs" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix="$work/$name-" "$seeds" >"$work/$name.log" 2>&1; then
		pass=$((pass + 1))
		echo "ok   fuzz-$name: $(grep -o 'Done [0-9]* runs' "$work/$name.log")"
	else
		fail=$((fail + 1)); echo "FAIL fuzz-$name"; grep -A 15 'ERROR' "$work/$name.log" | head -n 30
		for a in "$work/$name"-crash-* "$work/$name"-timeout-* "$work/$name"-oom-*; do
			[ -e "$a" ] && { echo "  input (base64): $(base64 -w0 "$a" | head -c 400)"; }
		done
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
