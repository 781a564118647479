# Totals of a fuzz campaign (tests/fuzz/campaign.sh) per target, for the
# note: CPU time (user + sys of every slice that finished), executions and
# the highest coverage (edges) any slice reached.
#   usage: totals.sh WORKDIR
# A slice killed before it ended (a session stopped) has no time line and
# does not count.
set -u
work=${1:?usage: totals.sh WORKDIR}
cd "$work/logs" || exit 1
printf '%-12s %10s %12s %9s\n' target cpu executions coverage
for log in *.txt; do
	echo "${log%-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9].txt}"
done | sort -u | while read -r t; do
	cpu=$(cat time-"$t"-* 2>/dev/null | awk 'NF == 2 { s += $1 + $2 } END { printf "%d", s }')
	runs=0 cov=0
	for f in "$t"-[0-9][0-9][0-9][0-9]-*.txt; do
		n=$(grep -ao 'Done [0-9]* runs' "$f" | tail -n 1 | tr -dc 0-9)
		[ -n "$n" ] || n=$(grep -aoE '^#[0-9]+' "$f" | tail -n 1 | tr -dc 0-9)
		runs=$((runs + ${n:-0}))
		c=$(grep -aoE 'cov: [0-9]+' "$f" | tail -n 1 | tr -dc 0-9)
		[ -n "$c" ] && [ "$c" -gt "$cov" ] && cov=$c
	done
	printf '%-12s %9ss %12s %9s\n' "$t" "$cpu" "$runs" "$cov"
done
