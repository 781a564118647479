# Conformance over ../shared/corpus/folded.
#  1. Every input opens (or fails with the documented error) and its unique
#     stacks and total match the MANIFEST's "Expected totals" (flamegraph.pl's
#     line regex), except where folded.md deliberately differs: those cases
#     are listed below with the rule, and their numbers are computed here
#     by an independent awk reading of the rules.
#  2. Round trip: `scorch --folded --annotate` equals that awk
#     normalisation of the input (sorted, summed, empty frames dropped).
. "$(dirname "$0")/lib.sh"
corpus_begin folded

# Files where folded.md's rules differ from flamegraph.pl's regex:
#  - a line that is only a count (" 123") is malformed, not an empty stack;
#  - an empty frame (trailing ';') is dropped, so its stack merges.
deviates() {
	case $1 in
	flamelens-invalid-lines.txt|flameshow-pyspy-dump.txt|inferno-unsorted-part1.txt) return 0 ;;
	esac
	return 1
}

manifest=$corpus_dir/MANIFEST.md
# "| `FILE` | ... | N unique stacks, sum of last column X (regex" -> FILE N X
sed -n 's/^| `\([^`]*\)` |.*| \([0-9,]*\) unique stacks, sum of last column \([0-9.,]*\) (regex.*/\1 \2 \3/p' "$manifest" |
	tr -d , >"$corpus_tmp/totals"
[ -s "$corpus_tmp/totals" ] || { echo "could not read totals from $manifest"; exit 99; }

for path in "$corpus_dir"/*; do
	f=$(basename "$path")
	case $f in MANIFEST.md) continue ;; esac
	line=$(grep -F "$f " "$corpus_tmp/totals" | head -n 1)
	[ -n "$line" ] || { corpus_bad "$f" "not listed in MANIFEST.md"; continue; }
	set -- $line
	stacks=$2 total=$3
	case $f in
	*utf16*)
		check_error "$f" 2 "UTF-16 text; convert to UTF-8" -- --folded "$path"
		continue ;;
	esac
	if [ "$stacks" = 0 ]; then
		check_error "$f" 2 "$f: empty input" -- --folded "$path"
		continue
	fi
	corpus_cat "$path" | folded_normalize >"$corpus_tmp/norm"
	indep=$(folded_totals <"$corpus_tmp/norm")
	if deviates "$f"; then
		want=$indep
		echo "note $f: folded.md rules give '$want' where flamegraph.pl gives '$stacks $total'"
	else
		want=$(echo "$stacks $total" | awk '{ if ($2 == int($2)) printf "%d %.0f\n", $1, $2; else printf "%d %.3f\n", $1, $2 }')
		[ "$want" = "$indep" ] || echo "note $f: awk reading '$indep' differs from MANIFEST '$want'"
	fi
	check_totals "$f" "$want" -- --folded "$path"
	check_folded "$f (round trip)" "$corpus_tmp/norm" -- --folded --annotate "$path"
done
corpus_end
