# --diff: merged totals, the delta table, gone/new stacks, width sources,
# noise, both colour metrics and two thread dumps. Every expected number is
# computed here with awk from the inputs' folded forms (the inputs' own
# `scorch --folded`, already checked by the format tests), never copied
# from the output under test.
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../data
. "$here/../corpus/lib.sh"
. "$here/lib.sh"
check_corpus

# join BEFORE AFTER: two normalised folded files -> "stack before after"
join2() {
	awk 'FNR == 1 { f++ }
	{ v = $NF; sub(/ [^ ]*$/, ""); if (f == 1) b[$0] += v; else a[$0] += v; s[$0] = 1 }
	END { for (k in s) printf "%s %.0f %.0f\n", k, b[k], a[k] }' "$1" "$2" | sort
}

# The delta table from a joined file: "function before after delta% share
# mark", functions counted once per stack. $2 = metric (share|absolute),
# $3 = noise.
expect_top() {
	awk -v metric="$2" -v noise="$3" '
	function pct(x) {
		if (x < 0.005 && x > -0.005) return "0.00"
		return sprintf("%+.2f", x)
	}
	{
		b = $(NF - 1); a = $NF; st = $0; sub(/ [^ ]* [^ ]*$/, "", st)
		tb += b; ta += a
		n = split(st, fr, ";"); delete seen
		for (i = 1; i <= n; i++) if (!(fr[i] in seen)) {
			seen[fr[i]] = 1; fb[fr[i]] += b; fa[fr[i]] += a
		}
	}
	END {
		for (f in fb) {
			sh = 100 * (fa[f] / ta - fb[f] / tb)
			m = metric == "share" ? sh : 100 * (fa[f] - fb[f]) / tb
			if (fb[f] == 0 && fa[f] != 0) mark = "++"
			else if (fa[f] == 0 && fb[f] != 0) mark = "--"
			else if (m == 0 || (m < noise && m > -noise)) mark = "."
			else mark = m > 0 ? "+" : "-"
			if (fb[f] == 0) dp = fa[f] != 0 ? "new" : ""
			else {
				d = 100 * (fa[f] - fb[f]) / fb[f]
				if (d == 0) dp = "0%"
				else if (d >= 10 || d <= -10) dp = sprintf("%+.1f%%", d)
				else dp = sprintf("%+.2f%%", d)
			}
			printf "%s|%.0f|%.0f|%s|%s|%s\n", f, fb[f], fa[f], dp, pct(sh), mark
		}
	}' "$1" | sort
}

# The same_bytes fields from `--top --width=1000` output (fixed columns).
parse_top() {
	awk 'NR > 3 {
		mark = substr($0, 55, 2); gsub(/ /, "", mark); if (mark == "") mark = "."
		name = substr($0, 58)
		b = $1; a = $2; gsub(/,/, "", b); gsub(/,/, "", a)
		printf "%s|%s|%s|%s|%s|%s\n", name, b, a, $4 == "new" || $4 ~ /%$/ ? $4 : "", $5, mark
	}' | sort
}

# Gone (after 0) and new (before 0) stacks of a joined file: "g|V|stack".
expect_changes() {
	awk '{ b = $(NF - 1); a = $NF; st = $0; sub(/ [^ ]* [^ ]*$/, "", st)
		if (a == 0 && b != 0) printf "g|%.0f|%s\n", b, st
		if (b == 0 && a != 0) printf "n|%.0f|%s\n", a, st }' "$1" | sort
}

parse_changes() {
	awk '/^# gone stacks/ { k = "g"; next } /^# new stacks/ { k = "n"; next }
	/^# / { k = ""; next }
	k != "" { v = $1; gsub(/,/, "", v); st = $0; sub(/^ *[^ ]+  /, "", st)
		printf "%s|%s|%s\n", k, v, st }' | sort
}

