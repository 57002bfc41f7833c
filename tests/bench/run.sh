#!/bin/sh
# make bench: issue 19's figures, measured side by side in one run on the release build (never
# in `make test`), each printed beside its target. Run from the repository root after
# `make BUILD=release all build/release/rngfloor`.
#
# Workload: tests/bench (36 months, 8 options: two UCaaS plans with allowances, two CPaaS plans,
# one with three graduated tiers and an api price, the four hybrids; growth with volatility and
# 5% spikes). "model" is what tests/bench/reference.py (vectorised numpy) computes too: every
# option's TCO distribution, p_cheapest and the month-by-month bands (`run --skip
# breakeven,compare,sensitivity`); the full run with break-even, pairwise comparisons and the
# sensitivity of SPEC §10 is timed as well.
#
#   1. model trial-months/s on 2 threads over numpy's (1 and 2 threads shown)   target >= 25x
#   2. --threads 2 over --threads 1                                            target >= 1.8x
#   3. ns per trial-month on one thread (beside the random-number floor)       target <= 50 ns
#   4. time to the same standard error of the mean TCO difference of the leader and runner_up
#      (SPEC §10), tcosim --antithetic (2 threads, with the pairwise comparison: --skip
#      breakeven) against numpy plain: (t_numpy se_numpy^2) / (t_tcosim se_tcosim^2), the
#      time each would need for one and the same se (time grows as 1/se^2)  target >= 100x
#   5. peak RSS at 10,000,000 trials (--threads 2)                             target <= 64 MiB
#   6. output byte-identical for --threads 1, 2 and 7 (plain and antithetic)  target: identical
#   7. the sensitivity observer (SPEC §10) on the model run, 1 thread: its time over the model
#      run's without it                                                       target <= 1.15x
#
# Environment: BENCH_TRIALS (1000000), BENCH_BIG_TRIALS (10000000), BENCH_NUMPY_TRIALS
# (1000000), PYTHON (/usr/bin/python3, Debian's, which has python3-numpy). A short check of
# the script itself: BENCH_TRIALS=100000 BENCH_BIG_TRIALS=200000 BENCH_NUMPY_TRIALS=100000 (the
# figures are then dominated by start-up and mean little).
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

M="--skip breakeven,compare,sensitivity"
# shellcheck disable=SC2086 # $M is two words
set -- $(run model1 1 "$TRIALS" $M); m1_s=$1
# shellcheck disable=SC2086
set -- $(run model2 2 "$TRIALS" $M); m2_s=$1
# shellcheck disable=SC2086
set -- $(run model7 7 "$TRIALS" $M)
set -- $(run sens1 1 "$TRIALS" --skip breakeven,compare); s1_s=$1
set -- $(run full1 1 "$TRIALS"); f1_s=$1
set -- $(run full2 2 "$TRIALS"); f2_s=$1 f2_kib=$2
set -- $(run anti2 2 "$TRIALS" --skip breakeven --antithetic); a2_s=$1
set -- $(run anti7 7 "$TRIALS" --skip breakeven --antithetic)
# shellcheck disable=SC2086
set -- $(run big2 2 "$BIG" $M); big_s=$1 big_kib=$2
tm=$((TRIALS * MONTHS))
m1_rate=$(calc "$tm / $m1_s"); m2_rate=$(calc "$tm / $m2_s")
m1_ns=$(calc "$m1_s * 1e9 / $tm")
printf '  tcosim model  %8s trials: 1 thread %6.2f s (%s ns/trial-month), 2 threads %6.2f s (%.1fM trial-months/s)\n' \
    "$TRIALS" "$m1_s" "$m1_ns" "$m2_s" "$(calc "$m2_rate / 1e6")"
printf '  tcosim full   %8s trials: 1 thread %6.2f s, 2 threads %6.2f s, %.1f MiB (with break-even and pairwise)\n' \
    "$TRIALS" "$f1_s" "$f2_s" "$(calc "$f2_kib / 1024")"
printf '  tcosim model %9s trials: 2 threads %6.2f s, %.1f MiB peak\n' "$BIG" "$big_s" "$(calc "$big_kib / 1024")"
set -- $("$PYTHON" tests/bench/leading_se.py "$out/anti2"); a_se=$3
printf '  tcosim --antithetic %s trials, 2 threads, with pairwise: %6.2f s; %s - %s: se %s\n' \
    "$TRIALS" "$a2_s" "$2" "$1" "$a_se"

