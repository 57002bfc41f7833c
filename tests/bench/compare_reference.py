#!/usr/bin/python3
"""compare_reference.py: do tcosim and the numpy reference model agree, within sampling error?

    /usr/bin/python3 tests/bench/reference.py --trials 200000 --out NPDIR --se
    ./tcosim run --quiet --prices tests/bench/bench-prices.csv --trials 200000 --out TCODIR \\
        tests/bench/bench-scenario.csv
    /usr/bin/python3 tests/bench/compare_reference.py NPDIR TCODIR [--monthly]

The two programs draw different random numbers (numpy's PCG64, tcosim's GSL streams), so their
results agree only up to sampling error; anything beyond it means one of the two models is wrong.
For every option of summary.csv:

- mean: |mean_np - mean_tco| <= K x sqrt(se_np^2 + se_tco^2), se = sd / sqrt(n) of each;
- p_cheapest: the same with each side's SE (p_cheapest_se, floored at the pooled binomial
  sqrt(p(1-p)(1/n_np + 1/n_tco)) so that 0 against 0.00001 is not a division by zero);
- quantiles p05 ... p95: |q_np - q_tco| <= K x sqrt(se_np^2 + se_tco^2) + 0.001 |q_tco|, where
  se = sqrt(p(1-p)/n) / f(x_p) (the order-statistic argument; f estimated from the numpy sample
  by reference.py --se, see se.csv; tcosim's se is numpy's scaled by sqrt(n_np/n_tco): the
  same distribution, another sample size) and 0.001 |q| is tcosim's quantile sketch error
  (DDSketch, relative accuracy 0.1%).

K is 4 for the summary (64 tests: a false alarm once in ~250 runs). With --monthly the same is
done for every month of monthly.csv (cost_mean, cost_p05/p50/p95, cumulative_p05/p50/p95:
2,016 tests), with K = 5 there (a false alarm once in ~900 runs) and a line per option giving
its worst cell.

Prints a table; exits 1 on a mismatch, 2 on unusable input.
"""
import argparse
import csv
import math
import os
import sys

SKETCH_REL = 0.001  # TCO_QUANTILE_REL_ACCURACY
QUANTILES = {"p05": 0.05, "p25": 0.25, "p50": 0.50, "p75": 0.75, "p95": 0.95}


