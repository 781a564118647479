# The on-CPU/off-CPU split of hot/cold frames on a screen, checked
# against the profile, never against scorch's own view: in each frame's
# span the first round(cells * on / wall) cells are warm (h) and the
# rest cool (o); the on-CPU view is all warm, the off-CPU view all cool.
# Files: the two-count folded form as "STACK<TAB>ON<TAB>OFF" lines; the
# screen as role letters, a line per screen line; the screen's text.
# Variables: view (both, on or off), rows (graph rows under the title
# line), min (the fewest frames that must be checked). A frame is
# checked when its name is unique at its depth; its span ends where the
# next name starts or where h and o stop. Names must be ASCII. Prints
# every mismatch and exits 1 on any.

# the stacks: on and off summed per node (a root-first prefix)
FILENAME == ARGV[1] {
	split($0, f, "\t")
	n = split(f[1], fr, ";")
	key = ""
	for (i = 1; i <= n; i++) {
		key = key (i > 1 ? ";" : "") fr[i]
		if (!(key in on)) {
			cnt[i, fr[i]]++
			node[i, fr[i]] = key
		}
		on[key] += f[2]
		off[key] += f[3]
	}
	next
}
FILENAME == ARGV[2] { roles[FNR] = $0; next }
FNR >= 2 && FNR <= rows + 1 {
	line = $0; r = roles[FNR]; depth = FNR - 2
	# token starts (cells) and texts
	n = 0
	for (i = 1; i <= length(line); i++) {
		ch = substr(line, i, 1)
		if (ch != " " && (i == 1 || substr(line, i - 1, 1) == " ")) {
			n++; st[n] = i; tx[n] = ""
		}
		if (ch != " ") tx[n] = tx[n] ch
	}
	for (j = 1; j <= n; j++) {
		k = depth SUBSEP tx[j]
		if (!(k in cnt) || cnt[k] > 1) continue
		key = node[k]
		end = j < n ? st[j + 1] : length(r) + 1
		for (x = st[j]; x < end; x++) {
			c = substr(r, x, 1)
			if (c != "h" && c != "o") break
		}
		w = x - st[j]
		wall = on[key] + off[key]
		if (view == "on") want = w
		else if (view == "off") want = 0
		else { want = int(w * on[key] / wall + 0.5); if (on[key] >= wall) want = w }
		got = 0
		for (x = st[j]; x < st[j] + w && substr(r, x, 1) == "h"; x++) got++
		for (; x < st[j] + w; x++) if (substr(r, x, 1) != "o") got = -1
		checked++
		if (got != want) {
			printf "depth %d %s: %d of %d cells on-CPU, expected %d (on %s, off %s)\n",
				depth, tx[j], got, w, want, on[key], off[key]
			bad++
		}
	}
}
END {
	if (checked < min) { print "only " checked + 0 " frames checked"; bad++ }
	exit bad > 0
}
