#!/bin/sh
# make mpi-check (in make test): SPEC §13. The MPI build under `mpirun -np 1, 2 and 3` against the
# plain build of the same flags, with --threads 1 and 2: standard output, the exit status and
# every --out file but manifest.json (its command differs) byte for byte, for `run` over the
# bundled scenarios (one batch), `run` of the bench scenario (more blocks than ranks), `breakeven`
# and `recommend`; a bad input says its one line on rank 0 alone; a rank killed with SIGKILL
# mid-run, and SIGINT or SIGTERM to mpirun, end the run with one line (none when the rank killed
# is rank 0, the one that speaks), a non-zero status, nothing on standard output and the
# previous --out set byte-identical; ranks given different work end with one line and status 70.
#
# Environment: TCOSIM (plain build), TCOSIM_MPI (MPI build), MPI_TRIALS (2100: two blocks of
# each bundled scenario, eight in the batch), MPI_BENCH_TRIALS (20000: ten blocks, in chunks of
# two for one rank, of one for two and three).
set -u
TCOSIM=${TCOSIM:-build/test/tcosim}
TCOSIM_MPI=${TCOSIM_MPI:-build/test-mpi/tcosim}
TRIALS=${MPI_TRIALS:-2100}
BENCH_TRIALS=${MPI_BENCH_TRIALS:-20000}
command -v mpirun >/dev/null || { echo "mpi: mpirun missing (make deps MPI=1)"; exit 1; }
# containers: no shared-memory single copy (ptrace is not allowed there)
export OMPI_MCA_btl_vader_single_copy_mechanism=none
MPIRUN="mpirun -q --oversubscribe"
[ "$(id -u)" = 0 ] && MPIRUN="$MPIRUN --allow-run-as-root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "mpi: FAIL: $*"; }

# one NAME ARGS...: the command by both builds, with --threads each of $THREADS and mpirun -np
# each of $NPS; --out files compared when an --out directory is among ARGS (written as @OUT@,
# replaced by a directory of each run's own)
THREADS="1 2" NPS="1 2 3"
one() {
    name=$1
    shift
    for t in $THREADS; do
        ref="$work/$name-t$t-plain"
        mkdir -p "$ref"
        args=$(printf '%s\n' "$@" | sed "s|@OUT@|$ref/out|")
        # shellcheck disable=SC2086
        $TCOSIM $args --threads $t >"$ref/stdout" 2>"$ref/stderr"
        echo $? >"$ref/status"
        for np in $NPS; do
            got="$work/$name-t$t-np$np"
            mkdir -p "$got"
            args=$(printf '%s\n' "$@" | sed "s|@OUT@|$got/out|")
            # shellcheck disable=SC2086
            timeout 120 $MPIRUN -np $np $TCOSIM_MPI $args --threads $t >"$got/stdout" 2>"$got/stderr"
            echo $? >"$got/status"
            what="$name --threads $t, mpirun -np $np"
            if ! cmp -s "$ref/status" "$got/status"; then
                bad "$what: status $(cat "$got/status"), plain $(cat "$ref/status")"; sed 's/^/  /' "$got/stderr"; continue
            fi
            cmp -s "$ref/stdout" "$got/stdout" || { bad "$what: standard output differs"; continue; }
            cmp -s "$ref/stderr" "$got/stderr" || { bad "$what: standard error differs"; diff "$ref/stderr" "$got/stderr" | head -5; continue; }
            if [ -d "$ref/out" ]; then
                [ -f "$got/out/manifest.json" ] || { bad "$what: no manifest.json"; continue; }
                diff -r -x manifest.json "$ref/out" "$got/out" >/dev/null || { bad "$what: --out files differ"; diff -rq -x manifest.json "$ref/out" "$got/out" | head -5; continue; }
            fi
            ok
        done
    done
}