def read_csv(path):
    try:
        with open(path, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    except OSError as e:
        sys.exit(f"compare_reference.py: {e}")


def by_option(rows):
    return {(r["scenario"], r["option"]): r for r in rows}


def check(label, stat, x_np, x_tco, se_c, k, sketch):
    """One test: (row for the table, passed)."""
    diff = x_np - x_tco
    tol = k * se_c + sketch
    ok = abs(diff) <= tol
    z = abs(diff) / se_c if se_c > 0 else (0.0 if diff == 0 else math.inf)
    return (label, stat, x_np, x_tco, diff, tol, z, ok), ok


def fmt(x):
    if x == 0:
        return "0"
    if abs(x) >= 1e3:
        return f"{x:,.1f}"
    return f"{x:.6g}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("numpy_dir", help="reference.py --out DIR (run with --se)")
    ap.add_argument("tcosim_dir", help="tcosim run --out DIR")
    ap.add_argument("-k", type=float, default=4.0, help="SEs allowed in the summary (4)")
    ap.add_argument("--monthly", action="store_true", help="also compare monthly.csv")
    ap.add_argument("--monthly-k", type=float, default=5.0, help="SEs allowed per month (5)")
    args = ap.parse_args()

    np_sum = by_option(read_csv(os.path.join(args.numpy_dir, "summary.csv")))
    tco_sum = by_option(read_csv(os.path.join(args.tcosim_dir, "summary.csv")))
    se_rows = read_csv(os.path.join(args.numpy_dir, "se.csv"))
    se = {(r["scenario"], r["option"], r["series"], r["month"], r["stat"]): float(r["se"])
          for r in se_rows}
    if set(np_sum) != set(tco_sum):
        print("options differ:", sorted(set(np_sum) ^ set(tco_sum)))
        return 1

    rows, failures = [], 0
    for key, a in np_sum.items():
        b = tco_sum[key]
        if b.get("offered", "yes") != "yes":
            print(f"{key[1]}: not offered by tcosim ({b.get('not_offered_reason')})")
            failures += 1
            continue
        n_np, n_tco = int(a["trials"]), int(b["trials"])
        scale = math.sqrt(n_np / n_tco)  # tcosim's SE from numpy's: same distribution
        label = key[1]
        # mean
        se_np = float(a["sd"]) / math.sqrt(n_np)
        se_tco = float(b["sd"]) / math.sqrt(n_tco)
        row, ok = check(label, "mean", float(a["mean"]), float(b["mean"]),
                        math.hypot(se_np, se_tco), args.k, 0.0)
        rows.append(row)
        failures += not ok
        # quantiles
        for stat, p in QUANTILES.items():
            s = se[key[0], key[1], "total", "", stat]
            row, ok = check(label, stat, float(a[stat]), float(b[stat]),
                            s * math.hypot(1.0, scale), args.k, SKETCH_REL * abs(float(b[stat])))
            rows.append(row)
            failures += not ok
        # p_cheapest
        pa, pb = float(a["p_cheapest"]), float(b["p_cheapest"])
        sa = float(a.get("p_cheapest_se") or math.sqrt(pa * (1 - pa) / n_np))
        sb = float(b.get("p_cheapest_se") or math.sqrt(pb * (1 - pb) / n_tco))
        pooled = (pa * n_np + pb * n_tco) / (n_np + n_tco)
        floor = math.sqrt(pooled * (1 - pooled) * (1 / n_np + 1 / n_tco))
        row, ok = check(label, "p_cheapest", pa, pb, max(math.hypot(sa, sb), floor), args.k, 0.0)
        rows.append(row)
        failures += not ok

    w = max(len(r[0]) for r in rows)
    print(f"summary.csv: numpy {args.numpy_dir} ({n_np} trials) vs tcosim {args.tcosim_dir} "
          f"({n_tco} trials); tolerance = {args.k:g} combined SE (+ 0.1% of a quantile)")
    print(f"{'option':<{w}}  {'stat':<10} {'numpy':>14} {'tcosim':>14} {'diff':>11} "
          f"{'tolerance':>11} {'|diff|/SE':>9}  ok")
    last = None
    for label, stat, x, y, diff, tol, z, ok in rows:
        print(f"{label if label != last else '':<{w}}  {stat:<10} {fmt(x):>14} {fmt(y):>14} "
              f"{fmt(diff):>11} {fmt(tol):>11} {z:9.2f}  {'ok' if ok else 'MISMATCH'}")
        last = label
    print(f"summary: {len(rows) - failures} of {len(rows)} within tolerance, worst "
          f"|diff|/SE {max(r[6] for r in rows):.2f}")

    if args.monthly:
        failures += compare_monthly(args, se)
    if failures:
        print(f"compare_reference: {failures} MISMATCH(ES)")
        return 1
    print("compare_reference: numpy and tcosim agree")
    return 0


def compare_monthly(args, se):
    """monthly.csv, cell by cell: a line per option with its worst cell."""
    np_rows = {(r["scenario"], r["option"], r["month"]): r
               for r in read_csv(os.path.join(args.numpy_dir, "monthly.csv"))}
    tco_rows = {(r["scenario"], r["option"], r["month"]): r
                for r in read_csv(os.path.join(args.tcosim_dir, "monthly.csv"))}
    if set(np_rows) != set(tco_rows):
        print("monthly.csv: the two files have different rows")
        return 1
    stats = [("cost_mean", "cost", "mean"), ("cost_p05", "cost", "p05"),
             ("cost_p50", "cost", "p50"), ("cost_p95", "cost", "p95"),
             ("cumulative_p05", "cumulative", "p05"), ("cumulative_p50", "cumulative", "p50"),
             ("cumulative_p95", "cumulative", "p95")]
    worst, failures, n_tests, over4 = {}, 0, 0, 0
    for key, a in np_rows.items():
        b = tco_rows[key]
        scale = math.sqrt(int(a["trials"]) / int(b["trials"]))
        for col, series, stat in stats:
            s = se[key[0], key[1], series, key[2], stat] * math.hypot(1.0, scale)
            x, y = float(a[col]), float(b[col])
            sketch = 0.0 if stat == "mean" else SKETCH_REL * abs(y)
            row, ok = check(key[1], f"{col} m{key[2]}", x, y, s, args.monthly_k, sketch)
            n_tests += 1
            failures += not ok
            excess = max(abs(x - y) - sketch, 0.0) / s if s > 0 else 0.0
            over4 += excess > 4
            if key[1] not in worst or excess > worst[key[1]][0]:
                worst[key[1]] = (excess, row)
    print(f"\nmonthly.csv: {n_tests} cells; tolerance = {args.monthly_k:g} combined SE "
          f"(+ 0.1% of a quantile); worst cell per option, in SEs beyond the sketch allowance:")
    w = max(len(o) for o in worst)
    for option, (excess, (_, stat, x, y, diff, tol, _, ok)) in worst.items():
        print(f"{option:<{w}}  {stat:<20} numpy {fmt(x):>12} tcosim {fmt(y):>12} "
              f"{excess:5.2f} SE  {'ok' if ok else 'MISMATCH'}")
    print(f"monthly: {n_tests - failures} of {n_tests} within tolerance; {over4} beyond 4 SE "
          f"(expected by chance ~{n_tests * 6.3e-5:.2f})")
    return failures


if __name__ == "__main__":
    sys.exit(main())
