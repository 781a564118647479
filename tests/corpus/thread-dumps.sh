# Conformance over ../shared/corpus/thread-dumps: gdb, eu-stack, Go
# goroutine dumps and Java thread dumps, all auto-detected. Every input
# file is covered.
#
# Where the MANIFEST's reference collapser is right, the folded output
# must equal it. Where it is wrong (stackcollapse-jstack keeps only
# RUNNABLE threads and roots them by thread name; stackcollapse-gdb splits
# C++ names at spaces; stackcollapse-elfutils reads eu-stack -q -a frames
# as "- 1"), the right answer is derived here from the dump text by an
# independent awk script (one sample per thread with frames, leaf-first
# frames reversed, names up to the argument list) and must match exactly.
# Thread counts and state counts in --info are checked against grep.
. "$(dirname "$0")/lib.sh"
corpus_begin thread-dumps
d=$corpus_dir

# check_info NAME FILE LINE... : every LINE appears in `scorch --info FILE`.
check_info() {
	name=$1 file=$2
	shift 2
	corpus_run "$name" --info "$file" || return
	for want in "$@"; do
		if ! grep -Fxq -- "$want" "$corpus_tmp/out"; then
			corpus_bad "$name" "--info lacks '$want'"
			sed 's/^/    /' "$corpus_tmp/out" | head -n 20
			return
		fi
	done
	corpus_ok "$name"
}

# check_contains NAME SUBSET_FILE -- SCORCH ARGS... : every stack of the
# (normalised) subset appears in scorch's output with at least its count.
check_contains() {
	name=$1 subset=$2
	shift 3
	corpus_run "$name" "$@" || return
	folded_normalize <"$corpus_tmp/out" >"$corpus_tmp/got"
	folded_normalize <"$subset" >"$corpus_tmp/want"
	missing=$(awk 'NR == FNR { n = match($0, / [0-9]+$/); got[substr($0, 1, n - 1)] = substr($0, n + 1); next }
		{ n = match($0, / [0-9]+$/); s = substr($0, 1, n - 1)
		  if (!(s in got) || got[s] + 0 < substr($0, n + 1) + 0) print s }' \
		"$corpus_tmp/got" "$corpus_tmp/want" | head -n 3)
	if [ -z "$missing" ]; then
		corpus_ok "$name"
	else
		corpus_bad "$name" "stacks missing from the output: $(echo "$missing" | cut -c1-200)"
	fi
}

# Prints "state: NAME COUNT" lines, most frequent first, from NAME lines.
state_lines() {
	sort | uniq -c | awk '{ c = $1; sub(/^ *[0-9]+ /, ""); print "state: " $0 " " c }'
}

# --- gdb ------------------------------------------------------------------
for f in gdb-blockers-bt gdb-blockers-bt-ascending gdb-cpuwork-deep-bt; do
	check_folded "$f" "$d/$f.expected.folded" -- --folded "$d/$f.txt"
	check_info "$f (threads)" "$d/$f.txt" "format: gdb" \
		"threads: $(grep -c '^Thread [0-9.]* (.*):$' "$d/$f.txt")"
done

# stackcollapse-gdb.pl splits "std::basic_string<char, ...>" at spaces; the
# right names keep them (and `(anonymous namespace)::`, and the parameter
# list of a frame without debug info).
cat >"$corpus_tmp/cppwork.folded" <<'EOF'
main;(anonymous namespace)::map_churn;std::operator+<char, std::char_traits<char>, std::allocator<char> >;std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >::insert;std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >::replace;std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >::_M_replace(unsigned long, unsigned long, char const*, unsigned long);__memcpy_avx512_unaligned_erms 1
EOF
check_folded gdb-cppwork-bt "$corpus_tmp/cppwork.folded" -- --folded "$d/gdb-cppwork-bt.txt"
check_totals "gdb-cppwork-bt (reference totals)" \
	"$(folded_normalize <"$d/gdb-cppwork-bt.expected.folded" | folded_totals)" \
	-- --folded "$d/gdb-cppwork-bt.txt"

# --- eu-stack ---------------------------------------------------------------
for f in eu-stack-blockers eu-stack-core-blockers eu-stack-cpuwork-deep; do
	check_folded "$f" "$d/$f.expected.folded" -- --folded "$d/$f.txt"
	check_info "$f (threads)" "$d/$f.txt" "format: eu-stack" \
		"threads: $(grep -c '^TID [0-9]*:$' "$d/$f.txt")"
done

# -q: no symbols. The reference reads the -a marker " - 1" as every frame;
# the right frames are the addresses, one stack per TID block.
f=eu-stack-blockers-q-a-b
awk '
function flush() { if (st != "") print st " 1"; st = "" }
/^TID [0-9]+:$/ || /^PID / { flush(); next }
/^#[0-9]+ +0x[0-9a-f]+/ {
	a = $2; sub(/^0x0*/, "", a); if (a == "") a = "0"
	st = st == "" ? "0x" a : "0x" a ";" st
}
END { flush() }' "$d/$f.txt" >"$corpus_tmp/$f.folded"
check_folded "$f" "$corpus_tmp/$f.folded" -- --folded "$d/$f.txt"
check_totals "$f (reference total)" \
	"$(folded_normalize <"$corpus_tmp/$f.folded" | folded_totals | cut -d' ' -f1) $(awk '{ t += $NF } END { print t }' "$d/$f.expected.folded")" \
	-- --folded "$d/$f.txt"
