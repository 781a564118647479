#!/bin/sh
# Conformance of the perf script reader over ../shared/corpus/perf-script.
# The references are FlameGraph stackcollapse-perf.pl outputs (see the
# MANIFEST). Compared semantically: the reference writes the kind of a
# "->" inline-chain element into its name ("foo_[i]"), scorch keeps it as
# a frame kind (printed by --annotate), so _[i] is dropped from both
# sides of the plain comparisons. Where scorch deliberately differs from
# the reference, the check says why and asserts scorch's answer.
. "$(dirname "$0")/lib.sh"

corpus_begin perf-script
d=$corpus_dir

# check_sed NAME EXPECTED OUR_SED WANT_SED -- SCORCH ARGS...
# Like check_folded, with a sed -E script applied to scorch's output and
# another to the reference before both are normalised.
check_sed() {
	name=$1 expected=$2 osed=$3 esed=$4
	shift 5
	corpus_run "$name" "$@" || return
	sed -E "$osed" "$corpus_tmp/out" | folded_normalize >"$corpus_tmp/got"
	corpus_cat "$expected" | sed -E "$esed" | folded_normalize >"$corpus_tmp/want"
	corpus_compare "$name" "$expected"
}

noi='s/_\[i\]//g'
# The reference marks [vdso] frames as kernel; scorch keeps them user
# space (perf-script.md, "Kinds for colouring").
vdso='s/(\[\[vdso\]\]|__vdso_[A-Za-z0-9_]*)_\[k\]/\1/g'
# perf printed an empty symbol for three libc addresses ("7f1e2215d058
# (/lib/.../libc-2.15.so)"); the reference makes a blank frame of it,
# scorch names it like any unknown symbol of that dso.
blank_libc='s/; ( [0-9]+)$/;[libc-2.15.so]\1/'

for in in "$d"/*.txt "$d"/*.txt.gz "$d"/*.txt.zst; do
	[ -e "$in" ] || continue
	f=$(basename "$in")
	case=${f%.gz}; case=${case%.zst}; case=${case%.txt}
	ref=$d/$case.expected.folded
	[ -e "$ref" ] || ref=$ref.zst
	extra=
	[ "$case" = fg-perf-vertx-stacks-01 ] && extra=$blank_libc

	case $case in
	inferno-no-events)
		# a 0-byte file
		check_error "$f" 2 'empty input' -- --folded "$in"
		continue ;;
	gen-cpuwork-fp.no-comm)
		# -F ip,sym: no event lines at all. The reference yields
		# nothing; scorch reads each block of frames as one sample
		# (no process root). Same samples as gen-cpuwork-fp.tid-fields,
		# whose reference without its root frame, and with "[dso]"
		# names turned back into [unknown] (this layout prints no dso),
		# is the right answer.
		check_sed "$f" "$d/gen-cpuwork-fp.tid-fields.expected.folded" \
			'' 's/^[^;]*;//; s/\[[^];]*\]/[unknown]/g' -- --folded "$in"
		check_totals "$f (weight)" "45 591" -- --folded "$in"
		continue ;;
	gen-cppwork)
		# stackcollapse-perf.pl drops every frame whose symbol starts
		# with "(" (meant for old "(comm)" lines), losing
		# "(anonymous namespace)::map_churn". scorch keeps it: without
		# those frames its output is the reference exactly.
		check_sed "$f" "$ref" 's/;\(anonymous namespace\)[^; ]*//g' "$noi" \
			-- --folded "$in"
		if "$SCORCH" --folded "$in" | grep -q ';(anonymous namespace)::map_churn'; then
			corpus_ok "$f (anonymous namespace kept)"
		else
			corpus_bad "$f (anonymous namespace kept)" "map_churn frames missing"
		fi
		continue ;;
	esac

	check_sed "$f" "$ref" "$noi" "$noi; $extra" -- --folded "$in"

	# FlameGraph's own option variants
	for v in pid tid; do
		[ -e "$d/$case.expected.$v.folded" ] || continue
		check_sed "$f --group=$v" "$d/$case.expected.$v.folded" "$noi" \
			"$noi; $extra" -- --folded --group=$v "$in"
	done
	r=$d/$case.expected.all.folded
	[ -e "$r" ] || r=$r.zst
	if [ -e "$r" ]; then
		check_sed "$f --annotate (all)" "$r" '' "$vdso; $extra" \
			-- --folded --annotate "$in"
	fi
	if [ -e "$d/$case.expected.kernel.folded" ]; then
		check_sed "$f --annotate (kernel)" "$d/$case.expected.kernel.folded" \
			's/_\[j\]//g' "$vdso; $extra" -- --folded --annotate "$in"
	fi
	if [ -e "$d/$case.expected.jit.folded" ]; then
		check_sed "$f --annotate (jit)" "$d/$case.expected.jit.folded" \
			's/_\[k\]//g' "$extra" -- --folded --annotate "$in"
	fi
	if [ -e "$d/$case.expected.addrs.folded" ]; then
		# --addrs adds raw addresses to unknown frames: "[unknown <a>]"
		check_sed "$f (addrs)" "$d/$case.expected.addrs.folded" "$noi" \
			"s/ <[0-9a-f]+>\]/]/g; $noi; $extra" -- --folded "$in"
	fi
	if [ -e "$d/$case.expected.inferno.folded" ]; then
		# inferno's own results: same totals (names differ: demangling)
		want=$(folded_normalize <"$d/$case.expected.inferno.folded" | folded_totals)
		check_totals "$f (inferno totals)" "$want" -- --folded "$in"
	fi
done

# Several events: each is its own sample type, the first one seen is the
# default (the reference keeps only that one), --event shows another.
c=$d/fg-perf-cycles-instructions-01.txt
check_totals "fg-perf-cycles-instructions-01 --event=cycles" "8 111" \
	-- --folded --event=cycles "$c"
check_totals "fg-perf-cycles-instructions-01 --event=instructions" "6 333" \
	-- --folded --event=instructions "$c"
# --weight=samples counts samples instead of the period
check_totals "gen-cpuwork-fp --weight=samples" "45 591" \
	-- --folded --weight=samples "$d/gen-cpuwork-fp.txt"
check_totals "gen-cpuwork-fp --group=none" "45 1184368728" \
	-- --folded --group=none "$d/gen-cpuwork-fp.txt"
# malformed records are skipped, counted and located
check_error "inferno-empty-line (warning)" 0 \
	'warning: 1 line skipped \(frame line outside a sample\), first at .*inferno-empty-line.txt:6:' \
	-- --folded "$d/inferno-empty-line.txt"
check_error "flamescope-perf.test01 (warning)" 0 \
	'warning: 1 line skipped \(bad frame line\), first at .*:122:' \
	-- --folded "$d/flamescope-perf.test01.txt"

corpus_end
