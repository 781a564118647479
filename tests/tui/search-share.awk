# The matched share of a search, computed from a profile's folded form
# (`scorch --folded`), independently of scorch's search code: a sample
# counts once when any frame of its stack matches the POSIX ERE in the
# environment variable re, however deeply the matches nest (as
# flamegraph.pl counts). Prints "ALL ZOOM": the share of everything, and
# the share within the stacks of the heaviest root frame, formatted as
# the explorer formats shares ("41.2%", "0.71%", "100%").
function pct(part, whole,   x) {
	if (whole == 0)
		return "-"
	x = 100 * part / whole
	if (x == 100 || x == 0)
		return sprintf("%.0f%%", x)
	if (x >= 10 || x <= -10)
		return sprintf("%.1f%%", x)
	return sprintf("%.2f%%", x)
}
BEGIN { re = ENVIRON["re"] }
{
	i = match($0, / [^ ]+$/)
	if (!i)
		next
	v = substr($0, i + 1) + 0
	n = split(substr($0, 1, i - 1), f, ";")
	hit = 0
	for (k = 1; k <= n; k++)
		if (f[k] ~ re) {
			hit = 1
			break
		}
	total += v
	root[f[1]] += v
	if (hit) {
		matched += v
		rootm[f[1]] += v
	}
}
END {
	best = ""
	for (r in root)
		if (best == "" || root[r] > root[best])
			best = r
	print pct(matched, total), pct(rootm[best], root[best])
}