# The numpy model, same workload; its own clock (simulation and percentiles, not imports).
if "$PYTHON" -c 'import numpy' 2>/dev/null; then
    /usr/bin/time -f "%e %M" -o "$out/np.time" "$PYTHON" tests/bench/reference.py \
        --trials "$NP_TRIALS" --out "$out/np" --se >"$out/np.txt"
    np_rate=$(sed -n 's/.* \([0-9.e+]*\) trial-months\/s.*/\1/p' "$out/np.txt")
    np_s=$(sed -n 's/.*options, \([0-9.]*\) s,.*/\1/p' "$out/np.txt")
    np_se=$(sed -n 's/.*, se \([0-9.e+-]*\)$/\1/p' "$out/np.txt")
    np_pair=$(sed -n 's/.*leader \(.*\), runner_up \(.*\), mean.*/\2 - \1/p' "$out/np.txt")
    np_kib=$(awk '{print $2}' "$out/np.time")
    printf '  numpy model   %8s trials: %.1fM trial-months/s, %.1f MiB peak; %s: se %s in %s s\n' \
        "$NP_TRIALS" "$(calc "$np_rate / 1e6")" "$(calc "$np_kib / 1024")" "$np_pair" "$np_se" "$np_s"
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
for f in summary monthly histogram pairwise diff breakeven sensitivity; do
    cmp -s "$out/full1/$f.csv" "$out/full2/$f.csv" || same=no
done
for f in summary monthly histogram pairwise; do
    cmp -s "$out/anti2/$f.csv" "$out/anti7/$f.csv" || same=no
done
for f in summary monthly histogram; do
    cmp -s "$out/model1/$f.csv" "$out/full1/$f.csv" || same=no
    cmp -s "$out/model1/$f.csv" "$out/sens1/$f.csv" || same=no
done
cmp -s "$out/sens1/sensitivity.csv" "$out/full1/sensitivity.csv" || same=no

fail=0
verdict() { # figure target ok
    if [ "$3" = 1 ]; then r=ok; else r=FAIL; fail=1; fi
    printf '  %-58s %-14s %s\n' "$1" "$2" "$r"
}
echo "figures:"
m1_x=""
if [ -n "$np_rate" ]; then
    x=$(calc "$m2_rate / $np_rate")
    m1_x=$(calc "$m1_rate / $np_rate")
    verdict "1. vs numpy, --threads 2: ${x}x (1 thread: ${m1_x}x)" ">= 25x" "$(awk "BEGIN{print ($x >= 25)}")"
else
    verdict "1. vs numpy: not measured" ">= 25x" 0
fi
x=$(calc "$m1_s / $m2_s")
verdict "2. --threads 2 over 1: ${x}x" ">= 1.8x" "$(awk "BEGIN{print ($x >= 1.8)}")"
x=$(calc "$m1_ns / $floor")
verdict "3. ${m1_ns} ns/trial-month, 1 thread (${x}x the rng floor ${floor} ns)" "<= 50 ns" \
    "$(awk "BEGIN{print ($m1_ns <= 50)}")"
if [ -n "$np_rate" ] && [ -n "$np_se" ]; then
    x=$(calc "($np_s * $np_se * $np_se) / ($a2_s * $a_se * $a_se)")
    verdict "4. to the same se of leader - runner_up: ${x}x numpy" ">= 100x" \
        "$(awk "BEGIN{print ($x >= 100)}")"
else
    verdict "4. time to the same se: numpy not measured" ">= 100x" 0
fi
x=$(calc "$big_kib / 1024")
verdict "5. peak RSS at $BIG trials: ${x} MiB" "<= 64 MiB" "$(awk "BEGIN{print ($x <= 64)}")"
verdict "6. output for threads 1, 2, 7: $([ $same = yes ] && echo identical || echo DIFFERENT)" \
    "identical" "$([ $same = yes ] && echo 1 || echo 0)"
x=$(calc "$s1_s / $m1_s")
verdict "7. sensitivity observer, 1 thread: ${x}x the model run" "<= 1.15x" \
    "$(awk "BEGIN{print ($x <= 1.15)}")"
[ $fail = 0 ] && echo "bench: ok" || { echo "bench: FAIL"; exit 1; }
