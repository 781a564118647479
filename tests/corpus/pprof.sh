# Conformance over shared/corpus/pprof (see its MANIFEST.md). Every input
# (*.pb, *.pb.gz, *.pb.zst) is checked against its oracles, produced by
# `go tool pprof -raw` (Go 1.19.8) and tools/pprof_raw_to_folded.py:
#   NAME.expected.folded[.zst]         default sample type (pprof's rule)
#   NAME.expected.TYPE.folded[.zst]    --sample-type=TYPE
#   NAME.expected.labels.folded        string labels as key=value roots,
#                                      through tests/formats/pprof/pprof-labels
#   NAME.pprof-top.txt                 "Type: X": the default sample type
# NAME.expected.stackcollapse-go.folded is not an oracle for scorch:
# stackcollapse-go.pl counts the first value column and drops inlined
# callers, which scorch (like pprof) keeps. An input with no expected
# folded output must have an expected error below.
. "$(dirname "$0")/lib.sh"

corpus_begin pprof
d=$corpus_dir
labels_tool=${TOP_BUILDDIR:+$TOP_BUILDDIR/tests/formats/pprof/pprof-labels}

# check_default_type NAME TOPFILE FILE: scorch --info marks as [shown] the
# type named on the "Type:" line of pprof -top.
check_default_type() {
	want=$(sed -n 's/^Type: //p' "$2")
	got=$("$SCORCH" --info "$3" 2>"$corpus_tmp/err" |
		sed -n 's/^sample type: \([^ ]*\) .*\[shown\]$/\1/p')
	if [ -n "$want" ] && [ "$got" = "$want" ]; then
		corpus_ok "$1"
	else
		corpus_bad "$1" "default sample type '$got', pprof shows '$want'"
	fi
}

# Labels output of pprof-labels, folded_normalize'd, to stdout.
labels_folded() {
	"$labels_tool" "$@" 2>"$corpus_tmp/err" | folded_normalize
}

# check_labels NAME EXPECTED FILE
check_labels() {
	labels_folded "$3" >"$corpus_tmp/got"
	corpus_cat "$2" | folded_normalize >"$corpus_tmp/want"
	if ! [ -s "$corpus_tmp/got" ]; then
		corpus_bad "$1" "no output: $(head -c 300 "$corpus_tmp/err")"
	elif cmp -s "$corpus_tmp/got" "$corpus_tmp/want"; then
		corpus_ok "$1"
	else
		corpus_bad "$1" "differs from $(basename "$2")"
		diff "$corpus_tmp/want" "$corpus_tmp/got" | head -n 6 | sed 's/^/    /'
	fi
}

# pyroscope-go-span-id: the oracle reads labels back from `pprof -raw`
# text, where the string label span_id "239" prints as span_id:[239], like
# a numeric label, so the oracle drops it. scorch keeps it as the string
# it is: compare without it, then check the span_id samples against -raw.
check_span_id_labels() {
	labels_folded "$3" >"$corpus_tmp/all"
	sed 's/span_id=[^;]*;//' "$corpus_tmp/all" | folded_normalize >"$corpus_tmp/got"
	corpus_cat "$2" | folded_normalize >"$corpus_tmp/want"
	want=$(awk '/^ +[0-9]+ +[0-9]+: /{v=$2; sub(/:$/, "", v); next}
		/span_id:\[239\]/{t += v} END{print t + 0}' "$d/pyroscope-go-span-id.pprof-raw.txt")
	got=$(awk '/(^|;)span_id=239;/{t += $NF} END{print t + 0}' "$corpus_tmp/all")
	if ! cmp -s "$corpus_tmp/got" "$corpus_tmp/want"; then
		corpus_bad "$1" "differs from $(basename "$2") (span_id aside)"
	elif [ "$got" != "$want" ] || [ "$want" = 0 ]; then
		corpus_bad "$1" "span_id=239 carries $got, pprof -raw says $want"
	else
		corpus_ok "$1"
	fi
}

# check_numeric_labels NAME FILE RAW: the numeric label "bytes" of Go heap
# profiles, sample by sample, against the values `pprof -raw` lists.
check_numeric_labels() {
	"$labels_tool" --num --sample-type=alloc_objects "$2" 2>"$corpus_tmp/err" |
		sed -n 's/^bytes=\([0-9]*\);.*/\1/p' | sort -n >"$corpus_tmp/got"
	corpus_cat "$3" | sed -n 's/^ *bytes:\[\([0-9]*\)\]$/\1/p' | sort -n >"$corpus_tmp/want"
	if [ -s "$corpus_tmp/want" ] && cmp -s "$corpus_tmp/got" "$corpus_tmp/want"; then
		corpus_ok "$1"
	else
		corpus_bad "$1" "numeric labels: $(wc -l <"$corpus_tmp/got") values, pprof -raw has $(wc -l <"$corpus_tmp/want")"
	fi
}

for pp_in in "$d"/*.pb "$d"/*.pb.gz "$d"/*.pb.zst; do
	[ -e "$pp_in" ] || continue
	pp_base=$(basename "$pp_in")
	pp_case=${pp_base%.zst}
	pp_case=${pp_case%.gz}
	pp_case=${pp_case%.pb}
	covered=0

	for pp_exp in "$d/$pp_case.expected.folded" "$d/$pp_case.expected.folded.zst"; do
		[ -e "$pp_exp" ] || continue
		check_folded "$pp_case" "$pp_exp" -- --folded "$pp_in"
		covered=1
	done
	if [ -e "$d/$pp_case.pprof-top.txt" ] && [ $covered = 1 ]; then
		check_default_type "$pp_case[default type]" "$d/$pp_case.pprof-top.txt" "$pp_in"
	fi
	for pp_exp in "$d/$pp_case".expected.*.folded "$d/$pp_case".expected.*.folded.zst; do
		[ -e "$pp_exp" ] || continue
		pp_type=${pp_exp#"$d/$pp_case.expected."}
		pp_type=${pp_type%.zst}
		pp_type=${pp_type%.folded}
		case $pp_type in
		stackcollapse-go)
			;;
		labels)
			if [ -z "$labels_tool" ] || ! [ -x "$labels_tool" ]; then
				echo "skip $corpus_category/$pp_case[labels]: no pprof-labels helper (run through make check)"
			elif [ "$pp_case" = pyroscope-go-span-id ]; then
				check_span_id_labels "$pp_case[labels]" "$pp_exp" "$pp_in"
			else
				check_labels "$pp_case[labels]" "$pp_exp" "$pp_in"
			fi
			;;
		*)
			check_folded "$pp_case[$pp_type]" "$pp_exp" -- --folded --sample-type="$pp_type" "$pp_in"
			;;
		esac
	done

	case $pp_case in
	gen-go-heap)
		if [ -n "$labels_tool" ] && [ -x "$labels_tool" ]; then
			check_numeric_labels "$pp_case[numeric labels]" "$pp_in" "$d/$pp_case.pprof-raw.txt"
		fi
		;;
	pyroscope-dotnet-malformed-func-id0)
		# go tool pprof rejects it: "found function with reserved ID=0"
		check_error "$pp_case" 2 "^scorch: .*$pp_base: pprof: malformed profile: function with reserved id 0$" -- --folded "$pp_in"
		covered=1
		;;
	esac
	[ $covered = 1 ] || corpus_bad "$pp_case" "no check covers this input"
done

corpus_end
