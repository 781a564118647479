# Query filters (--focus/--ignore/--hide/--root), --tag, --group-by and
# --top on the command line. Every expectation is computed here, without
# scorch: pprof's transforms and the top table in awk over the unfiltered
# --folded output, --tag and --group-by from the corpus' labels oracles
# (go tool pprof), thread states and per-thread sample counts from the
# raw dumps, and the top table from `go tool pprof -top`.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../corpus/lib.sh"
. "$here/lib.sh"
fixtures=$here/../formats/folded

# same NAME WANT_FILE GOT_FILE: compares normalised folded text
same() {
	folded_normalize <"$2" >"$tmp/want.n"
	folded_normalize <"$3" >"$tmp/got.n"
	if cmp -s "$tmp/want.n" "$tmp/got.n"; then
		ok
	else
		bad "$1: got $(folded_totals <"$tmp/got.n"), want $(folded_totals <"$tmp/want.n")"
		diff "$tmp/want.n" "$tmp/got.n" | head -n 6 | sed 's/^/    /'
	fi
}

# pprof's transforms, in order, over folded lines. The spec file holds
# "kind<TAB>regex" lines, read raw so that backslashes stay as written.
pprof_awk='
NR == FNR { n_f++; kind[n_f] = $1; re[n_f] = substr($0, length($1) + 2); next }
{
	v = $NF
	line = $0
	sub(/ [^ ]*$/, "", line)
	n = split(line, fr, ";")
	for (k = 1; k <= n_f; k++) {
		if (kind[k] == "focus") {
			for (j = 1; j <= n && fr[j] !~ re[k]; j++) ;
			if (j > n) next
		} else if (kind[k] == "ignore") {
			for (j = 1; j <= n; j++) if (fr[j] ~ re[k]) next
		} else if (kind[k] == "hide") {
			m = 0
			for (j = 1; j <= n; j++) if (fr[j] !~ re[k]) keep[++m] = fr[j]
			if (m == 0) next
			for (j = 1; j <= m; j++) fr[j] = keep[j]
			n = m
		} else if (kind[k] == "root") {
			for (j = 1; j <= n && fr[j] !~ re[k]; j++) ;
			if (j > n) next
			for (i = j; i <= n; i++) fr[i - j + 1] = fr[i]
			n = n - j + 1
		}
	}
	s = fr[1]
	for (j = 2; j <= n; j++) s = s ";" fr[j]
	print s, v
}'

# check_filters NAME FILE --focus=RE ...: scorch's filtered --folded
# against the awk transforms of its unfiltered --folded
check_filters() {
	name=$1 in=$2
	shift 2
	: >"$tmp/spec"
	for a in "$@"; do
		k=${a%%=*}
		printf '%s\t%s\n' "${k#--}" "${a#*=}" >>"$tmp/spec"
	done
	"$SCORCH" --folded "$in" 2>/dev/null >"$tmp/base"
	awk "$pprof_awk" "$tmp/spec" "$tmp/base" >"$tmp/want"
	if ! "$SCORCH" --folded "$@" "$in" >"$tmp/got" 2>"$tmp/err"; then
		bad "$name: exit $? ($(head -c 200 "$tmp/err"))"
		return
	fi
	same "$name" "$tmp/want" "$tmp/got"
}

# expect_error NAME STDERR_REGEX ARGS...: exit 2 and the message
expect_error() {
	name=$1 re=$2
	shift 2
	"$SCORCH" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ "$rc" != 2 ]; then
		bad "$name: exit $rc, want 2"
	elif [ -s "$tmp/out" ]; then
		bad "$name: unexpected stdout"
	elif ! grep -Eq -- "$re" "$tmp/err"; then
		bad "$name: stderr lacks /$re/: $(head -c 200 "$tmp/err")"
	else
		ok
	fi
}

spec=$fixtures/spec-example.in
# the corpus checks are most of this test: a missing corpus is an error
# unless SCORCH_ALLOW_NO_CORPUS=1 (then only the fixtures run)
if [ ! -d "$SCORCH_CORPUS" ] && [ "${SCORCH_ALLOW_NO_CORPUS:-0}" != 1 ]; then
	echo "filters: CORPUS MISSING: $SCORCH_CORPUS (SCORCH_ALLOW_NO_CORPUS=1 skips)" >&2
	exit 99
fi