# check_pair NAME BEFORE AFTER [scorch options]: folded, top (both
# metrics, two noise levels), gone/new, widths.
check_pair() {
	name=$1 before=$2 after=$3
	shift 3
	"$SCORCH" --folded "$@" "$before" | folded_normalize >"$tmp/b" 2>/dev/null
	"$SCORCH" --folded "$@" "$after" | folded_normalize >"$tmp/a" 2>/dev/null
	join2 "$tmp/b" "$tmp/a" >"$tmp/ab"

	"$SCORCH" --diff --folded "$@" "$before" "$after" 2>"$tmp/err" | sort >"$tmp/out"
	same_bytes "$name: --diff --folded = joined inputs" "$tmp/ab" "$tmp/out"

	for spec in share:0.2 absolute:0.2 share:5 absolute:5; do
		metric=${spec%:*} noise=${spec#*:}
		expect_top "$tmp/ab" "$metric" "$noise" >"$tmp/want"
		"$SCORCH" --diff --top --width=1000 --diff-by="$metric" --noise="$noise" \
			"$@" "$before" "$after" 2>/dev/null | parse_top >"$tmp/got"
		same_bytes "$name: --top $metric noise $noise" "$tmp/want" "$tmp/got"
	done

	expect_changes "$tmp/ab" >"$tmp/want"
	"$SCORCH" --diff --print --width=1000 "$@" "$before" "$after" 2>/dev/null |
		parse_changes >"$tmp/got"
	same_bytes "$name: gone and new stacks" "$tmp/want" "$tmp/got"
	"$SCORCH" --diff --info "$@" "$before" "$after" 2>/dev/null | parse_changes >"$tmp/got"
	same_bytes "$name: gone and new stacks in --info" "$tmp/want" "$tmp/got"

	# the root row: before and after totals
	tb=$(awk '{ s += $(NF - 1) } END { printf "%.0f", s }' "$tmp/ab")
	ta=$(awk '{ s += $NF } END { printf "%.0f", s }' "$tmp/ab")
	"$SCORCH" --diff --print --width=200 "$@" "$before" "$after" 2>/dev/null |
		awk 'NR == 4 { b = $1; a = $2; gsub(/,/, "", b); gsub(/,/, "", a); print b, a, $NF }' >"$tmp/got"
	echo "$tb $ta all" >"$tmp/want"
	same_bytes "$name: root totals" "$tmp/want" "$tmp/got"

	# width sources: the column shown, and the per-stack max total
	tm=$(awk '{ m = $(NF - 1) > $NF ? $(NF - 1) : $NF; s += m } END { printf "%.0f", s }' "$tmp/ab")
	for w in after before max; do
		"$SCORCH" --diff --info --width-by=$w "$@" "$before" "$after" 2>/dev/null |
			grep '\[shown\]$' | sed 's/^sample type: \([^ ]*\) .*total \([0-9,]*\).*/\1 \2/' |
			tr -d , >"$tmp/got"
		case $w in
		after) echo "after $ta" ;;
		before) echo "before $tb" ;;
		max) echo "max $tm" ;;
		esac >"$tmp/want"
		same_bytes "$name: --width-by=$w" "$tmp/want" "$tmp/got"
		"$SCORCH" --diff --print --width-by=$w --width=100 "$@" "$before" "$after" 2>/dev/null |
			sed -n 2p | grep -q "^# widths: $w;" && ok || bad "$name: --print header names widths $w"
	done

	# --print fits every width
	for wd in 20 40 50 64 80 100 140; do
		"$SCORCH" --diff --print --width=$wd "$@" "$before" "$after" >"$tmp/p" 2>/dev/null
		# characters, not bytes (UTF-8 continuation bytes left out)
		if awk -v w=$wd '{ s = $0; gsub(/[\200-\277]/, "", s) } length(s) > w { exit 1 }' \
		    "$tmp/p"; then ok; else bad "$name: --print wider than $wd"; fi
	done
}

# our own recording: one program before and after a change (see
# tests/data/diff-work/README.md), compared in samples
check_pair own-perf "$data/diff-work/before.perf.zst" "$data/diff-work/after.perf.zst" \
	--weight=samples

