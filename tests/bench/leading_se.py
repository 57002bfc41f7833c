#!/usr/bin/python3
"""leading_se.py DIR: the standard error of the mean TCO difference between the leader and the
runner_up (SPEC section 10: the options with the highest and second-highest p_cheapest, ties
by the lower mean TCO, then by name) of a tcosim run's DIR/summary.csv and DIR/pairwise.csv
(one scenario). Prints "LEADER RUNNER_UP SE" (names with spaces would be quoted by csv; the
bench's have none)."""
import csv
import sys


def main():
    out = sys.argv[1]
    with open(f"{out}/summary.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["offered"] == "yes"]
    rows.sort(key=lambda r: (-float(r["p_cheapest"]), float(r["mean"]), r["option"]))
    leader, runner_up = rows[0]["option"], rows[1]["option"]
    with open(f"{out}/pairwise.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if {r["option"], r["versus"]} == {leader, runner_up}:
                print(leader, runner_up, r["mean_saving_se"])
                return
    raise SystemExit(f"leading_se.py: no pairwise row for {leader} and {runner_up}")


if __name__ == "__main__":
    main()
