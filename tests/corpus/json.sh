# Conformance over ../shared/corpus/json: Chrome/Node .cpuprofile,
# speedscope JSON and a DevTools trace. Every input file is covered.
# References come from the MANIFEST's own converter (sample counts for
# .cpuprofile, weights and event durations for speedscope).
. "$(dirname "$0")/lib.sh"
corpus_begin json
d=$corpus_dir

# .cpuprofile: one count per sample, (root) dropped, "(anonymous)" names
for c in chrome65-simple gen-node20-main node-hello-cjs; do
	check_folded "$c" "$d/$c.expected.folded" -- --folded "$d/$c.cpuprofile"
done
check_folded chrome65-sucrase "$d/chrome65-sucrase.expected.folded.zst" -- \
	--folded "$d/chrome65-sucrase.cpuprofile"
# the same profiles weighted by time (µs, gap to the next sample): the
# total is the sum of the deltas after the first, plus the last again
check_totals chrome65-simple/time "3 35488" -- \
	--folded --sample-type=time "$d/chrome65-simple.cpuprofile"

# speedscope: sampled, evented, several profiles merged into one type
for c in speedscope-0.0.1-simple-evented speedscope-0.1.2-sampled \
	speedscope-0.6.0-two-sampled pyroscope-two-sampled-bytes; do
	check_folded "$c" "$d/$c.expected.folded" -- --folded "$d/$c.speedscope.json"
done

# the invalid file: a frame opened and never closed. The MANIFEST's
# expectation (speedscope semantics): closed at endValue, "A 100", and
# scorch says so in a warning.
c=speedscope-invalid-incomplete-trace
printf 'A 100\n' >"$corpus_tmp/$c.expected"
check_folded "$c" "$corpus_tmp/$c.expected" -- --folded "$d/$c.json"
if "$SCORCH" --folded "$d/$c.json" 2>&1 >/dev/null |
	grep -q 'warning: 1 evented profile with unclosed frames (closed at endValue) in .*, first: profile "p1": 1 open'; then
	corpus_ok "$c/warning"
else
	corpus_bad "$c/warning" "no unclosed-frame warning on stderr"
fi

# a DevTools trace: the Profile/ProfileChunk events are read (MANIFEST
# totals: 1600 samples in the chunks of profile 0x2)
check_totals chrome116-trace-with-profile "7 1600" -- \
	--folded "$d/chrome116-trace-with-profile.json"
if "$SCORCH" --info "$d/chrome116-trace-with-profile.json" 2>/dev/null |
	grep -q '^format: cpuprofile$'; then
	corpus_ok chrome116-trace-with-profile/format
else
	corpus_bad chrome116-trace-with-profile/format "not detected as cpuprofile"
fi

corpus_end
