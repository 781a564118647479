# The diff and hot/cold views end to end in tmux: the colours the
# terminal really gets (capture-pane -e) in 256 colours, truecolor, 8
# colours and without colour, the colour-blind palette, the metric,
# width and view keys, the delta table and the gone/new list. What each
# frame should show is computed with awk from the inputs
# (tests/tools/pair-expect.sh) and the palette below, never taken from
# scorch's output.
: "${SCORCH:?}" "${TOP_SRCDIR:?}"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$TOP_SRCDIR/tests/corpus/lib.sh"
. "$TOP_SRCDIR/tests/tools/pair-expect.sh"
data=$term_tests/data
tmp=$term_tmp

if [ ! -d "$SCORCH_CORPUS" ]; then
	echo "CORPUS MISSING: $SCORCH_CORPUS" >&2
	[ "${SCORCH_ALLOW_NO_CORPUS:-0}" = 1 ] || exit 99
	exit 77
fi

# The palette (ui/diff_colour.c) as xterm-256 indices and as RGB: growth
# steps 1..6, shrinkage a..f, new n and gone g (the strongest shade,
# underlined), unchanged 0, the selection S; threads s r x; hot/cold h o.
PAL_256='224:1 217:2 210:3 203:4 160:5 88:6 88u:n
189:a 147:b 105:c 63:d 20:e 18:f 18u:g
251:0 252:0 253:0 254:0 26:S 26u:S'
PAL_256_CB='223:1 215:2 208:3 166:4 130:5 94:6 94u:n
189:a 153:b 75:c 33:d 25:e 24:f 24u:g
251:0 252:0 253:0 254:0 26:S 26u:S'
PAL_RGB='255,215,215:1 255,175,175:2 255,135,135:3 255,95,95:4 215,0,0:5
135,0,0:6 135,0,0u:n 215,215,255:a 175,175,255:b 135,135,255:c 95,95,255:d
0,0,215:e 0,0,135:f 0,0,135u:g 228,228,228:0 218,218,218:0 208,208,208:0
198,198,198:0 0,95,215:S 0,95,215u:S'
# 8 colours: yellow then red for growth, cyan then blue for shrinkage
PAL_8='8:3:Y 8:1:R 8:1u:N 8:6:C 8:4:B 8:4u:G 8:7:W'
PAL_THREADS='169:s 114:r 221:x 251:0 252:0 253:0 254:0 26:S 26u:S'
PAL_COLD='215:h 221:h 209:h 216:h 68:o 111:o 74:o 110:o 26:S'

# The pane's cells as "bg[u]" codes (bg: 256 index, r,g,b, 8:N, d), one
# line of blank-separated codes a screen line; with r for reverse video.
cell_codes() {
	LC_ALL=C awk '
	BEGIN { bg = "d"; ul = 0; rev = 0 }
	function sgr(p,   k, m, a, v) {
		if (p == "") p = "0"
		m = split(p, a, ";")
		for (k = 1; k <= m; k++) {
			v = a[k] + 0
			if (v == 0) { bg = "d"; ul = 0; rev = 0 }
			else if (v == 4) ul = 1
			else if (v == 24) ul = 0
			else if (v == 7) rev = 1
			else if (v == 27) rev = 0
			else if (v >= 40 && v <= 47) bg = "8:" (v - 40)
			else if (v == 49) bg = "d"
			else if (v == 48 && a[k + 1] == 5) { bg = a[k + 2] + 0; k += 2 }
			else if (v == 48 && a[k + 1] == 2) { bg = (a[k + 2] + 0) "," (a[k + 3] + 0) "," (a[k + 4] + 0); k += 4 }
			else if (v == 38 && a[k + 1] == 5) k += 2
			else if (v == 38 && a[k + 1] == 2) k += 4
		}
	}
	{
		line = $0; out = ""; n = 0; i = 1; len = length(line)
		while (i <= len) {
			c = substr(line, i, 1)
			if (c == "\033" && substr(line, i + 1, 1) == "[") {
				j = i + 2; p = ""
				while (j <= len && substr(line, j, 1) ~ /[0-9;]/) { p = p substr(line, j, 1); j++ }
				if (substr(line, j, 1) == "m") sgr(p)
				i = j + 1
				continue
			}
			i++
			if (c >= "\200" && c <= "\277") continue
			out = out (n++ ? " " : "") bg (ul ? "u" : "") (rev ? "r" : "")
		}
		print out
	}'
}

# Codes to one letter a cell by a palette ("code:letter" words); cells
# outside it become "?".
to_letters() {
	LC_ALL=C awk -v pal="$1" '
	BEGIN { n = split(pal, w, /[ \n]+/)
		for (i = 1; i <= n; i++) { k = w[i]; sub(/:[^:]*$/, "", k); l = w[i]; sub(/.*:/, "", l); map[k] = l } }
	{ m = split($0, c, " "); s = ""
		for (i = 1; i <= m; i++) s = s (c[i] in map ? map[c[i]] : c[i] == "d" ? " " : "?")
		print s }'
}

