# Hostile inputs: truncated and bomb-sized compressed files, lying pprof
# messages, 100,000-frame stacks, 1 MB names, control bytes, 10 MB lines,
# absurd counts, special files and mixed formats, in every format. The
# inputs are made at test time by gen.py (see there for a case's files).
#
# Each case runs under a time limit and a memory limit, and must exit
# with its status, print its message (or its warning and exact result),
# and never write a raw control byte. Prints one line per case and
# "hostile: P passed, F failed".
: "${SCORCH:?}"
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$SCORCH" ] || { echo "hostile: $SCORCH is not an executable"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "hostile: python3 not found, skipped"; exit 77; }
command -v timeout >/dev/null 2>&1 || { echo "hostile: timeout not found, skipped"; exit 77; }

tmp=$(mktemp -d)
writer=
cleanup() {
	[ -n "$writer" ] && kill "$writer" 2>/dev/null
	chmod -R u+rwx "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# ASan reserves terabytes of address space, so `ulimit -v` cannot bound
# it; peak RSS (GNU time) bounds both builds instead, ASan's with room for
# its shadow memory and quarantine.
asan=no
grep -q __asan_init "$SCORCH" 2>/dev/null && asan=yes
vlimit=
[ $asan = no ] && vlimit=2097152   # KiB: 2 GiB
timer=
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$tmp/probe" true 2>/dev/null; then
	timer=/usr/bin/time
else
	echo "note: no GNU time: peak memory is not measured"
fi
utf8check=
command -v iconv >/dev/null 2>&1 && utf8check=yes

pass=0 fail=0 skip=0
bad() { fail=$((fail + 1)); echo "FAIL $name: $*"; }

# Raw control bytes (C0 but tab and newline, DEL, C1 in UTF-8) or invalid
# UTF-8 in a file: what a hostile profile could send to a terminal.
raw_control() {
	LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1" && { echo "raw C0/DEL byte"; return 0; }
	LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" && { echo "raw C1 control"; return 0; }
	[ "$(tr -d '\000' <"$1" | wc -c)" = "$(wc -c <"$1")" ] || { echo "raw NUL byte"; return 0; }
	if [ -n "$utf8check" ] && ! iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; then
		echo "invalid UTF-8"; return 0
	fi
	return 1
}

# Starts what writes to the FIFO "in" for the fifo-* kinds; each writer
# is itself time-limited so that nothing outlives a failed case.
start_writer() {
	case $1 in
	fifo-late) timeout 25 sh -c 'sleep 1; cat payload >in' </dev/null & ;;
	fifo-early) timeout 25 sh -c 'cat payload >in' </dev/null & ;;
	fifo-slow) timeout 25 sh -c 'exec >in; head -c 7 payload; sleep 1; tail -c +8 payload' </dev/null & ;;
	fifo-close) timeout 25 sh -c 'sleep 1; : >in' </dev/null & ;;
	truncate) timeout 25 sh -c 'sleep 0.2; : >in' </dev/null & ;;
	stdin-pipe) timeout 25 sh -c 'cat in >pipe' </dev/null & ;;
	*) return ;;
	esac
	writer=$!
}

run_case() {
	name=$1 dir=$tmp/$1
	kind=file
	[ -f "$dir/kind" ] && kind=$(cat "$dir/kind")
	cd "$dir" || { bad "no case directory"; return; }
	set --
	while IFS= read -r a; do set -- "$@" "$a"; done <args
	stdin=/dev/null asuser=
	case $kind in
	dir) mkdir in ;;
	fifo-*) mkfifo in ;;
	stdin) stdin=in ;;
	stdin-zero) stdin=/dev/zero ;;
	stdin-pipe) mkfifo pipe && stdin=pipe ;;
	unreadable)
		chmod 000 in
		if [ -r in ] && [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
			# root reads anything: drop to nobody for this one
			chmod 755 "$tmp" "$dir"
			asuser="setpriv --reuid=65534 --regid=65534 --clear-groups"
		elif [ -r in ]; then
			skip=$((skip + 1))
			echo "skip $name: running as root, chmod 000 does not stop reads"
			cd "$tmp" && return
		fi ;;
	rename)
		evil=$(printf 'e\033[31mvil\007.txt')
		mv in "$evil"
		n=$#
		for a in "$@"; do
			[ "$a" = in ] && a=$evil
			set -- "$@" "$a"
		done
		shift "$n" ;;
	esac
	start_writer "$kind"
	(
		[ -n "$vlimit" ] && ulimit -v "$vlimit"
		exec $timer ${timer:+-f %M -o rss.got} timeout -k 5 20 $asuser "$SCORCH" "$@"
	) <"$stdin" >out.got 2>err.got
	rc=$?
	if [ -n "$writer" ]; then
		kill "$writer" 2>/dev/null
		wait "$writer" 2>/dev/null
		writer=
	fi
	check_case
	cd "$tmp" || exit 1
}