one run-bundled run --trials "$TRIALS" --out @OUT@ scenarios/*.csv
one run-bench run --trials "$BENCH_TRIALS" --prices tests/bench/bench-prices.csv --format json --out @OUT@ tests/bench/bench-scenario.csv
one breakeven breakeven --out @OUT@ scenarios/*.csv
one recommend recommend --trials "$TRIALS" scenarios/*.csv
# SPEC §11 antithetic pairs (their pair moments travel in the block summaries) with the bill
# shock and the sensitivity of SPEC §10, and the scheduled and correlated bundled scenarios
one run-antithetic run --trials "$TRIALS" --antithetic --budget 20000 --out @OUT@ \
    --schedule scenarios/schedules/clinic-expansion.csv \
    --correlations scenarios/correlations/growing-clinic.csv scenarios/*.csv
# --precision on several ranks is refused in one line (exit 64), before anything is written
d="$work/precision"
mkdir -p "$d"
timeout 120 $MPIRUN -np 2 "$TCOSIM_MPI" run --quiet --trials 4096 --precision 1% --out "$d/out" \
    scenarios/small-office.csv >"$d/stdout" 2>"$d/stderr"
status=$?
if [ "$status" = 64 ] && [ ! -s "$d/stdout" ] && [ ! -e "$d/out/summary.csv" ] &&
    [ "$(wc -l <"$d/stderr")" = 1 ] && grep -q '^tcosim: --precision: expected a run of one process' "$d/stderr"; then
    ok
else
    bad "precision on 2 ranks: status $status"; sed 's/^/  /' "$d/stderr"
fi
# a bad file in a batch: the good ones run, rank 0 alone says the one line (stderr compared)
THREADS=1 NPS="2 3"
printf 'scenario,months,seats\nbad,12,-5\n' >"$work/bad.csv"
one bad-in-batch run --trials "$TRIALS" --out @OUT@ "$work/bad.csv" scenarios/small-office.csv
one no-input run --trials "$TRIALS" "$work/missing.csv"

# ranks that do not run the same work (mpirun's MPMD form gives them other arguments): another
# trial count on two ranks, and a rank that fails on its command line before simulating
disagree() {
    name=$1
    shift
    d="$work/disagree-$name"
    mkdir -p "$d"
    # shellcheck disable=SC2086
    timeout 120 $MPIRUN "$@" >"$d/stdout" 2>"$d/stderr"
    status=$?
    [ "$status" = 70 ] || { bad "disagree $name: status $status"; sed 's/^/  /' "$d/stderr"; return; }
    [ -s "$d/stdout" ] && { bad "disagree $name: printed a report"; return; }
    [ "$(wc -l <"$d/stderr")" = 1 ] && grep -q '^tcosim: the ranks of the MPI run did not load the same work' "$d/stderr" ||
        { bad "disagree $name:"; sed 's/^/  /' "$d/stderr"; return; }
    ok
}
scn=scenarios/small-office.csv
disagree trials -np 1 "$TCOSIM_MPI" run --trials 2100 "$scn" : -np 2 "$TCOSIM_MPI" run --trials 4200 "$scn"
disagree usage -np 1 "$TCOSIM_MPI" run --trials 2100 "$scn" : -np 1 "$TCOSIM_MPI" run --bogus "$scn"

# stop KIND: a long run into an --out set holding a previous run, stopped mid-run by KIND
# (kill: SIGKILL to rank 1; kill0: SIGKILL to rank 0, which then cannot say anything; int and
# term: SIGINT and SIGTERM to mpirun)
stop() {
    kind=$1
    d="$work/stop-$kind"
    mkdir -p "$d"
    $TCOSIM run --quiet --trials 3000 --out "$d/out" scenarios/small-office.csv >/dev/null 2>&1 || { bad "stop $kind: the previous run failed"; return; }
    (cd "$d/out" && ls -lA --time-style=full-iso && cat ./*) >"$d/before" 2>&1
    # a background job of a script starts with SIGINT ignored: mpirun gets it back
    # shellcheck disable=SC2086
    env --default-signal=INT $MPIRUN -np 3 $TCOSIM_MPI run --quiet --threads 1 --trials 50000000 --out "$d/out" \
        --prices tests/bench/bench-prices.csv tests/bench/bench-scenario.csv >"$d/stdout" 2>"$d/stderr" &
    mpirun_pid=$!
    # the ranks are mpirun's children; wait until they run, then a second into the simulation
    victim=1
    [ "$kind" = kill0 ] && victim=0
    rank=""
    for _ in $(seq 1 100); do
        for p in $(ps -o pid= --ppid "$mpirun_pid" 2>/dev/null); do
            tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=$victim" && rank=$p
        done
        [ -n "$rank" ] && break
        sleep 0.1
    done
    [ -n "$rank" ] || { bad "stop $kind: rank $victim never started"; kill "$mpirun_pid"; wait "$mpirun_pid"; return; }
    sleep 1.5
    case $kind in
    kill|kill0) kill -KILL "$rank" ;;
    int) kill -INT "$mpirun_pid" ;;
    term) kill -TERM "$mpirun_pid" ;;
    esac
    # mpirun ends the job: SIGTERM to every rank, then SIGKILL a few seconds later
    wait "$mpirun_pid"
    status=$?
    (cd "$d/out" && ls -lA --time-style=full-iso && cat ./*) >"$d/after" 2>&1
    if [ "$status" = 0 ]; then bad "stop $kind: status 0"; return; fi
    [ -s "$d/stdout" ] && { bad "stop $kind: printed a report"; return; }
    cmp -s "$d/before" "$d/after" || { bad "stop $kind: the previous --out set changed"; diff "$d/before" "$d/after" | head; return; }
    if [ "$kind" = kill0 ]; then
        [ -s "$d/stderr" ] && { bad "stop $kind: said something:"; sed 's/^/  /' "$d/stderr"; return; }
    else
        [ "$(wc -l <"$d/stderr")" = 1 ] || { bad "stop $kind: expected one line, got:"; sed 's/^/  /' "$d/stderr"; return; }
        grep -q '^tcosim: interrupted by SIGTERM; no output written$' "$d/stderr" || { bad "stop $kind: $(cat "$d/stderr")"; return; }
    fi
    ok
}
stop kill
stop kill0
stop int
stop term

echo "mpi: $pass passed, $fail failed"
[ "$fail" = 0 ]
