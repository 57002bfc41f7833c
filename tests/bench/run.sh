#!/bin/sh
# make bench: issue 8's five figures, measured side by side in one run on the release build
# (never in `make test`). Run from the repository root after `make BUILD=release all
# build/release/rngfloor`.
#
# Workload: tests/bench (36 months, 8 options: two UCaaS plans with allowances, two CPaaS plans,
# one with three graduated tiers and an api price, the four hybrids; growth with volatility and
# 5% spikes). "model" is what tests/bench/reference.py (vectorised numpy) computes too: every
# option's TCO distribution, p_cheapest and the month-by-month bands (`run --skip
# breakeven,compare`); the full run with break-even and pairwise comparisons is timed as well.
#
#   1. trial-months/s with --threads 2, against the numpy model            target >= 10x
#   2. --threads 2 over --threads 1                                         target >= 1.8x
#   3. ns per trial-month on one thread over the random-number bound        target <= 3x
#   4. peak RSS at 10,000,000 trials (--threads 2)                           target <= 64 MiB
#   5. output byte-identical for --threads 1, 2 and 7                       target: identical
#
# Environment: BENCH_TRIALS (1000000), BENCH_BIG_TRIALS (10000000), BENCH_NUMPY_TRIALS
# (1000000), PYTHON (/usr/bin/python3, Debian's, which has python3-numpy).
set -eu
TCOSIM=${TCOSIM:-./tcosim}
RNGFLOOR=${RNGFLOOR:-build/release/rngfloor}
PYTHON=${PYTHON:-/usr/bin/python3}
TRIALS=${BENCH_TRIALS:-1000000}
BIG=${BENCH_BIG_TRIALS:-10000000}
NP_TRIALS=${BENCH_NUMPY_TRIALS:-1000000}
MONTHS=36
SCN=tests/bench/bench-scenario.csv
PRICES=tests/bench/bench-prices.csv
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
[ -x /usr/bin/time ] || { echo "make bench: needs /usr/bin/time (apt-get install time)"; exit 1; }

# run NAME THREADS TRIALS [tcosim options...] -> prints "seconds kib", files in $out/NAME
run() {
    name=$1 threads=$2 trials=$3
    shift 3
    /usr/bin/time -f "%e %M" -o "$out/$name.time" "$TCOSIM" run --quiet --prices "$PRICES" \
        --trials "$trials" --threads "$threads" --out "$out/$name" "$@" "$SCN" >/dev/null
    cat "$out/$name.time"
}
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }

echo "make bench: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores"
echo "workload: $SCN x $PRICES: $MONTHS months, 8 options"

# The random-number bound, with the engine's generator (and the others, for the README).
"$RNGFLOOR" 20000000 2>/dev/null >"$out/floor"
sed -n 's/^floor /  rng floor /p' "$out/floor"
floor=$(awk '/^engine/ {print $3}' "$out/floor")

set -- $(run model1 1 "$TRIALS" --skip breakeven,compare); m1_s=$1
set -- $(run model2 2 "$TRIALS" --skip breakeven,compare); m2_s=$1
set -- $(run model7 7 "$TRIALS" --skip breakeven,compare)
set -- $(run full1 1 "$TRIALS"); f1_s=$1
set -- $(run full2 2 "$TRIALS"); f2_s=$1 f2_kib=$2
set -- $(run big2 2 "$BIG" --skip breakeven,compare); big_s=$1 big_kib=$2
tm=$((TRIALS * MONTHS))
m1_rate=$(calc "$tm / $m1_s"); m2_rate=$(calc "$tm / $m2_s")
m1_ns=$(calc "$m1_s * 1e9 / $tm")
printf '  tcosim model  %8s trials: 1 thread %6.2f s (%s ns/trial-month), 2 threads %6.2f s (%.1fM trial-months/s)\n' \
    "$TRIALS" "$m1_s" "$m1_ns" "$m2_s" "$(calc "$m2_rate / 1e6")"
printf '  tcosim full   %8s trials: 1 thread %6.2f s, 2 threads %6.2f s, %.1f MiB (with break-even and pairwise)\n' \
    "$TRIALS" "$f1_s" "$f2_s" "$(calc "$f2_kib / 1024")"
printf '  tcosim model %9s trials: 2 threads %6.2f s, %.1f MiB peak\n' "$BIG" "$big_s" "$(calc "$big_kib / 1024")"

# The numpy model, same workload; its own clock (simulation and percentiles, not imports).
if "$PYTHON" -c 'import numpy' 2>/dev/null; then
    /usr/bin/time -f "%e %M" -o "$out/np.time" "$PYTHON" tests/bench/reference.py \
        --trials "$NP_TRIALS" --out "$out/np" --se >"$out/np.txt"
    np_rate=$(sed -n 's/.* \([0-9.e+]*\) trial-months\/s.*/\1/p' "$out/np.txt")
    np_kib=$(awk '{print $2}' "$out/np.time")
    printf '  numpy model   %8s trials: %.1fM trial-months/s, %.1f MiB peak\n' "$NP_TRIALS" \
        "$(calc "$np_rate / 1e6")" "$(calc "$np_kib / 1024")"
    # the same model: summaries agree within their standard errors (and the sketch's 0.1%)
    if "$PYTHON" tests/bench/compare_reference.py "$out/np" "$out/model1" >"$out/agree.txt"; then
        echo "  numpy and tcosim agree: $(tail -1 "$out/agree.txt")"
    else
        cat "$out/agree.txt"
        echo "bench: FAIL: the numpy model and tcosim disagree"
        exit 1
    fi
else
    np_rate=""
    echo "  numpy model: $PYTHON has no numpy (apt-get install python3-numpy)"
fi

same=yes
for n in 2 7; do
    for f in summary monthly histogram; do
        cmp -s "$out/model1/$f.csv" "$out/model$n/$f.csv" || same=no
    done
done
for f in summary monthly histogram pairwise diff breakeven; do
    cmp -s "$out/full1/$f.csv" "$out/full2/$f.csv" || same=no
done
for f in summary monthly histogram; do
    cmp -s "$out/model1/$f.csv" "$out/full1/$f.csv" || same=no
done

fail=0
verdict() { # figure target ok
    if [ "$3" = 1 ]; then r=ok; else r=FAIL; fail=1; fi
    printf '  %-58s %-14s %s\n' "$1" "$2" "$r"
}
echo "figures:"
if [ -n "$np_rate" ]; then
    x=$(calc "$m2_rate / $np_rate")
    verdict "1. vs numpy, --threads 2: ${x}x" ">= 10x" "$(awk "BEGIN{print ($x >= 10)}")"
else
    verdict "1. vs numpy: not measured" ">= 10x" 0
fi
x=$(calc "$m1_s / $m2_s")
verdict "2. --threads 2 over 1: ${x}x" ">= 1.8x" "$(awk "BEGIN{print ($x >= 1.8)}")"
x=$(calc "$m1_ns / $floor")
verdict "3. ${m1_ns} ns/trial-month over the rng floor ${floor} ns: ${x}x" "<= 3x" \
    "$(awk "BEGIN{print ($x <= 3)}")"
x=$(calc "$big_kib / 1024")
verdict "4. peak RSS at $BIG trials: ${x} MiB" "<= 64 MiB" "$(awk "BEGIN{print ($x <= 64)}")"
verdict "5. output for threads 1, 2, 7: $([ $same = yes ] && echo identical || echo DIFFERENT)" \
    "identical" "$([ $same = yes ] && echo 1 || echo 0)"
[ $fail = 0 ] && echo "bench: ok" || { echo "bench: FAIL"; exit 1; }
