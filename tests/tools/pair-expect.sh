# Expected colours of the diff and hot/cold views, computed here from
# folded stacks (never from the view), and the frames read back from a
# screen. Sourced by tests/tui/pair-colours.sh and tests/term/pair.sh.
#
# Letters are those of the test role grid (ui/diff_colour.c): growth
# steps 1..6, shrinkage steps a..f (weakest first), n new, g gone, 0
# unchanged; threads s stuck, r progressing, x mixed.
#
#   pair_join BEFORE AFTER          two folded files -> "stack<TAB>b<TAB>a"
#   pair_diff_nodes JOINED METRIC NOISE WIDTH
#       every frame that has a width: "depth<TAB>key<TAB>name<TAB>letter<TAB>mark"
#       (METRIC share|absolute, NOISE in percent, WIDTH after|before|max),
#       in screen order: by depth, then siblings by name (byte order)
#   pair_thread_nodes BEFORE_TID AFTER_TID
#       the same for two dumps' --group-by=tid folded forms, letters by
#       the threads of AFTER (widths after)
#   pair_tokens TEXT CODES ROWS [fields]
#       frames drawn on the graph rows 1..ROWS of a screen:
#       "depth<TAB>col<TAB>text<TAB>code" (CODES: a role grid, one letter
#       a cell; with "fields", one blank-separated code a cell)
#   pair_compare EXPECTED TOKENS FIELD ROWS
#       the frames of depths 0..ROWS-1 in order against the tokens;
#       FIELD 4 compares letters (not of the selected frame, S), 5
#       prefixes the names with the marks; prints the differences, fails
#       when there are any
#   pair_snapshot FILE N [roles]    the Nth screen of a headless run (text,
#       or with "roles" its role grid)

pair_join() {
	LC_ALL=C awk 'FNR == 1 { f++ }
	{ v = $NF; sub(/ [^ ]*$/, ""); if (f == 1) b[$0] += v; else a[$0] += v; s[$0] = 1 }
	END { for (k in s) printf "%s\t%.17g\t%.17g\n", k, b[k] + 0, a[k] + 0 }' "$1" "$2" |
		LC_ALL=C sort
}

pair_diff_nodes() {
	LC_ALL=C awk -F '\t' -v metric="$2" -v noise="$3" -v width="$4" '
	function abs(x) { return x < 0 ? -x : x }
	{
		n = split($1, fr, ";"); b = $2 + 0; a = $3 + 0
		tb += b; ta += a; key = ""
		for (i = 1; i <= n; i++) {
			key = key (i > 1 ? "\001" : "") fr[i]
			nb[key] += b; na[key] += a
			mx[key] += b > a ? b : a
			dep[key] = i; nm[key] = fr[i]
		}
	}
	function measure(b, a) {
		if (metric == "share")
			return 100 * ((ta ? a / ta : 0) - (tb ? b / tb : 0))
		return 100 * (a - b) / (tb ? tb : ta)
	}
	function cls(b, a, m) {
		if (b == 0 && a != 0) return "n"
		if (a == 0 && b != 0) return "g"
		if (abs(m) < noise || m == 0) return "0"
		return m > 0 ? "+" : "-"
	}
	END {
		nb[""] = tb; na[""] = ta; mx[""] = 0; dep[""] = 0; nm[""] = "all"
		for (k in nb) {
			m[k] = measure(nb[k], na[k]); c[k] = cls(nb[k], na[k], m[k])
			if (k != "" && c[k] != "0" && abs(m[k]) > scale) scale = abs(m[k])
		}
		if (scale == 0) scale = noise > 0 ? noise : 1
		for (k in nb) if (k != "" && dep[k] == 1)
			wall += width == "after" ? na[k] : width == "before" ? nb[k] : mx[k]
		for (k in nb) {
			w = width == "after" ? na[k] : width == "before" ? nb[k] : (k == "" ? 1 : mx[k])
			if (k == "") w = 1
			if (w <= 0) continue
			if (c[k] == "+" || c[k] == "-") {
				x = abs(m[k]) / scale; if (x > 1) x = 1
				s = x * 6 - 1e-6; st = int(s); if (st < s) st++
				if (st < 1) st = 1; if (st > 6) st = 6
				letter = c[k] == "+" ? substr("123456", st, 1) : substr("abcdef", st, 1)
				mark = c[k]
			} else {
				letter = c[k]
				mark = c[k] == "n" ? "++" : c[k] == "g" ? "--" : ""
			}
			printf "%d\t%s\t%s\t%s\t%s\t%.6f\n", dep[k], k, nm[k], letter, mark,
				k == "" ? 1 : w / wall
		}
	}' "$1" | LC_ALL=C sort -t "$(printf '\t')" -k1,1n -k2,2
}