check_case() {
	want=$(cat code)
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		bad "timed out (20 s)"; return
	fi
	if [ "$rc" -gt 128 ] || grep -q 'terminated by signal' rss.got 2>/dev/null; then
		bad "killed by a signal (status $rc): $(head -c 300 err.got)"; return
	fi
	# "any": a race decides between a result and a clean error
	loose=no
	if [ "$want" = any ] && { [ "$rc" = 0 ] || [ "$rc" = 2 ]; }; then
		loose=yes
	elif [ "$rc" != "$want" ]; then
		bad "exit $rc, want $want: $(head -c 300 err.got)"; return
	fi
	if [ $loose = yes ]; then
		:
	elif [ -f err ]; then
		if ! grep -Eq -- "$(cat err)" err.got; then
			bad "stderr lacks /$(cat err)/: $(head -c 300 err.got)"; return
		fi
	elif [ -s err.got ]; then
		bad "unexpected stderr: $(head -c 300 err.got)"; return
	fi
	if [ -f out ] && ! cmp -s out out.got; then
		bad "stdout differs: $(head -c 200 out.got | od -c | head -n 4)"; return
	fi
	if [ -f outre ] && ! grep -Eq -- "$(cat outre)" out.got; then
		bad "stdout lacks /$(cat outre)/: $(head -c 200 out.got)"; return
	fi
	for f in out.got err.got; do
		if why=$(raw_control $f); then
			bad "$why in $f"; return
		fi
	done
	peak=
	if [ -s rss.got ]; then
		peak=$(tail -n 1 rss.got)
		budget=256
		[ -f rss ] && budget=$(cat rss)
		[ $asan = yes ] && budget=$((budget * 2 + 256))
		if [ $((peak / 1024)) -gt "$budget" ]; then
			bad "peak RSS $((peak / 1024)) MiB over the budget of $budget MiB"; return
		fi
	fi
	pass=$((pass + 1))
	echo "ok   $name${peak:+ ($((peak / 1024)) MiB)}"
	rm -rf "$tmp/$name"
}

# cases by batches: inputs are made just before they run, then removed
python3 "$here/gen.py" list >"$tmp/list" || { echo "hostile: gen.py failed"; exit 1; }
# HOSTILE_ONLY=ERE runs the cases whose names match (when debugging)
if [ -n "${HOSTILE_ONLY:-}" ]; then
	awk -v re="$HOSTILE_ONLY" '$1 ~ re' "$tmp/list" >"$tmp/only"
	mv "$tmp/only" "$tmp/list"
fi
names=
count=0
flush() {
	[ -n "$names" ] || return
	# shellcheck disable=SC2086
	python3 "$here/gen.py" make "$tmp" $names || { echo "hostile: gen.py make failed"; exit 1; }
	for n in $names; do run_case "$n"; done
	names=
	count=0
}
while read -r n f c; do
	names="$names $n"
	count=$((count + 1))
	[ $count -ge 20 ] && flush
done <"$tmp/list"
flush

# what the suite covers
echo "hostile: cases per format:" $(awk '{print $2}' "$tmp/list" | sort | uniq -c |
	awk '{printf "%s=%s ", $2, $1}')
echo "hostile: cases per category:" $(awk '{print $3}' "$tmp/list" | sort | uniq -c |
	awk '{printf "%s=%s ", $2, $1}')
[ $skip -gt 0 ] && echo "hostile: $skip skipped"
echo "hostile: $pass passed, $fail failed"
[ $fail -eq 0 ]
