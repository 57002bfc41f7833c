#!/bin/sh
# make lint: every module includes only headers of strictly lower layers (README, Architecture).
# A module is sim/M.c with include/tco/M.h; its layer is listed here once.
set -u
layer() {
    case "$1" in
    defaults|xalloc) echo 0 ;;
    diag|rng|stats|table) echo 1 ;;
    value|csvload|outfile|csvwrite|plot) echo 2 ;;
    outset|table_csv|table_json|manifest) echo 3 ;;
    scenario|pricesheet|cli) echo 3 ;;
    price|option|workload|rules) echo 4 ;;
    cost) echo 5 ;;
    engine) echo 6 ;;
    breakeven|compare|report) echo 7 ;;
    report_breakeven|report_compare) echo 8 ;;
    cmdutil|analysis) echo 9 ;;
    cmd_run|cmd_validate|cmd_breakeven|cmd_recommend) echo 10 ;;
    main) echo 11 ;;
    *) echo "" ;;
    esac
}
bad=0
for f in sim/*.c include/tco/*.h; do
    m=$(basename "$f"); m=${m%.*}
    lm=$(layer "$m")
    if [ -z "$lm" ]; then echo "lint: $f: module $m has no layer in tests/layering.sh"; bad=1; continue; fi
    for dep in $(sed -n 's/^#include "tco\/\([a-z_0-9]*\)\.h".*/\1/p' "$f"); do
        [ "$dep" = "$m" ] && continue
        ld=$(layer "$dep")
        if [ -z "$ld" ] || [ "$ld" -ge "$lm" ]; then
            echo "lint: $f (layer $lm) includes tco/$dep.h (layer ${ld:-?}): not a lower layer"
            bad=1
        fi
    done
done
[ $bad = 0 ] && echo "lint: layering ok"
exit $bad