pair_thread_nodes() {
	LC_ALL=C awk '
	FNR == 1 { f++ }
	{
		v = $NF; st = $0; sub(/ [^ ]*$/, "", st)
		tid = st; sub(/;.*/, "", tid); sub(/^[^;]*;/, "", st)
		if (f == 1) before[tid] = st
		else { after[tid] = st; order[++n] = tid }
	}
	END {
		for (i = 1; i <= n; i++) {
			tid = order[i]; st = after[tid]
			k = tid in before ? (before[tid] == st ? "s" : "r") : "new"
			m = split(st, fr, ";"); key = ""
			cnt[""]++; if (k == "s") stuck[""]++; if (k == "r") prog[""]++
			for (j = 1; j <= m; j++) {
				key = key (j > 1 ? "\001" : "") fr[j]
				cnt[key]++; dep[key] = j; nm[key] = fr[j]
				if (k == "s") stuck[key]++
				if (k == "r") prog[key]++
			}
		}
		dep[""] = 0; nm[""] = "all"
		for (key in cnt) {
			s = stuck[key] + 0; p = prog[key] + 0
			if (s > 0 && p == 0 && s >= cnt[key]) l = "s"
			else if (p > 0 && s == 0) l = "r"
			else if (s > 0) l = "x"
			else l = "0"
			printf "%d\t%s\t%s\t%s\t%s\n", dep[key], key, nm[key], l, ""
		}
	}' "$1" "$2" | LC_ALL=C sort -t "$(printf '\t')" -k1,1n -k2,2
}

# pair_check_named EXPECTED TOKENS MINSHARE ROWS: every frame of depth
# < ROWS with at least MINSHARE of the width (field 6) and a name of its
# own at its depth is drawn there with its letter.
pair_check_named() {
	LC_ALL=C awk -F '\t' -v min="$3" -v rows="$4" '
	NR == FNR { tok[$1, $3] = $4; has[$1, $3] = 1; next }
	{ cnt[$1, $3]++; line[++n] = $0 }
	END {
		bad = 0
		for (i = 1; i <= n; i++) {
			split(line[i], f, "\t")
			if (f[1] >= rows || f[6] < min || cnt[f[1], f[3]] > 1) continue
			checked++
			if (!has[f[1], f[3]]) {
				printf "depth %s: %s not drawn\n", f[1], f[3]; bad++
			} else if (tok[f[1], f[3]] != f[4] && tok[f[1], f[3]] != "S") {
				printf "depth %s %s: colour %s, expected %s\n", f[1], f[3],
					tok[f[1], f[3]], f[4]; bad++
			}
		}
		if (!checked) { print "nothing to check"; bad++ }
		exit bad > 0
	}' "$2" "$1"
}

pair_snapshot() {
	LC_ALL=C awk -v want="$2" -v part="${3:-text}" '
	BEGIN { n = 1; roles = 0 }
	/^=====$/ { n++; roles = 0; next }
	/^-- roles --$/ { roles = 1; next }
	n == want && ((part == "roles") == roles) { print }' "$1"
}

pair_tokens() {
	LC_ALL=C awk -v rows="$3" -v fields="${4:-}" '
	NR == FNR { codes[FNR] = $0; next }
	FNR >= 2 && FNR <= rows + 1 {
		line = $0; col = 0; tok = ""; start = -1
		ncode = split(codes[FNR], code, " ")
		for (i = 1; i <= length(line) + 1; i++) {
			ch = i <= length(line) ? substr(line, i, 1) : " "
			lead = ch < "\200" || ch > "\277"
			if (ch == " ") {
				if (tok != "") emit()
				tok = ""
			} else {
				if (tok == "") start = col
				tok = tok ch
			}
			if (lead) col++
		}
	}
	function emit(  letter) {
		if (fields != "") letter = code[start + 1]
		else letter = substr(codes[FNR], start + 1, 1)
		printf "%d\t%d\t%s\t%s\n", FNR - 2, start, tok, letter
	}' "$2" "$1"
}

pair_compare() {
	LC_ALL=C awk -F '\t' -v field="$3" -v rows="$4" '
	NR == FNR {
		if ($3 ~ /^\+[0-9]+$/ && ($4 == "+" || field == 5)) next   # aggregates
		td[$1] = td[$1] + 1; tt[$1, td[$1]] = $3; tl[$1, td[$1]] = $4; seen[$1] = 1
		next
	}
	{
		ed[$1] = ed[$1] + 1; i = ed[$1]
		en[$1, i] = $3; el[$1, i] = $4; em[$1, i] = $5
	}
	function same_name(text, name,  p) {
		if (text == name) return 1
		# a frame too narrow for more than its mark
		if (length(text) <= 2 && substr(name, 1, length(text)) == text) return 1
		p = index(text, "\342\200\246")
		return p > 1 && substr(name, 1, p - 1) == substr(text, 1, p - 1)
	}
	END {
		bad = 0
		for (d = 0; d < rows; d++) {
			if (ed[d] + 0 != td[d] + 0) {
				printf "depth %s: %d frames drawn, %d expected\n", d, td[d] + 0, ed[d] + 0
				bad++
				continue
			}
			for (i = 1; i <= td[d]; i++) {
				name = field == 5 ? em[d, i] en[d, i] : en[d, i]
				if (!same_name(tt[d, i], name)) {
					printf "depth %s #%d: drawn \"%s\", expected \"%s\"\n", d, i, tt[d, i], name
					bad++
				} else if (field == 4 && tl[d, i] != el[d, i] && tl[d, i] != "S") {
					printf "depth %s %s: colour %s, expected %s\n", d, name, tl[d, i], el[d, i]
					bad++
				}
			}
		}
		exit bad > 0
	}' "$2" "$1"
}
