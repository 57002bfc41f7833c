#!/bin/sh
# Golden CLI tests. Run from the repository root: TCOSIM=path/to/tcosim sh tests/cli/run.sh
#
# tests/cli/cases/NAME/cmd     one shell command line; $TCOSIM is the binary under test,
#                              $TMP a fresh empty directory, $CASE the case's directory
# tests/cli/cases/NAME/stdout  expected standard output   (absent: must be empty)
# tests/cli/cases/NAME/stderr  expected standard error    (absent: must be empty)
# tests/cli/cases/NAME/status  expected exit status       (absent: 0)
# tests/cli/cases/NAME/skip    optional: a shell condition; when it holds the case is skipped
#                              (e.g. a ulimit -v case under ASan, which reserves terabytes of
#                              address space). TCOSIM_BUILD (release, test, asan, tsan) and
#                              TCOSIM_WRAP are set for it.
#
# tests/bad/NAME.csv with tests/bad/NAME.err: `tcosim validate` must print exactly NAME.err on
# standard error, nothing on standard output, and exit with the status in NAME.status (65 when
# absent). One file per rule of SPEC sections 3 to 5 and 12. A file that is checked against
# others (a schedule or a correlations file against its scenario files) has them listed in
# NAME.with: they are given to validate before it, with --quiet (their "ok" lines are not the
# case's).
#
# TCOSIM_WRAP (e.g. "valgrind -q --error-exitcode=99") runs every command under a wrapper.
# CLI_JOBS (2) cases run at a time, but for those whose cmd times something (kill, sleep, a
# job in the background, tests/cli/interrupt.sh, commit-faults.sh): one at a time, after.
#
# sh tests/cli/run.sh --update CASE...  blesses the named cases: runs each and writes what it
# printed and its status as the expected files (absent when empty or 0). Read the diff
# (git diff tests/cli/cases) before committing it.
# $CSVCELLS is tests/csvcells.c, built: what a spreadsheet makes of a CSV file's cells.
# $CSVINJSON is tests/csvinjson.c, built: every cell of a CSV file in the JSON document.
# $FAULT_SHIM is tests/faults/fault.c, built: preloaded, it makes a chosen rename() fail.
set -u
LC_ALL=C
export LC_ALL
# the table report is laid out for $COLUMNS (else 100): the goldens are at 100
unset COLUMNS
: "${TCOSIM:=./tcosim}"
# absolute, so that a case may cd into $TMP (file names of its own choosing)
case $TCOSIM in /*) ;; *) TCOSIM=$(pwd)/$TCOSIM ;; esac
# tests/csvcells (make check builds it): how a spreadsheet reads a CSV file's cells
: "${CSVCELLS:=build/test/tests/csvcells}"
case $CSVCELLS in /*) ;; *) CSVCELLS=$(pwd)/$CSVCELLS ;; esac
export CSVCELLS
# tests/csvinjson: every cell of a CSV file in the JSON document (issue 15)
: "${CSVINJSON:=build/test/tests/csvinjson}"
case $CSVINJSON in /*) ;; *) CSVINJSON=$(pwd)/$CSVINJSON ;; esac
export CSVINJSON
: "${FAULT_SHIM:=build/test/tests/faults/fault.so}"
case $FAULT_SHIM in /*) ;; *) FAULT_SHIM=$(pwd)/$FAULT_SHIM ;; esac
export FAULT_SHIM
# AddressSanitizer refuses a preloaded library ahead of its runtime unless told it is fine
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS
BIN="${TCOSIM_WRAP:+$TCOSIM_WRAP }$TCOSIM"
pass=0
fail=0
skipped=0
if [ "${1:-}" = --case ] || [ "${1:-}" = --bad ]; then
    work=$CLI_WORK # a lane's case (below): the directory is the whole run's
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi

check() { # name expected-file actual-file what
    if [ -f "$2" ]; then
        cmp -s "$2" "$3" && return 0
    else
        [ -s "$3" ] || return 0
    fi
    echo "FAIL $1: $4 differs"
    if [ -f "$2" ]; then diff "$2" "$3" | head -20; else head -20 "$3"; fi
    return 1
}

update=
if [ "${1:-}" = --update ]; then
    shift
    update=1
    [ $# -gt 0 ] || { echo "usage: sh tests/cli/run.sh --update CASE..." >&2; exit 64; }
fi
in_update() { # name: whether the case is one to bless
    for u in "$@"; do [ "$u" = "$name" ] && return 0; done
    return 1
}

# CLI_ONLY: case-name patterns (sh globs, space-separated) to run alone, a bad file being named
# bad/NAME: the ThreadSanitizer build runs the cases of threads, signals and locks (its threaded unit
# suites and the seed replays run whole), where a data race could show, and no bad file (validate is one
# thread); everything else is what the other builds check
only_matches() {
    [ -z "${CLI_ONLY:-}" ] && return 0
    for pattern in $CLI_ONLY; do
        # shellcheck disable=SC2254 # a pattern, unquoted on purpose
        case $name in $pattern) return 0 ;; esac
    done
    return 1
}

# one_case NAME: runs tests/cli/cases/NAME and writes its verdict to $work/NAME.verdict (PASS,
# or the FAIL lines), or blesses it under --update
one_case() {
    name=$1
    dir=tests/cli/cases/$name
    TMP="$work/$name"
    mkdir -p "$TMP"
    CASE=$dir
    export TMP CASE
    TCOSIM="$BIN" sh -c "TCOSIM=\"$BIN\"; $(cat "$dir/cmd")" >"$TMP/.stdout" 2>"$TMP/.stderr"
    status=$?
    if [ -n "$update" ]; then
        for f in stdout stderr; do
            if [ -s "$TMP/.$f" ]; then cp "$TMP/.$f" "$dir/$f"; else rm -f "$dir/$f"; fi
        done
        if [ "$status" = 0 ]; then rm -f "$dir/status"; else echo "$status" >"$dir/status"; fi
        echo "blessed $name (exit $status)"
        return
    fi
    expected_status=0
    [ -f "$dir/status" ] && expected_status=$(cat "$dir/status")
    {
        ok=1
        check "$name" "$dir/stdout" "$TMP/.stdout" stdout || ok=0
        check "$name" "$dir/stderr" "$TMP/.stderr" stderr || ok=0
        if [ "$status" != "$expected_status" ]; then
            echo "FAIL $name: exit status $status, expected $expected_status"
            ok=0
        fi
        [ $ok = 1 ] && echo PASS
    } >"$work/$name.verdict"
}

# one_bad FILE: `tcosim validate` of tests/bad/NAME.csv against NAME.err and NAME.status, its
# verdict to $work/bad-NAME.verdict
one_bad() {
    csv=$1
    name=bad/$(basename "$csv" .csv)
    err=${csv%.csv}.err
    out="$work/bad-$(basename "$csv" .csv)"
    if [ -f "${csv%.csv}.with" ]; then
        # shellcheck disable=SC2046 # the listed files, one word each
        $BIN validate --quiet $(cat "${csv%.csv}.with") "$csv" >"$out.stdout" 2>"$out.stderr"
    else
        $BIN validate "$csv" >"$out.stdout" 2>"$out.stderr"
    fi
    status=$?
    expected_status=65
    [ -f "${csv%.csv}.status" ] && expected_status=$(cat "${csv%.csv}.status")
    {
        ok=1
        if [ ! -f "$err" ]; then echo "FAIL $name: no $err"; ok=0; fi
        check "$name" "$err" "$out.stderr" stderr || ok=0
        check "$name" /dev/null "$out.stdout" stdout || ok=0
        if [ "$status" != "$expected_status" ]; then
            echo "FAIL $name: exit status $status, expected $expected_status"
            ok=0
        fi
        [ $ok = 1 ] && echo PASS
    } >"$out.verdict"
}

# `sh tests/cli/run.sh --case NAME` and `--bad FILE` (what the lanes below run): one of each
case ${1:-} in
--case) one_case "$2"; exit 0 ;;
--bad) one_bad "$2"; exit 0 ;;
esac

# The cases to run, in order; those that time something (signals, locks, a process in the
# background, sleeps) are run one at a time after the others, with the machine to themselves,
# and the others CLI_JOBS at a time (2: CI has 2 cores).
: >"$work/.parallel"
: >"$work/.serial"
for dir in tests/cli/cases/*/; do
    [ -f "$dir/cmd" ] || continue
    name=$(basename "$dir")
    if [ -n "$update" ] && ! in_update "$@"; then continue; fi
    only_matches || continue
    if [ -f "$dir/skip" ] && TCOSIM_BUILD="${TCOSIM_BUILD:-}" TCOSIM_WRAP="${TCOSIM_WRAP:-}" sh -c "$(cat "$dir/skip")"; then
        skipped=$((skipped + 1))
        continue
    fi
    if [ -n "$update" ]; then
        one_case "$name"
    elif grep -Eq 'kill|sleep|interrupt\.sh|commit-faults\.sh|&[[:space:]]*(#.*)?$' "$dir/cmd"; then
        echo "--case $name" >>"$work/.serial"
    else
        echo "--case $name" >>"$work/.parallel"
    fi
done
[ -n "$update" ] && exit 0
# the bad files, unless CLI_ONLY names none of them (bad/NAME)
for csv in tests/bad/*.csv; do
    [ -f "$csv" ] || continue
    name=bad/$(basename "$csv" .csv)
    only_matches && echo "--bad $csv" >>"$work/.parallel"
done
CLI_WORK=$work
export CLI_WORK TCOSIM TCOSIM_WRAP CLI_ONLY
xargs -r -P "${CLI_JOBS:-2}" -n 2 sh tests/cli/run.sh <"$work/.parallel"
while read -r kind name; do one_case "$name"; done <"$work/.serial"
cat "$work/.parallel" "$work/.serial" >"$work/.all"
while read -r kind name; do
    verdict="$work/$name.verdict"
    [ "$kind" = --bad ] && verdict="$work/bad-$(basename "$name" .csv).verdict"
    if [ "$(cat "$verdict" 2>/dev/null)" = PASS ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        if [ -s "$verdict" ]; then cat "$verdict"; else echo "FAIL $name: no verdict"; fi
    fi
done <"$work/.all"

echo "cli: $pass passed, $fail failed, $skipped skipped"
[ "$fail" = 0 ]