# The expected letters in the 8-colour classes.
to_8() {
	awk -F '\t' 'BEGIN { OFS = "\t"
		split("1:Y 2:Y 3:Y 4:R 5:R 6:R n:N a:C b:C c:C d:B e:B f:B g:G 0:W", w, " ")
		for (i in w) { split(w[i], kv, ":"); m[kv[1]] = kv[2] } }
	{ $4 = m[$4]; print }'
}

# grab NAME: the pane as text, as cell codes, once it stopped changing
grab() {
	_i=0
	term_screen -e -N >"$tmp/$1.e"
	while [ "$_i" -lt 40 ]; do
		sleep 0.05
		term_screen -e -N >"$tmp/$1.e2"
		cmp -s "$tmp/$1.e" "$tmp/$1.e2" && break
		mv "$tmp/$1.e2" "$tmp/$1.e"
		_i=$((_i + 1))
	done
	term_screen >"$tmp/$1.text"
	cell_codes <"$tmp/$1.e" >"$tmp/$1.codes"
}

# compare NAME SNAP EXPECTED PALETTE ROWS: frames of the grabbed screen
compare() {
	to_letters "$4" <"$tmp/$2.codes" >"$tmp/$2.letters"
	pair_tokens "$tmp/$2.text" "$tmp/$2.letters" "$5" >"$tmp/$2.tokens"
	if pair_compare "$3" "$tmp/$2.tokens" 4 "$5" >"$tmp/why"; then
		term_pass=$((term_pass + 1))
	else
		term_fail=$((term_fail + 1))
		echo "FAIL $term_name: $1"
		sed 's/^/  /' "$tmp/why" | head -n 15
	fi
}

# line_has N REGEX: line N of the pane matches
line_has() {
	term_screen | sed -n "${1}p" | grep -q -- "$2"
}

screen_has() {
	term_screen | grep -q -- "$1"
}

# start [VAR=value...] ARGS...: scorch in the pane; waits for its title
start() {
	envs=
	while :; do case $1 in [A-Z]*=*) envs="$envs $1"; shift ;; *) break ;; esac; done
	term_type "clear; env$envs '$SCORCH' $*"
	term_wait "? help" 10
}

quit() {
	term_send q
	term_wait_gone "? help" 10
	term_wait 'ready$' 10
}

# key KEY TEXT: a key, then wait until TEXT shows
key() {
	term_send "$1"
	term_wait "$2" 10
}

term_begin pair
tm set-option -g window-size manual >/dev/null 2>&1
tm resize-window -t t -x 240 -y 30 >/dev/null 2>&1
ROWS=20

# --- expectations ----------------------------------------------------------
before=$SCORCH_CORPUS/folded/inferno-diff-before.txt
after=$SCORCH_CORPUS/folded/inferno-diff-after.txt
"$SCORCH" --folded "$before" | folded_normalize >"$tmp/b"
"$SCORCH" --folded "$after" | folded_normalize >"$tmp/a"
pair_join "$tmp/b" "$tmp/a" >"$tmp/ab"
pair_diff_nodes "$tmp/ab" share 0.2 after >"$tmp/share"
pair_diff_nodes "$tmp/ab" absolute 0.2 after >"$tmp/abs"
pair_diff_nodes "$tmp/ab" absolute 0.2 before >"$tmp/abs.before"
pair_diff_nodes "$tmp/ab" share 0.2 max >"$tmp/share.max"
to_8 <"$tmp/share" >"$tmp/share.8"

# --- 256 colours: metric, widths, palette keys ------------------------------
start TERM=xterm-256color LANG=C.UTF-8 --diff "$before" "$after"
grab d256
compare "256 colours: change of share" d256 "$tmp/share" "$PAL_256" $ROWS
key M "absolute change"
grab d256m
compare "256 colours: absolute change (M)" d256m "$tmp/abs" "$PAL_256" $ROWS
key W "Widths from BEFORE"
grab d256w
compare "256 colours: widths from before (W)" d256w "$tmp/abs.before" "$PAL_256" $ROWS
key P "Colour-blind"
grab d256p
compare "256 colours: colour-blind palette (P)" d256p "$tmp/abs.before" "$PAL_256_CB" $ROWS
quit

start TERM=xterm-256color LANG=C.UTF-8 --palette=colorblind --width-by=max --diff "$before" "$after"
grab dcb
compare "256 colours: --palette=colorblind --width-by=max" dcb "$tmp/share.max" "$PAL_256_CB" $ROWS
quit