# --- bad options: exit 2 before loading, naming the option ---------------
expect_error bad-focus "^scorch: --focus: bad regular expression 'a\\(': .+" --folded --focus='a(' "$spec"
expect_error bad-ignore "^scorch: --ignore: bad regular expression '\\[': .+" --folded --ignore='[' "$spec"
expect_error bad-hide "^scorch: --hide: bad regular expression '\\*\\*\\(': .+" --folded --hide='**(' "$spec"
expect_error bad-root "^scorch: --root: bad regular expression 'x\\{2': .+" --folded --root='x{2' "$spec"
expect_error bad-regex-before-load "^scorch: --focus: bad regular expression" --focus='(' /nonexistent
expect_error bad-tag "^scorch: --tag: expected KEY=VALUE, got 'novalue'$" --folded --tag novalue "$spec"
expect_error bad-tag-key "^scorch: --tag: expected KEY=VALUE, got '=x'$" --folded --tag =x "$spec"
expect_error bad-group-by "^scorch: --group-by: expected a label key" --folded --group-by= "$spec"
expect_error bad-top-sort "^scorch: --top-sort: expected self, total, name or calls, got 'size'$" --top --top-sort=size "$spec"
set --
i=0
while [ $i -lt 65 ]; do set -- "$@" --hide=x; i=$((i + 1)); done
expect_error too-many "^scorch: more than 64 filter options$" --folded "$@" "$spec"

# --- frame filters against pprof's transforms ----------------------------
check_filters spec-focus "$spec" --focus=handle
check_filters spec-chain "$spec" --root=main --hide='^serve$' --ignore=compress
check_filters spec-fractional "$spec" --focus=db_query

if [ -d "$SCORCH_CORPUS" ]; then
	c=$SCORCH_CORPUS/folded
	f=$c/inferno-flames.txt
	check_filters flames-focus "$f" --focus='Simple16'
	check_filters flames-ignore "$f" --ignore='^u32::'
	check_filters flames-hide "$f" --hide='^alloc::'
	check_filters flames-hide-all "$f" --hide='.'
	check_filters flames-root "$f" --root='Integer_encode'
	check_filters flames-chain "$f" --root='encode' --hide='^tree_buf::' --focus='Copy|copy' --ignore='Lowered'
	# order matters: the same filters the other way round
	check_filters flames-hide-focus "$f" --hide='Simple16' --focus='Simple16'
	check_filters flames-focus-hide "$f" --focus='Simple16' --hide='Simple16'
	f=$c/flamelens-recursive.txt
	check_filters recursive-root "$f" --root='^deep_work'
	check_filters recursive-hide "$f" --hide='deep_work \(long_running.py:28\)'
	f=$c/gen-cpuwork-utf8.folded
	check_filters utf8-focus "$f" --focus='größe'
	check_filters utf8-root-ignore "$f" --root='^main$' --ignore='syscall'
	check_filters no-match "$f" --focus='^no such frame$'
else
	echo "note: no corpus at $SCORCH_CORPUS, corpus checks skipped"
fi

# kinds survive the copy the filtered writers make
if [ -d "$SCORCH_CORPUS" ]; then
	in=$SCORCH_CORPUS/perf-script/fg-perf-java-stacks-01.txt
	"$SCORCH" --folded --annotate "$in" >"$tmp/want" 2>/dev/null
	"$SCORCH" --folded --annotate --focus=. "$in" >"$tmp/got" 2>/dev/null
	if grep -q '_\[[kj]\]' "$tmp/want" && cmp -s "$tmp/want" "$tmp/got"; then ok; else bad "--annotate with a filter"; fi
fi

# --- the inverted tree and --print see the same filtered samples --------
f=$spec
"$SCORCH" --top --width=200 --focus=handle "$f" >"$tmp/a" 2>/dev/null
"$SCORCH" --top --width=200 --focus=handle --inverted "$f" >"$tmp/b" 2>/dev/null
if cmp -s "$tmp/a" "$tmp/b" && [ -s "$tmp/a" ]; then ok; else bad "--inverted changes --top"; fi
want=$("$SCORCH" --folded --root=serve "$f" 2>/dev/null | awk '{ s += $NF } END { print s }')
got=$("$SCORCH" --print --width=100 --inverted --root=serve "$f" 2>/dev/null |
	awk '$NF == "all" { gsub(/,/, "", $2); print $2 }')
