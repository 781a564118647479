# Command-line behaviour: modes, exit codes and error messages.
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$here/../formats/folded
. "$here/lib.sh"

# expect NAME CODE STDOUT_REGEX STDERR_REGEX -- ARGS...  (regex "" = empty)
expect() {
	name=$1 code=$2 out_re=$3 err_re=$4
	shift 5
	"$SCORCH" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ "$rc" != "$code" ]; then
		bad "$name: exit $rc, want $code ($(head -c 200 "$tmp/err"))"; return
	fi
	if [ -z "$out_re" ]; then
		[ -s "$tmp/out" ] && { bad "$name: unexpected stdout: $(head -c 200 "$tmp/out")"; return; }
	elif ! grep -Eq -- "$out_re" "$tmp/out"; then
		bad "$name: stdout lacks /$out_re/: $(head -c 200 "$tmp/out")"; return
	fi
	if [ -z "$err_re" ]; then
		[ -s "$tmp/err" ] && { bad "$name: unexpected stderr: $(head -c 200 "$tmp/err")"; return; }
	elif ! grep -Eq -- "$err_re" "$tmp/err"; then
		bad "$name: stderr lacks /$err_re/: $(head -c 200 "$tmp/err")"; return
	fi
	ok
}

expect help 0 '^Usage: scorch' '' -- --help
expect help-short 0 '--folded' '' -- -h
expect version 0 '^scorch [0-9]+\.[0-9]+' '' -- --version
expect formats 0 '^folded ' '' -- --formats
expect no-file 2 '' 'scorch: no input file \(try scorch --help\)' --
expect two-files 2 '' 'one input file expected, got 2' -- --folded a b
expect unknown-option 2 '' "unknown option '--bogus'" -- --bogus x
expect missing-value 2 '' "option '--width' needs a value" -- x --width
expect bad-width 2 '' '--width: expected 10..100000' -- --print --width=abc x
expect bad-color 2 '' '--color: expected auto, always or never' -- --color=pink x
expect bad-group 2 '' '--group: expected comm, pid, tid or none' -- --group=x x
expect bad-size 2 '' '--max-input: expected a size' -- --max-input=lots x
expect missing 2 '' 'scorch: nope/absent.txt: cannot open: No such file or directory' -- --folded nope/absent.txt
expect directory 2 '' "scorch: $here: is a directory" -- --folded "$here"
expect unknown-format-name 2 '' "unknown format 'nosuch' \\(see scorch --formats\\)" -- --format=nosuch --folded "$fixtures/spec-example.in"
expect bad-sample-type 2 '' "no sample type or event 'cpu' \\(have: samples\\)" -- --sample-type=cpu --folded "$fixtures/spec-example.in"

# stdin, and the same result as the file
"$SCORCH" --folded - <"$fixtures/unsorted-duplicates.in" >"$tmp/stdin" 2>"$tmp/err"
if cmp -s "$tmp/stdin" "$fixtures/unsorted-duplicates.expected"; then ok; else bad "stdin differs"; fi
gzip -c "$fixtures/unsorted-duplicates.in" | "$SCORCH" --folded - >"$tmp/stdin" 2>&1
if cmp -s "$tmp/stdin" "$fixtures/unsorted-duplicates.expected"; then ok; else bad "gzip stdin differs"; fi

# warnings name file and line; the result still comes out
expect warning 0 '^api;main;serve;handle_get;json_encode 40$' \
	'^scorch: warning: 1 line skipped \(no count\), first at .*spec-example.in:3: api;main;serve;idle$' \
	-- --folded "$fixtures/spec-example.in"