# what changed in it, by name: checksum shrank, encode grew, compress is
# new, legacy_pad gone, the per-function marks of the tree
"$SCORCH" --diff --print --width=120 --weight=samples "$data/diff-work/before.perf.zst" \
	"$data/diff-work/after.perf.zst" >"$tmp/p" 2>/dev/null
for want in '- +checksum$' '\+ +encode$' '\+\+ +compress$' '-- +legacy_pad$'; do
	grep -Eq -e "$want" "$tmp/p" && ok || bad "own-perf tree lacks /$want/"
done

# any two formats: the before side as folded text, the after side perf script
"$SCORCH" --folded --weight=samples "$data/diff-work/before.perf.zst" >"$tmp/before.folded"
check_pair folded-vs-perf "$tmp/before.folded" "$data/diff-work/after.perf.zst" --weight=samples

# a diff in nanoseconds keeps the unit
"$SCORCH" --diff --print --width=300 "$data/diff-work/before.perf.zst" \
	"$data/diff-work/after.perf.zst" 2>/dev/null | head -1 | grep -q ' ms, after .* ms ' &&
	ok || bad "nanosecond diff prints times"

# the written two-count file opens as a diff, with or without --diff
"$SCORCH" --diff --folded --weight=samples "$data/diff-work/before.perf.zst" \
	"$data/diff-work/after.perf.zst" >"$tmp/two.folded" 2>/dev/null
"$SCORCH" --folded "$tmp/two.folded" >"$tmp/again" 2>/dev/null
same_bytes "two-count file reads back" "$tmp/two.folded" "$tmp/again"
"$SCORCH" --diff --folded "$tmp/two.folded" >"$tmp/again" 2>/dev/null
same_bytes "--diff with one two-count file" "$tmp/two.folded" "$tmp/again"
"$SCORCH" --print --width=100 "$tmp/two.folded" 2>/dev/null | sed -n 3p |
	grep -q 'before .*after .*delta .*share  frame' && ok || bad "--print of a two-count file has diff columns"
"$SCORCH" --diff --top --width=1000 "$tmp/two.folded" 2>/dev/null | parse_top >"$tmp/got"
expect_top "$tmp/two.folded" share 0.2 >"$tmp/want"
same_bytes "--top of a two-count file" "$tmp/want" "$tmp/got"