if [ "$want" = "$got" ]; then ok; else bad "--print --inverted --root total $got, want $want"; fi
# the inverted tree's first level: the leaves of the filtered stacks
"$SCORCH" --folded --hide=json "$f" 2>/dev/null |
	awk '{ n = split($1, a, ";"); s[a[n]] += $NF } END { for (k in s) print k, s[k] }' | sort >"$tmp/want"
"$SCORCH" --print --width=100 --inverted --hide=json "$f" 2>/dev/null |
	awk 'NR > 2 && /^ +[0-9.]+% +[0-9.,]+ +[0-9.,]+    [^ ]/ { gsub(/,/, "", $2); print $4, $2 }' |
	sort >"$tmp/got"
if cmp -s "$tmp/want" "$tmp/got"; then ok; else bad "--inverted --hide leaves differ"; fi

# --- the top table against awk sums ---------------------------------------
# Rows from folded lines: self of the leaf, total once per line however
# often the name recurs, calls = distinct callers (the root counts as one).
top_awk='
{
	v = $NF
	line = $0
	sub(/ [^ ]*$/, "", line)
	n = split(line, fr, ";")
	self[fr[n]] += v
	split("", seen)
	for (j = 1; j <= n; j++) {
		if (!(fr[j] in seen)) total[fr[j]] += v
		seen[fr[j]] = 1
		caller = j == 1 ? "\001root" : fr[j - 1]
		if (!((caller, fr[j]) in pair)) { pair[caller, fr[j]] = 1; calls[fr[j]]++ }
	}
}
END { for (f in total) printf "%s|%.6g|%.6g|%d\n", f, self[f] + 0, total[f], calls[f] }'
# Rows from --top output (fixed columns at --width >= 72).
top_parse='
NR > 1 {
	s = substr($0, 1, 12); t = substr($0, 22, 12)
	gsub(/[ ,]/, "", s); gsub(/[ ,]/, "", t)
	c = substr($0, 43, 6) + 0
	printf "%s|%.6g|%.6g|%d\n", substr($0, 51), s, t, c
}'

# check_top NAME FILE [ARGS...]: --top rows against top_awk over --folded
check_top() {
	name=$1 in=$2
	shift 2
	"$SCORCH" --folded "$@" "$in" 2>/dev/null | awk "$top_awk" | sort >"$tmp/want"
	"$SCORCH" --top --width=400 "$@" "$in" 2>/dev/null >"$tmp/top"
	awk "$top_parse" "$tmp/top" | sort >"$tmp/got"
	if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
		ok
	else
		bad "$name: --top rows differ"
		diff "$tmp/want" "$tmp/got" | head -n 6 | sed 's/^/    /'
	fi
	# the percentages are of the shown total
	"$SCORCH" --folded "$@" "$in" 2>/dev/null | awk '{ s += $NF } END { printf "%.10g\n", s }' >"$tmp/total"
	if awk -v T="$(cat "$tmp/total")" '
		function near(p, x) { d = p - x; if (d < 0) d = -d; return d <= 0.006 * x + 0.006 }
		NR > 1 {
			s = substr($0, 1, 12); t = substr($0, 22, 12)
			gsub(/[ ,]/, "", s); gsub(/[ ,]/, "", t)
			sp = substr($0, 14, 7) + 0; tp = substr($0, 35, 7) + 0
			if (!near(sp, 100 * s / T) || !near(tp, 100 * t / T)) bad = 1
		}
		END { exit bad }' "$tmp/top"; then ok; else bad "$name: --top percentages"; fi
}

# check_top_order NAME COLUMN FILE: rows come sorted, ties by name
check_top_order() {
	name=$1 col=$2 in=$3
	"$SCORCH" --top --width=400 --top-sort="$col" "$in" 2>/dev/null >"$tmp/top"
	if awk -v col="$col" '
		NR > 1 {
			s = substr($0, 1, 12); t = substr($0, 22, 12)
			gsub(/[ ,]/, "", s); gsub(/[ ,]/, "", t)
			c = substr($0, 43, 6) + 0; nm = substr($0, 51); s += 0; t += 0
			if (NR > 2) {
				if (col == "name") okay = pn < nm
				else if (col == "self") okay = ps > s || (ps == s && (pt > t || (pt == t && pn < nm)))
				else if (col == "total") okay = pt > t || (pt == t && (ps > s || (ps == s && pn < nm)))
				else okay = pc > c || (pc == c && (ps > s || (ps == s && pn < nm)))
				if (!okay) { print "out of order at line " NR; bad = 1 }
			}
			ps = s; pt = t; pc = c; pn = nm
		}
		END { exit bad || NR < 3 }' "$tmp/top"; then ok; else bad "$name: --top-sort=$col order"; fi
}

