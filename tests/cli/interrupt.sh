#!/bin/sh
# A run interrupted by signal $1 (INT, TERM or HUP) leaves the results of the previous run in --out
# as they were: every file byte-identical, no temporary file, a non-zero exit, and the stop
# within a second of the signal. Under a wrapper (make valgrind) the stop is only bounded by a
# minute: valgrind runs one thread at a time, 50 times slower, and was seen to take 11 and 29 s
# to let the process stop and exit. Used by the run-sig*-keeps-previous cases: TCOSIM, TMP and
# TCOSIM_WRAP as in run.sh.
sig=$1
out=$TMP/out
$TCOSIM run --quiet --trials 2000 --threads 2 --out "$out" scenarios/small-office.csv >/dev/null 2>&1 ||
    { echo "the first run failed"; exit 9; }
mkdir "$TMP/before" && cp -p "$out"/* "$TMP/before/"
$TCOSIM run --quiet --trials 100000000 --threads 2 --out "$out" scenarios/small-office.csv \
    >"$TMP/.o" 2>"$TMP/.e" &
pid=$!
sleep 1
t0=$(date +%s%N)
# A background job of a non-interactive shell starts with SIGINT ignored until tcosim installs
# its handler; under a slow wrapper (valgrind on a loaded machine) that can take longer than the
# second above, so the signal is sent again each second until the process is gone (the waiting
# shell reaps it at once, so a later kill finds nothing).
kill -"$sig" "$pid"
(while sleep 1 && kill -"$sig" "$pid" 2>/dev/null; do :; done) &
resend=$!
wait "$pid"
st=$?
kill "$resend" 2>/dev/null
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
limit=1000
[ -n "${TCOSIM_WRAP:-}" ] && limit=60000
cat "$TMP/.e" >&2
echo "stdout bytes: $(wc -c <"$TMP/.o")"
if [ "$ms" -lt "$limit" ]; then echo "stopped in time"; else echo "stopped after $ms ms"; fi
for f in "$TMP"/before/*; do
    n=$(basename "$f")
    if cmp -s "$f" "$out/$n"; then echo "$n: unchanged"; else echo "$n: CHANGED"; fi
done
# the lock (SPEC §8.5) is the one file besides the results that may stay
results=$(ls -A "$out" | grep -v '^\.tcosim\.lock$')
echo "files in --out: $(echo "$results" | grep -c .), temporary: $(echo "$results" | grep -c '^\.')"
exit "$st"
