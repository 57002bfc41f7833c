#!/usr/bin/python3
"""make check: tcosim.xlsx read by a reader no one here wrote (Debian's python3-openpyxl).

Runs `tcosim run --out` on the bundled scenarios twice (1 and 2 threads) and checks that
- the two workbooks are byte-identical (the creation time is fixed, the results reproducible);
- the first worksheet is `charts` and holds three charts per scenario (distribution, fan,
  p_cheapest) and the p_cheapest block of the offered options, and the tornado (SPEC §10) of
  each scenario whose delta an input moves: two overlapping bar series;
- every CSV file of the set has a worksheet of its name (NAME_2, ... past a worksheet's rows)
  with the same header and rows: a number equal to the CSV's double rounded to 16 significant
  digits (libxlsxwriter 1.1.4 writes numbers with "%.16G"; Excel shows 15), a text equal to its text,
  an empty cell where the CSV cell is empty; numbers are numbers (not texts);
- costs carry a money format, probabilities a percent format; the header row is frozen and
  has an autofilter.
Usage: TCOSIM=path/to/tcosim tests/xlsx_check.py
"""
import csv
import filecmp
import glob
import json
import os
import subprocess
import sys
import tempfile

import openpyxl

TCOSIM = os.environ.get("TCOSIM", "./tcosim")
# text columns whose values may look like numbers
TEXT_COLUMNS = {"file", "scenario", "option", "versus", "seed", "version", "note", "plan",
                "option_old", "option_new", "sheet_old", "sheet_new", "cheapest", "second",
                "per_seat_option", "per_transaction_option", "not_offered_reason",
                "changed_prices", "offered"}
failures = []


def fail(msg):
    failures.append(msg)
    print("xlsx_check: FAIL " + msg)


def run(out, threads):
    cmd = [TCOSIM, "run", "--out", out, "--trials", "2000", "--seed", "42", "--threads",
           str(threads)] + sorted(glob.glob("scenarios/*.csv"))
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def csv_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def sheet_rows(wb, name):
    """The rows of worksheet name and its continuations, each continuation's header dropped."""
    rows, k = [], 1
    while True:
        sheet = name if k == 1 else "%s_%d" % (name, k)
        if sheet not in wb.sheetnames:
            return rows
        part = [list(r) for r in wb[sheet].iter_rows(values_only=True)]
        rows.extend(part if k == 1 else part[1:])
        k += 1


def same_cell(text, value, column, where):
    if text == "":
        if value is not None:
            fail("%s: expected an empty cell, got %r" % (where, value))
        return
    if isinstance(value, str):
        if value != text:
            fail("%s: expected text %r, got %r" % (where, text, value))
        elif column not in TEXT_COLUMNS:
            try:
                float(text)
                fail("%s: a number stored as text: %r" % (where, value))
            except ValueError:
                pass
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail("%s: expected %r, got %r" % (where, text, value))
    elif float("%.16G" % float(text)) != float(value):
        fail("%s: expected %r, got %r" % (where, text, value))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
        run(a, 1)
        run(b, 2)
        if not filecmp.cmp(os.path.join(a, "tcosim.xlsx"), os.path.join(b, "tcosim.xlsx"),
                           shallow=False):
            fail("two runs (1 and 2 threads) gave different tcosim.xlsx")
        with open(os.path.join(a, "manifest.json"), encoding="utf-8") as f:
            outputs = json.load(f)["outputs"]
        names = [o if isinstance(o, str) else o.get("name", o.get("path")) for o in outputs]
        if "tcosim.xlsx" not in names:
            fail("manifest.json outputs do not list tcosim.xlsx: %r" % names)
        left = [n for n in os.listdir(a) if n.startswith(".") and n != ".tcosim.lock"]
        if left:
            fail("temporary files left in --out: %r" % left)
        wb = openpyxl.load_workbook(os.path.join(a, "tcosim.xlsx"))
        if wb.sheetnames[0] != "charts":
            fail("the first worksheet is %r, not charts" % wb.sheetnames[0])
        csvs = sorted(n for n in os.listdir(a) if n.endswith(".csv"))
        n_cells = 0
        for name in csvs:
            base = name[:-4]
            expected = csv_rows(os.path.join(a, name))
            got = sheet_rows(wb, base)
            if not got:
                fail("%s: no worksheet %s" % (name, base))
                continue
            header = expected[0]
            if [c for c in got[0]] != header:
                fail("%s: header %r, expected %r" % (name, got[0], header))
            if len(got) != len(expected):
                fail("%s: %d rows in the worksheet, %d in the CSV file" % (name, len(got),
                                                                          len(expected)))
            for r, (erow, grow) in enumerate(zip(expected[1:], got[1:]), start=2):
                grow = list(grow) + [None] * (len(erow) - len(grow))
                for c, col in enumerate(header):
                    same_cell(erow[c], grow[c], col, "%s row %d %s" % (name, r, col))
                    n_cells += 1
            ws = wb[base]
            if ws.freeze_panes != "A2":
                fail("%s: the header row is not frozen (%r)" % (base, ws.freeze_panes))
            if not ws.auto_filter.ref:
                fail("%s: no autofilter" % base)
        summary = wb["summary"]
        head = [c.value for c in summary[1]]
        fmt = {h: summary.cell(row=2, column=i + 1).number_format for i, h in enumerate(head)}
        if "$" not in fmt["mean"] or "%" not in fmt["p_cheapest"]:
            fail("summary formats: mean %r, p_cheapest %r" % (fmt["mean"], fmt["p_cheapest"]))
        scenarios = {tuple(r[:2]) for r in csv_rows(os.path.join(a, "summary.csv"))[1:]}
        charts = wb["charts"]._charts
        # SPEC §10: a tornado under the three charts of each scenario whose delta some input
        # moves (sensitivity.csv's delta rows with two different tornado ends)
        moved = {tuple(r[:2]) for r in csv_rows(os.path.join(a, "sensitivity.csv"))[1:]
                 if r[2] == "delta" and r[3] != "all" and r[5] != r[6]}
        if len(charts) != 3 * len(scenarios) + len(moved):
            fail("charts sheet: %d charts, expected 3 for each of %d scenarios and a tornado "
                 "for each of %d" % (len(charts), len(scenarios), len(moved)))
        tornadoes = [ch for ch in charts if ch.title is not None and "tornado" in
                     "".join(r.t for p in ch.title.tx.rich.p for r in (p.r or []))]
        if len(tornadoes) != len(moved):
            fail("%d tornado charts, expected %d" % (len(tornadoes), len(moved)))
        for ch in tornadoes:
            if type(ch).__name__ != "BarChart" or len(ch.series) != 2 or ch.overlap != 100:
                fail("a tornado is two overlapping bar series: %s, %d series, overlap %r"
                     % (type(ch).__name__, len(ch.series), ch.overlap))
        for ch in charts:
            if ch.title is None or not ch.series:
                fail("a chart without a title or series: %r" % type(ch).__name__)
        print("xlsx_check: %d CSV files, %d cells equal, %d charts, byte-identical"
              % (len(csvs), n_cells, len(charts)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
