#!/bin/sh
# Every rename of an --out commit made to fail in turn (tests/faults/fault.c, preloaded): each
# failed run exits 73 with one line, leaves the previous set byte-identical and no temporary
# file; the first run whose every rename succeeds leaves the new set whole. $1 says what the
# new run is: `same` (the same six files), `fewer` (--skip compare,breakeven: three files
# written and three stale ones removed), `signal` (SIGHUP raised at each rename instead of a
# failure: exit 130, the previous set). TCOSIM, TMP, FAULT_SHIM as in run.sh.
mode=$1
out=$TMP/out
P="--quiet --trials 200 --prices tests/fixtures/run/sheet.csv"
S=tests/fixtures/run/small.csv
new="--seed 2"
[ "$mode" = fewer ] && new="--seed 2 --skip compare,breakeven"
$TCOSIM run $P --seed 1 --out "$out" $S >/dev/null || { echo "the first run failed"; exit 9; }
$TCOSIM run $P $new --out "$TMP/new" $S >/dev/null || { echo "the reference run failed"; exit 9; }
cp -r "$out" "$TMP/before"
same_set() { diff -r -x .tcosim.lock "$1" "$2" >/dev/null; }
# the reference run wrote elsewhere, so its manifest's command differs: the rest must be equal
new_set() { diff -r -x .tcosim.lock -x manifest.json "$1" "$2" >/dev/null; }
k=1
while [ $k -le 40 ]; do
    if [ "$mode" = signal ]; then
        TCOSIM_FAULT_RENAME=$k TCOSIM_FAULT_RAISE=1 LD_PRELOAD=$FAULT_SHIM \
            $TCOSIM run $P $new --out "$out" $S >"$TMP/.o" 2>"$TMP/.e"
    else
        TCOSIM_FAULT_RENAME=$k LD_PRELOAD=$FAULT_SHIM \
            $TCOSIM run $P $new --out "$out" $S >"$TMP/.o" 2>"$TMP/.e"
    fi
    st=$?
    temps=$(ls -A "$out" | grep -v '^\.tcosim\.lock$' | grep -c '^\.')
    if same_set "$TMP/before" "$out"; then set=previous
    elif new_set "$TMP/new" "$out"; then set=new
    else set=MIXED; fi
    if [ $st = 0 ]; then
        echo "rename $k is past the commit: exit 0, the $set set, $temps temporary"
        break
    fi
    what="rename $k fails"
    [ "$mode" = signal ] && what="SIGHUP at rename $k"
    echo "$what: exit $st, $(wc -l <"$TMP/.e") line, $(wc -c <"$TMP/.o") bytes on stdout, the $set set, $temps temporary"
    sed "s|$TMP|\$TMP|g; s|\.old\.[A-Za-z0-9]*|.old.XXXXXX|g" "$TMP/.e" | sort -u >>"$TMP/messages"
    k=$((k + 1))
done
echo "messages:"
sort -u "$TMP/messages"