# --print fits --width, escapes control bytes, and shows units
"$SCORCH" --print --width=40 "$fixtures/spec-example.in" >"$tmp/print" 2>/dev/null
if awk 'length($0) > 40 { exit 1 }' "$tmp/print"; then ok; else bad "--print wider than 40"; fi
if grep -q 'json_encode' "$tmp/print" || grep -q 'json_e' "$tmp/print"; then ok; else bad "--print lacks frames"; fi
"$SCORCH" --print --width=80 "$fixtures/control-bytes.in" >"$tmp/print" 2>&1
if grep -q 'a\\x1bb' "$tmp/print" && ! grep -q "$(printf '\033')" "$tmp/print"; then ok; else bad "--print does not escape"; fi
expect print-fraction 0 '^ +100% +56\.5 +0  all$' 'warning' -- --print --width=80 "$fixtures/spec-example.in" --min-percent=5
expect print-order 0 'worker-7' 'warning' -- --print --order=weight "$fixtures/spec-example.in" --min-percent=5

# --info lists what was loaded
expect info 0 '^skipped: 1 line skipped \(no count\) \(first at line 3\)$' 'warning' -- --info "$fixtures/spec-example.in"

# script(1) gives stderr a terminal, where progress is shown
have_pty=
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	have_pty=1
else
	echo "note: script(1) cannot open a terminal here, progress not exercised"
fi

# raw perf.data: perf converts it when installed; otherwise the message
# says which command to run
data=$here/../data/tiny-gcc.perf.data
if command -v perf >/dev/null 2>&1; then
	expect perf-data 0 '^sample type: cpu-clock:pppH \(nanoseconds\), total 156 ms \[shown\]$' '' -- --info "$data"
	# perf's text is read as it comes, under --max-input
	expect perf-data-cap 2 '' 'perf.data: input exceeds the limit of 24576 bytes \(raise it with --max-input=SIZE\)' -- --info --max-input=24K "$data"
	# on a terminal, progress shows at once and is erased before the output
	if [ -n "$have_pty" ]; then
		script -qec "'$SCORCH' --info '$data'" /dev/null >"$tmp/tty" 2>&1
		if grep -q "scorch: .*tiny-gcc.perf.data: perf script: 0 MB of text" "$tmp/tty" &&
		    tr '\r' '\n' <"$tmp/tty" | grep -q '^ *file: .*tiny-gcc.perf.data$'; then ok; else bad "perf.data progress: $(cat -A "$tmp/tty" | head -3)"; fi
	fi
else
	echo "note: perf not installed, perf.data conversion not exercised"
fi
mkdir -p "$tmp/noperf"
ln -sf "$SCORCH" "$tmp/noperf/scorch"
PATH=$tmp/noperf "$tmp/noperf/scorch" --folded "$data" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q 'raw perf.data file and perf is not installed here; run `perf script -i ' "$tmp/err"; then ok; else bad "perf.data without perf: $(cat "$tmp/err")"; fi
"$SCORCH" --folded - <"$data" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q 'raw perf.data on standard input' "$tmp/err"; then ok; else bad "perf.data on stdin: $(cat "$tmp/err")"; fi

# progress while reading a big file, on a terminal only
if [ -n "$have_pty" ]; then
	awk 'BEGIN { for (i = 0; i < 60000; i++) printf "prog 1 %d.000001: 1 cycles:\n\t401000 f%d (/bin/prog)\n\t402000 main (/bin/prog)\n\n", i, i % 100 }' >"$tmp/big.perf"
	script -qec "'$SCORCH' --info '$tmp/big.perf'" /dev/null >"$tmp/tty" 2>&1
	if grep -q "scorch: .*big.perf: [0-9]* of [0-9]* MB read" "$tmp/tty"; then ok; else bad "read progress: $(cat -A "$tmp/tty" | head -3)"; fi
	"$SCORCH" --info "$tmp/big.perf" >"$tmp/out" 2>"$tmp/err"
	if [ ! -s "$tmp/err" ]; then ok; else bad "progress without a terminal: $(head -c 200 "$tmp/err")"; fi
fi

# a closed pipe ends a writer quietly
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "root;f%d %d\n", i, i + 1 }' >"$tmp/big.folded"
"$SCORCH" --folded "$tmp/big.folded" 2>"$tmp/err" | head -n 1 >/dev/null
if [ ! -s "$tmp/err" ]; then ok; else bad "SIGPIPE wrote: $(head -c 200 "$tmp/err")"; fi

summary cli
