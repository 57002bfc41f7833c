#!/bin/sh
# make bench-mpi (never in make test): SPEC §13's scaling on this machine, the bench scenario of
# make bench (tests/bench, every analysis on), release builds:
#
#   1. mpirun -np 2 over -np 1, one thread a rank                            target >= 1.8x
#   2. 2 ranks x 1 thread against 1 process x 2 threads (plain build):
#      the time of MPI over the time of threads at the same core count      target <= 1.05x
#   and every output but manifest.json byte-identical across the three       target: identical
#
# Times are wall clock (/usr/bin/time), mpirun's start included; the best of BENCH_REPEAT (3) rounds
# of the three in turn.
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

# once NAME THREADS CMD...: the wall time of one `CMD run --threads THREADS` (its files in
# $out/NAME)
once() {
    name=$1 threads=$2
    shift 2
    rm -rf "${out:?}/$name"
    /usr/bin/time -f "%e" -o "$out/$name.time" "$@" run --quiet --threads "$threads" --trials "$TRIALS" \
        --prices tests/bench/bench-prices.csv --out "$out/$name" tests/bench/bench-scenario.csv \
        >"$out/$name.stdout"
    cat "$out/$name.time"
}
least() { awk -v a="$1" -v c="$2" 'BEGIN { print (a == "" || c < a) ? c : a }'; }

# The three in turn, REPEAT rounds, the best of each: the machine's drift during the minutes
# of a round touches all three alike.
np1="" np2="" threads2=""
for _ in $(seq 1 "$REPEAT"); do
    # shellcheck disable=SC2086
    np1=$(least "$np1" "$(once np1 1 $MPIRUN -np 1 "$TCOSIM_MPI")")
    # shellcheck disable=SC2086
    np2=$(least "$np2" "$(once np2 1 $MPIRUN -np 2 "$TCOSIM_MPI")")
    threads2=$(least "$threads2" "$(once threads2 2 "$TCOSIM")")
done
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