if [ $have_corpus = 1 ]; then
	c=$SCORCH_CORPUS
	check_pair inferno "$c/folded/inferno-diff-before.txt" "$c/folded/inferno-diff-after.txt"

	# the same_bytes profile twice, pprof against its folded reference in ns:
	# nothing changes
	"$SCORCH" --diff --top --width=1000 --unit=ns "$c/pprof/gen-go-cpu.pb.gz" \
		"$c/pprof/gen-go-cpu.expected.folded" >"$tmp/top" 2>&1
	awk 'NR > 3 && (substr($0, 46, 7) != "   0.00" || substr($0, 55, 2) != "  ") { bad = 1 }
		END { exit bad }' "$tmp/top" && ok || bad "pprof vs folded of itself changes: $(sed -n 4,6p "$tmp/top")"
	"$SCORCH" --diff --print --unit=ns "$c/pprof/gen-go-cpu.pb.gz" \
		"$c/pprof/gen-go-cpu.expected.folded" 2>/dev/null | grep -c '^# \(gone\|new\) stacks .*: 0, 0 ns$' |
		grep -q '^2$' && ok || bad "pprof vs folded of itself has gone/new stacks"

	# two thread dumps: stuck, progressing, new and ended threads by LWP,
	# from the gdb text directly (a thread is its LWP and its function list)
	gdb_threads() {
		awk '/^Thread [0-9]+ / { if (id != "") print id, sig; id = $0; sub(/.*\(LWP /, "", id); sub(/\).*/, "", id); sig = ""; next }
		/^#[0-9]+ / && id != "" { f = $0
			if (f ~ / in /) { sub(/.* in /, "", f) } else { sub(/^#[0-9]+ +/, "", f) }
			sub(/ .*/, "", f); sig = sig ";" f }
		/^$/ { if (id != "") print id, sig; id = "" }
		END { if (id != "") print id, sig }' "$1"
	}
	gdb_threads "$c/thread-dumps/gdb-blockers-bt.txt" >"$tmp/t1"
	gdb_threads "$data/diff-dumps/gdb-blockers-later.txt" >"$tmp/t2"
	awk 'FNR == 1 { f++ } f == 1 { b[$1] = $2; next }
		{ if (!($1 in b)) print "new", $1; else print ($2 == b[$1] ? "stuck" : "progressing"), $1; seen[$1] = 1 }
		END { for (k in b) if (!(k in seen)) print "ended", k }' "$tmp/t1" "$tmp/t2" | sort >"$tmp/want"
	"$SCORCH" --diff --print --width=200 "$c/thread-dumps/gdb-blockers-bt.txt" \
		"$data/diff-dumps/gdb-blockers-later.txt" >"$tmp/p" 2>/dev/null
	awk '/^# threads:/ { on = 1; next } on && $2 == "tid" { print $1, $3 }' "$tmp/p" | sort >"$tmp/got"
	same_bytes "thread dumps: stuck and progressing threads" "$tmp/want" "$tmp/got"
	grep -q '^# threads: 10 stuck, 2 progressing, 1 new, 1 ended$' "$tmp/p" && ok || bad "thread summary line"
	# the stuck column: threads of AFTER in the same_bytes stack as before
	awk 'NR == 3 && /stuck +prog/ { found = 1 } END { exit !found }' "$tmp/p" && ok || bad "stuck/prog columns"
	"$SCORCH" --diff --info "$c/thread-dumps/gdb-blockers-bt.txt" \
		"$data/diff-dumps/gdb-blockers-later.txt" 2>/dev/null |
		grep -q '^threads: 10 stuck, 2 progressing, 1 new, 1 ended$' && ok || bad "--info threads"
	# every thread is a record labelled "thread diff": the tag filter
	# keeps the stuck ones, the same_bytes threads in both dumps
	"$SCORCH" --diff --folded --tag='thread diff=stuck' "$c/thread-dumps/gdb-blockers-bt.txt" \
		"$data/diff-dumps/gdb-blockers-later.txt" 2>/dev/null |
		awk '{ b += $(NF - 1); a += $NF; if ($(NF - 1) != $NF) odd++ } END { print b, a, odd + 0 }' >"$tmp/got"
	echo "$(grep -c '^stuck' "$tmp/want") $(grep -c '^stuck' "$tmp/want") 0" >"$tmp/w2"
	same_bytes "thread dumps: --tag='thread diff=stuck'" "$tmp/w2" "$tmp/got"
	# jstack and jstack -l of one JVM: every thread stuck
	"$SCORCH" --diff --print "$c/thread-dumps/jstack-blockers.txt" \
		"$c/thread-dumps/jstack-l-blockers.txt" 2>/dev/null |
		grep -q '^# threads: 19 stuck, 0 progressing, 0 new, 0 ended$' && ok || bad "jstack pair all stuck"
	check_pair gdb-dumps "$c/thread-dumps/gdb-blockers-bt.txt" "$data/diff-dumps/gdb-blockers-later.txt"
fi

# usage errors
expect_err() {   # NAME REGEX ARGS...
	n=$1 re=$2
	shift 2
	"$SCORCH" "$@" >/dev/null 2>"$tmp/err" </dev/null
	rc=$?
	if [ $rc -eq 2 ] && grep -Eq -- "$re" "$tmp/err"; then ok; else bad "$n: exit $rc: $(cat "$tmp/err")"; fi
}
expect_err one-plain-file 'needs a two-count \(difffolded\) file' --diff --folded "$tmp/before.folded"
expect_err three-files 'one or two input files expected, got 3' --diff a b c
expect_err width-by '--width-by: expected after, before or max' --width-by=left a
expect_err diff-by '--diff-by: expected share, absolute' --diff-by=x a
expect_err noise '--noise: expected a number' --noise=lots a
expect_err both-modes '--diff and --cold exclude each other' --diff --cold a b
expect_err missing-after 'absent.txt: cannot open' --diff --folded "$tmp/before.folded" absent.txt

summary diff