check_top spec-top "$spec"
check_top spec-top-focus "$spec" --focus=handle
"$SCORCH" --top --width=80 "$fixtures/control-bytes.in" >"$tmp/top" 2>/dev/null
if grep -q 'a\\x1bb' "$tmp/top" && ! grep -q "$(printf '\033')" "$tmp/top"; then ok; else bad "--top does not escape names"; fi
for w in 40 60 80; do
	"$SCORCH" --top --width=$w "$spec" >"$tmp/top" 2>/dev/null
	if [ -s "$tmp/top" ] && awk -v w=$w 'length($0) > w { exit 1 }' "$tmp/top"; then ok; else bad "--top wider than $w"; fi
done
"$SCORCH" --top --width=40 "$spec" 2>/dev/null | head -n 1 >"$tmp/top"
if grep -q '^  self%  total%  function$' "$tmp/top"; then ok; else bad "--top --width=40 header: $(cat "$tmp/top")"; fi

if [ -d "$SCORCH_CORPUS" ]; then
	c=$SCORCH_CORPUS/folded
	check_top flames-top "$c/inferno-flames.txt"
	check_top recursive-top "$c/flamelens-recursive.txt"
	check_top recursive-top-root "$c/flamelens-recursive.txt" --root='deep_work \(long_running.py:28\)'
	check_top ffp-top "$c/ffp-flamegraph.txt"
	for col in self total name calls; do
		check_top_order "flames-order" $col "$c/inferno-flames.txt"
	done

	# go tool pprof -top: flat and cum per function (recursion once). Its
	# CPU samples are 10 ms each, so counts are seconds * 100.
	for case in gen-go-cpu pprof-large-cpu; do
		p=$SCORCH_CORPUS/pprof/$case
		"$SCORCH" --top --width=400 --sample-type=samples "$p.pb.gz" 2>/dev/null |
			awk "$top_parse" | awk -F'|' '{ print $1 "|" $2 "|" $3 }' | sort >"$tmp/got"
		awk '
			function secs(x) {
				if (x ~ /ms$/) { sub(/ms$/, "", x); return x / 1000 }
				sub(/s$/, "", x); return x + 0
			}
			f && NF >= 6 {
				nm = $6
				for (i = 7; i <= NF; i++) nm = nm " " $i
				sub(/ \((partial-)?inline\)$/, "", nm)
				printf "%s|%.6g|%.6g\n", nm, secs($1) * 100, secs($4) * 100
			}
			/^ *flat  flat%/ { f = 1 }' "$p.pprof-top.txt" | sort >"$tmp/want"
		if [ -s "$tmp/want" ] && [ -z "$(comm -23 "$tmp/want" "$tmp/got")" ]; then
			ok
		else
			bad "$case: --top differs from go tool pprof -top"
			comm -23 "$tmp/want" "$tmp/got" | head -n 5 | sed 's/^/    /'
		fi
	done
fi

# --- --tag and --group-by against the labels oracles ---------------------
# The oracle puts every string label as a root frame "key=value" (all
# keys, in order, "?" when missing). label_awk keeps the lines that carry
# every wanted label (values of one key OR) and drops the label frames,
# or, with group=KEY, keeps only that key's frame.
label_awk='
BEGIN { n_w = split(want, w, "\001") }
{
	v = $NF
	line = $0
	sub(/ [^ ]*$/, "", line)
	n = split(line, fr, ";")
	for (k = 0; k < n && fr[k + 1] ~ /^[A-Za-z_][A-Za-z0-9_]*=/; k++) ;
	split("", need); split("", got)
	for (i = 1; i <= n_w; i++) { split(w[i], kv, "="); need[kv[1]] = 1; if (w[i] != "") { for (j = 1; j <= k; j++) if (fr[j] == w[i]) got[kv[1]] = 1 } }
	for (key in need) if (key != "" && !(key in got)) next
	s = ""
	for (j = 1; j <= k; j++) if (group != "" && index(fr[j], group "=") == 1) s = fr[j]
	for (j = k + 1; j <= n; j++) s = s (s == "" ? "" : ";") fr[j]
	print s, v
}'

