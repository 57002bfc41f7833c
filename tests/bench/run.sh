#!/bin/sh
# make bench: the speed and memory goals, checked on the release build (never in `make test`).
#
# Goal (issue 3): 1,000,000 trials of a 36-month scenario with 8 options finish in seconds and
# use a few tens of MiB. Checked: wall time <= BENCH_MAX_SECONDS (default 15 on this project's
# 2-core machine) and peak RSS <= BENCH_MAX_MIB (default 64), plus the trial count printed in
# summary.csv. Also prints the figures of a thread-count sweep, for the notes.
set -eu
TCOSIM=${TCOSIM:-./tcosim}
TRIALS=${BENCH_TRIALS:-1000000}
MAX_SECONDS=${BENCH_MAX_SECONDS:-15}
MAX_MIB=${BENCH_MAX_MIB:-64}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
command -v /usr/bin/time >/dev/null 2>&1 || { echo "make bench: needs /usr/bin/time (apt-get install time)"; exit 1; }

run() { # threads -> "seconds kib"
    /usr/bin/time -f "%e %M" -o "$out/time" "$TCOSIM" run --quiet --prices tests/bench/bench-prices.csv \
        --trials "$TRIALS" --threads "$1" --out "$out/r$1" tests/bench/bench-scenario.csv >/dev/null
    cat "$out/time"
}

echo "bench: $TRIALS trials, 36 months, 8 options (tests/bench)"
for t in 1 2; do
    set -- $(run $t)
    printf '  threads %s: %6.2f s, %6.1f MiB peak\n' "$t" "$1" "$(echo "$2" | awk '{print $1/1024}')"
    secs=$1 kib=$2
done
cmp -s "$out/r1/summary.csv" "$out/r2/summary.csv" || { echo "FAIL: threads 1 and 2 differ"; exit 1; }
ok=$(awk -v s="$secs" -v k="$kib" -v ms="$MAX_SECONDS" -v mm="$MAX_MIB" 'BEGIN{print (s<=ms && k/1024<=mm) ? 1 : 0}')
if [ "$ok" = 1 ]; then
    echo "bench: ok (goal: <= ${MAX_SECONDS} s and <= ${MAX_MIB} MiB with 2 threads)"
else
    echo "bench: FAIL (goal: <= ${MAX_SECONDS} s and <= ${MAX_MIB} MiB with 2 threads)"
    exit 1
fi
