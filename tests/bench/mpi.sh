#!/bin/sh
# make bench-mpi (never in make test): SPEC §13's scaling on this machine, the bench scenario of
# make bench (tests/bench, every analysis on), release builds:
#
#   1. mpirun -np 2 over -np 1, one thread a rank                            target >= 1.8x
#   2. 2 ranks x 1 thread against 1 process x 2 threads (plain build):
#      the time of MPI over the time of threads at the same core count      target <= 1.05x
#   and every output but manifest.json byte-identical across the three       target: identical
#
# Times are wall clock (/usr/bin/time), mpirun's start included; best of BENCH_REPEAT (3).
# Meaningful only on a quiet machine with 2 free cores. Environment: BENCH_TRIALS (1000000),
# TCOSIM (plain build), TCOSIM_MPI (MPI build).
set -eu
TCOSIM=${TCOSIM:-build/release/tcosim-plain}
TCOSIM_MPI=${TCOSIM_MPI:-build/release-mpi/tcosim}
TRIALS=${BENCH_TRIALS:-1000000}
REPEAT=${BENCH_REPEAT:-3}
export OMPI_MCA_btl_vader_single_copy_mechanism=none
MPIRUN="mpirun -q --oversubscribe --bind-to none"
[ "$(id -u)" = 0 ] && MPIRUN="$MPIRUN --allow-run-as-root"
[ -x /usr/bin/time ] || { echo "make bench-mpi: needs /usr/bin/time (apt-get install time)"; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# best NAME THREADS CMD...: the best wall time of REPEAT runs of `CMD run --threads THREADS`
# (files of the last in $out/NAME)
best() {
    name=$1 threads=$2
    shift 2
    b=""
    for _ in $(seq 1 "$REPEAT"); do
        rm -rf "$out/$name"
        /usr/bin/time -f "%e" -o "$out/$name.time" "$@" run --quiet --threads "$threads" --trials "$TRIALS" \
            --prices tests/bench/bench-prices.csv --out "$out/$name" tests/bench/bench-scenario.csv \
            >"$out/$name.stdout"
        t=$(cat "$out/$name.time")
        if [ -z "$b" ]; then b=$t; else b=$(awk -v a="$b" -v c="$t" 'BEGIN { print (c < a) ? c : a }'); fi
    done
    echo "$b"
}

# shellcheck disable=SC2086
np1=$(best np1 1 $MPIRUN -np 1 "$TCOSIM_MPI")
# shellcheck disable=SC2086
np2=$(best np2 1 $MPIRUN -np 2 "$TCOSIM_MPI")
threads2=$(best threads2 2 "$TCOSIM")
echo "bench-mpi: $TRIALS trials of tests/bench/bench-scenario.csv, best of $REPEAT"
awk -v a="$np1" -v b="$np2" -v c="$threads2" 'BEGIN {
    printf "  1. -np 2 over -np 1 (1 thread a rank): %.2fs / %.2fs = %.2fx   target >= 1.8x\n", a, b, a / b
    printf "  2. 2 ranks x 1 thread over 1 process x 2 threads: %.2fs / %.2fs = %.3fx   target <= 1.05x\n", b, c, b / c
}'
same=identical
for r in np1 np2; do
    diff -r -x manifest.json "$out/threads2" "$out/$r" >/dev/null || same="DIFFERENT ($r)"
    cmp -s "$out/threads2.stdout" "$out/$r.stdout" || same="DIFFERENT ($r stdout)"
done
echo "  3. outputs but manifest.json: $same   target: identical"