# check_labels NAME CASE GROUP TAG...: scorch --folded [--group-by=GROUP]
# --tag=TAG... against the oracle
check_labels() {
	name=$1 p=$SCORCH_CORPUS/pprof/$2 group=$3
	shift 3
	set -f
	want=
	args=
	for t in "$@"; do
		want="$want${want:+$(printf '\001')}$t"
		args="$args --tag=$t"
	done
	[ -n "$group" ] && args="$args --group-by=$group"
	awk -v want="$want" -v group="$group" "$label_awk" \
		"$p.expected.labels.folded" >"$tmp/want"
	in=$p.pb.gz
	[ -e "$in" ] || in=$p.pb
	# shellcheck disable=SC2086
	if ! "$SCORCH" --folded $args "$in" >"$tmp/got" 2>"$tmp/err"; then
		bad "$name: failed: $(head -c 200 "$tmp/err")"
		set +f
		return
	fi
	set +f
	same "$name" "$tmp/want" "$tmp/got"
}

if [ -d "$SCORCH_CORPUS" ]; then
	check_labels tag-one gen-go-cpu "" trace_id=b54cda29
	check_labels tag-or gen-go-cpu "" trace_id=b54cda29 trace_id=17156078
	check_labels tag-and gen-go-cpu "" endpoint=/api/export trace_id=b54cda29
	check_labels tag-and-none gen-go-cpu "" endpoint=/api/fib trace_id=b54cda29
	check_labels tag-unknown gen-go-cpu "" trace_id=ffffffff
	check_labels tag-uncompressed gen-go-cpu-uncompressed "" endpoint=/api/unicode
	check_labels tag-pyroscope pyroscope-go-cpu-labels "" function=fast
	check_labels tag-pyroscope-all pyroscope-go-cpu-labels "" foo=bar
	check_labels tag-pyroscope-and pyroscope-go-cpu-labels "" function=slow foo=bar
	check_labels tag-span pyroscope-go-span-id "" function=slow qwe=asd
	check_labels group-trace gen-go-cpu trace_id
	check_labels group-endpoint gen-go-cpu endpoint
	check_labels group-function pyroscope-go-cpu-labels function
	check_labels group-goroutine pyroscope-go-goroutine-req2 foo
	check_labels group-and-tag gen-go-cpu trace_id endpoint=/api/orders
	# a tag and a frame filter: pprof's transform of the tag's oracle
	p=$SCORCH_CORPUS/pprof/gen-go-cpu
	awk -v want=trace_id=9e3779b1 -v group= "$label_awk" "$p.expected.labels.folded" >"$tmp/base"
	printf 'focus\tsha256\n' >"$tmp/spec"
	awk "$pprof_awk" "$tmp/spec" "$tmp/base" >"$tmp/want"
	"$SCORCH" --folded --tag=trace_id=9e3779b1 --focus=sha256 "$p.pb.gz" >"$tmp/got" 2>/dev/null
	same tag-focus "$tmp/want" "$tmp/got"
	"$SCORCH" --info "$p.pb.gz" >"$tmp/info" 2>/dev/null
	if grep -q '^label keys: endpoint ([0-9]*), trace_id ([0-9]*)$' "$tmp/info"; then ok; else bad "--info lacks label keys"; fi

	# thread dumps: group and filter by state. Each thread with frames is
	# one sample; its state comes from the dump's Thread.State line.
	for dump in jstack-blockers jstack-l-blockers jcmd-thread-print-blockers; do
		d=$SCORCH_CORPUS/thread-dumps/$dump.txt
		awk '
			function flush() { if (frames) c[state == "" ? "?" : state]++ }
			# thread headers have a nid; the deadlock report quotes names too
			/^"/ { flush(); state = ""; frames = 0; thread = /nid=/ }
			/java\.lang\.Thread\.State: / { state = $2 }
			thread && /^[ \t]+at / { frames = 1 }
			END { flush(); for (s in c) print "state=" s, c[s] }' "$d" | sort >"$tmp/want"
		"$SCORCH" --folded --group-by=state "$d" 2>/dev/null |
			awk '{ split($0, a, ";"); s[a[1]] += $NF } END { for (k in s) print k, s[k] }' |
			sort >"$tmp/got"
		if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
			ok
		else
			bad "$dump --group-by=state"
			diff "$tmp/want" "$tmp/got" | head -n 5 | sed 's/^/    /'
		fi
		# --tag state=S is the group's stacks without the root frame
		for s in $(sed 's/^state=//; s/ .*//' "$tmp/want"); do
			"$SCORCH" --folded --group-by=state "$d" 2>/dev/null |
				sed -n "s/^state=$s;//p" >"$tmp/want.s"
			"$SCORCH" --folded --tag=state=$s "$d" >"$tmp/got.s" 2>/dev/null
			same "$dump --tag=state=$s" "$tmp/want.s" "$tmp/got.s"
		done
	done

	# Go dumps: the state is what the goroutine header has in brackets
	for d in "$SCORCH_CORPUS"/thread-dumps/go-*.txt; do
		awk '
			function flush() { if (frames) c[state]++ }
			/^goroutine [0-9]+ \[/ {
				flush(); frames = 0
				state = $0
				sub(/^[^[]*\[/, "", state); sub(/\].*/, "", state)
				sub(/, [0-9]+ minutes$/, "", state)
				state = "state=" state
				next
			}
			/^[^ \t].*\(/ { frames = 1 }
			END { flush(); for (s in c) print s, c[s] }' "$d" | sort >"$tmp/want"
		"$SCORCH" --folded --group-by=state "$d" 2>/dev/null |
			awk '{ split($0, a, ";"); s[a[1]] += $NF } END { for (k in s) print k, s[k] }' |
			sort >"$tmp/got"
		if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
			ok
		else
			bad "$(basename "$d") --group-by=state"
			diff "$tmp/want" "$tmp/got" | head -n 5 | sed 's/^/    /'
		fi
	done

	# grouping moves samples under root frames and loses none
	for d in "$SCORCH_CORPUS"/thread-dumps/*.txt; do
		"$SCORCH" --folded "$d" >"$tmp/want" 2>/dev/null
		for key in state thread tid nokey; do
			"$SCORCH" --folded --group-by=$key "$d" 2>/dev/null | sed 's/^[^;]*;//' >"$tmp/got"
			same "$(basename "$d") --group-by=$key keeps samples" "$tmp/want" "$tmp/got"
		done
	done

	# perf script: samples per thread and per process, from the headers
	for case in fg-perf-iperf-stacks-pidtid-01.txt fg-example-perf-stacks.txt.gz \
	    gen-cpuwork-fp.pidtid-period.txt; do
		in=$SCORCH_CORPUS/perf-script/$case
		for key in pid tid; do
			corpus_cat "$in" | awk -v key=$key '
				/^[^ \t#]/ {
					for (i = 2; i <= NF; i++) if ($i ~ /^[0-9]+(\/[0-9]+)?$/) break
					if (i > NF) next
					v = $i
					if (key == "tid") sub(/^[0-9]+\//, "", v)
					else if (v ~ /\//) sub(/\/.*/, "", v)
					else v = "?"
					c[key "=" v]++
				}
				END { for (k in c) print k, c[k] }' | sort >"$tmp/want"
			"$SCORCH" --folded --weight=samples --group=none --group-by=$key "$in" 2>/dev/null |
				awk '{ split($0, a, ";"); s[a[1]] += $NF } END { for (k in s) print k, s[k] }' |
				sort >"$tmp/got"
			if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
				ok
			else
				bad "$case --group-by=$key"
				diff "$tmp/want" "$tmp/got" | head -n 5 | sed 's/^/    /'
			fi
		done
		# --tag=tid=N: that thread's samples only
		t=$(sed -n '1s/^tid=\([0-9]*\) .*/\1/p' "$tmp/got")
		if [ -n "$t" ]; then
			"$SCORCH" --folded --weight=samples --group=none --group-by=tid "$in" 2>/dev/null |
				sed -n "s/^tid=$t;//p" >"$tmp/want.t"
			"$SCORCH" --folded --weight=samples --group=none --tag=tid=$t "$in" >"$tmp/got.t" 2>/dev/null
			same "$case --tag=tid=$t" "$tmp/want.t" "$tmp/got.t"
		fi
	done
fi

# samples without records: every stack under KEY=?
awk '{ print "thread=?;" $0 }' "$fixtures/unsorted-duplicates.expected" >"$tmp/want"
"$SCORCH" --folded --group-by=thread "$fixtures/unsorted-duplicates.in" >"$tmp/got" 2>/dev/null
same "group-by without labels" "$tmp/want" "$tmp/got"
"$SCORCH" --folded --tag=thread=main "$fixtures/unsorted-duplicates.in" >"$tmp/got" 2>/dev/null
if [ ! -s "$tmp/got" ]; then ok; else bad "--tag without labels keeps samples"; fi

summary filters
