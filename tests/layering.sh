#!/bin/sh
# make lint: every module includes only headers of strictly lower layers (README, Architecture),
# and each library only where it is used (lib_users).
# A module is sim/M.c with include/tco/M.h; its layer is listed here once.
set -u
layer() {
    case "$1" in
    defaults|xalloc|pack|vexp) echo 0 ;;
    diag|rng|mirror|stats|table|cellhint) echo 1 ;;
    value|csvload|outfile|csvwrite|numfmt|plot) echo 2 ;;
    outset|table_csv|table_json|table_xlsx|manifest) echo 3 ;;
    scenario|pricesheet|cli|copula) echo 3 ;;
    price|option|workload|rules|schedule|correlations) echo 4 ;;
    cost|sheet_diff) echo 5 ;;
    engine) echo 6 ;;
    breakeven|compare|report|sensitivity|cluster) echo 7 ;;
    mpi_driver) echo 8 ;;
    sweep|recommend|report_breakdown|report_sensitivity) echo 8 ;;
    report_breakeven|report_compare|report_migration) echo 9 ;;
    cmdutil|analysis) echo 10 ;;
    cmd_run|cmd_validate|cmd_breakeven|cmd_recommend) echo 11 ;;
    main) echo 12 ;;
    *) echo "" ;;
    esac
}
# The libraries, each included only by the modules that need it: jansson where JSON is written,
# libcsv in the CSV reader and writer, GSL's distributions where cells are drawn, GSL's root
# finding nowhere but the break-even solver (which needs none today: its roots are exact), MPI
# in its driver alone (the MPI build links sim/mpi_driver.c in place of sim/cluster.c).
lib_users() {
    case "$1" in
    jansson.h) echo "table_json report report_compare report_breakeven report_breakdown report_sensitivity report_migration cmd_recommend manifest" ;;
    openssl/evp.h) echo "manifest" ;;
    xlsxwriter.h) echo "table_xlsx" ;;
    csv.h) echo "csvload csvwrite" ;;
    gsl/gsl_randist.h) echo "value workload copula mirror" ;;
    gsl/gsl_cdf.h) echo "value workload copula sensitivity mirror" ;;
    gsl/gsl_linalg.h) echo "copula" ;;
    gsl/gsl_roots.h) echo "breakeven" ;;
    mpi.h) echo "mpi_driver" ;;
    *) echo "*" ;;
    esac
}
bad=0
for f in sim/*.c include/tco/*.h; do
    m=$(basename "$f"); m=${m%.*}
    for lib in $(sed -n 's/^#include <\([a-z_0-9/]*\.h\)>.*/\1/p' "$f"); do
        users=$(lib_users "$lib")
        [ "$users" = "*" ] && continue
        case " $users " in
        *" $m "*) ;;
        *) echo "lint: $f includes <$lib>, which only $users may include"; bad=1 ;;
        esac
    done
done
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