check_info "$f (threads)" "$d/$f.txt" "format: eu-stack" \
	"threads: $(grep -c '^TID [0-9]*:$' "$d/$f.txt")"

# --- Go goroutine dumps (no reference collapser) ----------------------------
# One goroutine = one sample: its function lines (not "created by", not the
# TAB-indented file lines), names before the last "(", reversed.
go_folded() {
	awk '
	function flush() { if (st != "") print st " 1"; st = ""; ing = 0 }
	/^goroutine [0-9]+ .*\]:$/ { flush(); ing = 1; next }
	!ing { next }
	/^$/ { flush(); next }
	/^[\t ]/ || /^created by / || /^\.\.\./ { next }
	/\)$/ { n = $0; sub(/\([^(]*$/, "", n); st = st == "" ? n : n ";" st; next }
	{ flush() }
	END { flush() }' "$1"
}
for f in go-goroutine-debug2 go-panic-gotraceback-all go-panic-gotraceback-single \
    go-panic-gotraceback-system go-sigquit-gotraceback-system go-sigquit; do
	go_folded "$d/$f.txt" >"$corpus_tmp/$f.folded"
	check_folded "$f" "$corpus_tmp/$f.folded" -- --folded "$d/$f.txt"
	# shellcheck disable=SC2046
	set -- "format: goroutines" "threads: $(grep -c '^goroutine [0-9]* .*\]:$' "$d/$f.txt")"
	while IFS= read -r l; do set -- "$@" "$l"; done <<EOF
$(sed -n 's/^goroutine [0-9]* \[\([^],]*\).*\]:$/\1/p' "$d/$f.txt" | state_lines)
EOF
	check_info "$f (goroutines, states)" "$d/$f.txt" "$@"
done

# --- Java thread dumps --------------------------------------------------------
# Every thread with "at" frames, whatever its state; the deadlock report
# repeats stacks already printed and is not counted.
java_folded() {
	awk '
	function flush() { if (st != "") print st " 1"; st = "" }
	/^Found one Java-level deadlock/ || /^Found [0-9]+ deadlock/ { flush(); dl = 1; next }
	/^Full thread dump/ { flush(); dl = 0; next }
	dl { next }
	/^"/ && /tid=0x/ { flush(); next }
	/^\tat / { n = substr($0, 5); sub(/\([^(]*$/, "", n); st = st == "" ? n : n ";" st }
	END { flush() }' "$1"
}
for f in jstack-blockers jstack-l-blockers jcmd-thread-print-blockers; do
	java_folded "$d/$f.txt" >"$corpus_tmp/$f.folded"
	check_folded "$f" "$corpus_tmp/$f.folded" -- --folded "$d/$f.txt"
	# the reference's RUNNABLE threads, without its thread-name root and
	# without threads that have no frames, are among ours
	awk '{ n = index($0, ";"); if (n) print substr($0, n + 1) }' \
		"$d/$f.expected.folded" >"$corpus_tmp/$f.runnable"
	check_contains "$f (reference RUNNABLE stacks)" "$corpus_tmp/$f.runnable" \
		-- --folded "$d/$f.txt"
	set -- "format: jstack" "threads: $(grep -c '^".*tid=0x' "$d/$f.txt")"
	while IFS= read -r l; do set -- "$@" "$l"; done <<EOF
$(sed -n 's/^   java\.lang\.Thread\.State: \([A-Z_]*\).*/\1/p' "$d/$f.txt" | state_lines)
EOF
	check_info "$f (threads, states)" "$d/$f.txt" "$@" "deadlock: 1 report"
done

corpus_end