# --- truecolor and 8 colours -------------------------------------------------
start TERM=xterm-direct LANG=C.UTF-8 --diff "$before" "$after"
grab drgb
compare "truecolor: change of share" drgb "$tmp/share" "$PAL_RGB" $ROWS
quit
start TERM=screen LANG=C.UTF-8 --diff "$before" "$after"
grab d8
# the selection (the root) is white on blue, as strong shrinkage: leave
# the root out
awk -F '\t' '$1 != 0' "$tmp/share.8" >"$tmp/share.8r"
sed '2s/.*//' "$tmp/d8.text" >"$tmp/d8.t" && mv "$tmp/d8.t" "$tmp/d8.text"
compare "8 colours: yellow/red growth, cyan/blue shrinkage" d8 "$tmp/share.8r" "$PAL_8" $ROWS
quit

# --- no colour: marks and reverse video --------------------------------------
start NO_COLOR=1 LANG=C.UTF-8 --diff "$before" "$after"
grab dmono
pair_tokens "$tmp/dmono.text" "$tmp/dmono.text" $ROWS >"$tmp/dmono.tokens"
check "no colour: + - ++ -- marks" pair_compare "$tmp/share" "$tmp/dmono.tokens" 5 $ROWS
# frames in reverse video (the selected root is not)
check "no colour: frames in reverse video" \
	awk 'NR == 3 && $1 ~ /r/ { ok = 1 } END { exit !ok }' "$tmp/dmono.codes"
quit

# --- the delta table and the gone/new list -----------------------------------
# the largest regression by change of share, functions counted once a stack
top=$(awk -F '\t' '{ n = split($1, fr, ";"); delete seen
	for (i = 1; i <= n; i++) if (!(fr[i] in seen)) { seen[fr[i]] = 1; b[fr[i]] += $2; a[fr[i]] += $3 }
	tb += $2; ta += $3 }
	END { for (f in b) { d = a[f] / ta - b[f] / tb
		if (best == "" || d > bd || (d == bd && f < best)) { best = f; bd = d } }
		print best }' "$tmp/ab")
start TERM=xterm-256color LANG=C.UTF-8 --diff "$before" "$after"
key D "Delta table"
check "delta table: $top first (largest regression)" line_has 3 " $top\$"
term_send Enter
term_wait_gone "Delta table" 10
check "delta table: Enter selects $top in the graph" line_has 29 "$top\$"
key C "Gone and new stacks"
check "gone/new list: the gone stack" screen_has "-- dd › \[unknown\] › 0x234f2abc"
term_send Enter
term_wait "max 95 samples" 10
check "gone/new list: Enter on a gone stack shows it with widths max" \
	line_has 29 "0xF1BDE348\$"
quit

# --- two thread dumps ----------------------------------------------------------
d1=$SCORCH_CORPUS/thread-dumps/gdb-blockers-bt.txt d2=$data/diff-dumps/gdb-blockers-later.txt
"$SCORCH" --folded --group-by=tid "$d1" >"$tmp/t1"
"$SCORCH" --folded --group-by=tid "$d2" >"$tmp/t2"
pair_thread_nodes "$tmp/t1" "$tmp/t2" >"$tmp/threads"
start TERM=xterm-256color LANG=C.UTF-8 --diff "$d1" "$d2"
grab th
compare "thread dumps: stuck magenta, progressing green" th "$tmp/threads" "$PAL_THREADS" $ROWS
quit

# --- hot/cold: warm on-CPU part, cool off-CPU part of every frame -------------
cold=$data/hotcold-blocker/blocker.perf.zst
# cold_split SNAP VIEW TWOCOUNT: the warm/cool split of every frame, as in
# tests/tui/pair-colours.sh, on the pane
cold_split() {
	to_letters "$PAL_COLD" <"$tmp/$1.codes" >"$tmp/$1.letters"
	LC_ALL=C awk -v view="$2" -v rows=$ROWS -v min=2 -f "$TOP_SRCDIR/tests/tui/cold-split.awk" \
		"$3" "$tmp/$1.letters" "$tmp/$1.text" >"$tmp/why"
}
"$SCORCH" --cold --folded "$cold" | awk '{ on = $(NF - 1); off = $NF; sub(/ [^ ]* [^ ]*$/, "")
	printf "%s\t%s\t%s\n", $0, on, off }' >"$tmp/cold.both"
"$SCORCH" --cold --folded --cold-view=on "$cold" | awk '{ v = $NF; sub(/ [^ ]*$/, "")
	printf "%s\t%s\t0\n", $0, v }' >"$tmp/cold.on"
start TERM=xterm-256color LANG=C.UTF-8 --cold "$cold"
grab c1
check "hot/cold: each frame warm (on-CPU) then cool (off-CPU), in proportion" cold_split c1 both "$tmp/cold.both"
key V "On-CPU time only"
grab c2
check "hot/cold: on-CPU only (V), all warm" cold_split c2 on "$tmp/cold.on"
key V "Off-CPU time only"
key V "Wall time"
key ! "idle waits included"
check "hot/cold: idle waits back (!), the title names wall+idle" term_wait "wall+idle" 5
quit
start NO_COLOR=1 LANG=C.UTF-8 --cold "$cold"
check "hot/cold without colour: the off-CPU part is a ':' pattern" term_wait "blocker:::" 5
quit

term_end
