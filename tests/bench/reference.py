#!/usr/bin/python3
"""reference.py: the tcosim model of the bench workload, written as vectorised numpy.

This is the peer that `make bench` measures tcosim against (issue 8): the same model as
sim/workload.c, sim/cost.c, sim/price.c and sim/value.c, written the way a competent analyst
would write it in numpy: a loop over months, arrays over trials (float64), and the whole
months x options x trials cost array held in memory, summarised with numpy.percentile.

It knows the structure of tests/bench (one scenario row; plans priced by seat, sms, voice, api,
number, platform, setup) but reads every number from the two CSV files, so it is visibly the
same model: change a price or a distribution in a file and both programs see it.

    /usr/bin/python3 tests/bench/reference.py --trials N --seed S --out DIR [--se]

writes DIR/summary.csv and DIR/monthly.csv with tcosim's columns (SPEC section 6) and prints

    reference: N trials, 36 months, 8 options, T s, X trial-months/s

T is the wall time of the simulation and the summaries (not the imports, the CSV parsing or
the writing), and then

    reference: leader A, runner_up B, mean difference D, se S

the mean of TCO_B - TCO_A over the trials and its standard error sd / sqrt(n), A and B the
options with the highest and second-highest p_cheapest (SPEC section 10: ties by the lower mean
TCO, then by name), so that make bench can compare the time each program needs to reach the
same standard error. With --se it also writes DIR/se.csv, the sampling standard errors that
tests/bench/compare_reference.py needs (computed after the timed part, from the same arrays).

The model, SPEC sections 4-6 as tcosim implements them:
- every cell is drawn once per trial (value.c: lognormal(mean,sd) is of the value itself,
  ci90(lo,hi) is lognormal when 0 < lo, else normal, with lo and hi its 5th and 95th
  percentiles; pert is Beta-PERT with lambda 4), and clamped to the column's range
  (scenario.c) or, for prices, to [0, 1e9] (pricesheet.c); spike_multiplier is drawn per spike;
- seats_m = seats x (1+g)^(m-1) x exp(W_m), W_1 = 0, W_m = W_(m-1) + s Z - s^2/2, rounded up
  to whole seats with a relative tolerance of 1e-9; notifications and API requests share one
  such walk V and one spike per month (U < spike_probability, month 1 included);
- a plan's month: each item's quantity billed through graduated tiers after the `included`
  units (per whole seat for a UCaaS plan's usage items), `api` per 1,000 requests, `number`
  x phone_numbers, `platform` x 1; the sum times the price escalation of the month (a step of
  (1+e) at months 13, 25, ...); `setup` once in month 1, not escalated;
- ucaas:/cpaas: options carry the whole workload on their plan (internal SMS and notifications
  count together); a hybrid's UCaaS plan carries seats, internal SMS and voice, its CPaaS plan
  notifications and API requests, and both rent phone numbers and platform if they price them;
- labor: UCaaS admin hours (+ setup hours in month 1), CPaaS maintenance hours (+ build hours
  in month 1), each for the options that use that kind of plan, x engineer_rate; delay:
  delay_cost_per_month x min(1, max(0, D - (m-1))), D the longest deployment of the parts used;
- month m's cost is discounted by (1+r)^(-(m-1)/12); TCO is the sum over the months;
- p_cheapest: the share of trials in which no option costs less, ties split evenly.
"""
import argparse
import csv
import math
import os
import re
import time
from statistics import NormalDist

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SEED = 20261124  # tcosim's documented default (include/tco/defaults.h)
WHOLE_TOLERANCE = 1e-9   # sim/workload.c
PRICE_MAX = 1e9          # sim/pricesheet.c: a drawn price is clamped to [0, PRICE_MAX]

# ---- cells: numbers and distributions (SPEC section 3, sim/value.c) ------------------------

NUM_TOKEN = r"[+-]?\$?[+-]?(?:\d+(?:\.(?!\.)\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?"
CALL = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s*\((.*)\)\s*$")
RANGE = re.compile(r"^\s*(" + NUM_TOKEN + r")\s*\.\.\s*(" + NUM_TOKEN + r")\s*$")
N_PARAMS = {"uniform": 2, "normal": 2, "lognormal": 2, "triangular": 3, "pert": 3, "ci90": 2,
            "poisson": 1}


def parse_number(text):
    """120, 0.007, 1.5e4, 2% (= 0.02), $20."""
    t = text.strip()
    pct = t.endswith("%")
    if pct:
        t = t[:-1]
    t = t.replace("$", "", 1)
    x = float(t)
    if not math.isfinite(x):
        raise ValueError(f"expected a finite number, got {text!r}")
    return x / 100 if pct else x


class Value:
    """A cell: ('const', x) or (distribution name, parameters)."""

    def __init__(self, text):
        self.text = text
        m = CALL.match(text)
        r = RANGE.match(text)
        if m:
            self.kind = m.group(1).lower()
            if self.kind not in N_PARAMS:
                raise ValueError(f"unknown distribution in {text!r}")
            self.params = [parse_number(p) for p in m.group(2).split(",")]
            if len(self.params) != N_PARAMS[self.kind]:
                raise ValueError(f"wrong parameter count in {text!r}")
        elif r:
            self.kind, self.params = "uniform", [parse_number(r.group(1)), parse_number(r.group(2))]
        else:
            self.kind, self.params = "const", [parse_number(text)]

    @classmethod
    def const(cls, x):
        v = cls.__new__(cls)
        v.text, v.kind, v.params = repr(x), "const", [x]
        return v

    def is_const(self):
        return self.kind == "const"

    def is_zero(self):
        """SPEC section 5: the workload "has" a usage when its cell is not constantly zero."""
        if self.kind in ("const", "poisson"):
            return self.params[0] == 0
        if self.kind in ("uniform", "normal"):
            return self.params[0] == 0 and self.params[1] == 0
        if self.kind in ("triangular", "pert"):
            return self.params[0] == 0 and self.params[2] == 0
        return False

    def draw(self, rng, n):
        """n draws (an array), or the number itself for a constant cell."""
        k, p = self.kind, self.params
        if k == "const":
            return p[0]
        if k == "uniform":
            return rng.uniform(p[0], p[1], n) if p[0] < p[1] else np.full(n, p[0])
        if k == "normal":
            return p[0] + p[1] * rng.standard_normal(n)
        if k == "lognormal":  # mean and sd of the value itself (value.c)
            sigma2 = math.log1p((p[1] / p[0]) ** 2)
            return rng.lognormal(math.log(p[0]) - sigma2 / 2, math.sqrt(sigma2), n)
        if k == "triangular":
            return rng.triangular(p[0], p[1], p[2], n) if p[0] < p[2] else np.full(n, p[0])
        if k == "pert":  # Beta-PERT, lambda 4, on [min, max]
            lo, mode, hi = p
            if lo == hi:
                return np.full(n, lo)
            f = (mode - lo) / (hi - lo)
            return lo + (hi - lo) * rng.beta(1 + 4 * f, 1 + 4 * (1 - f), n)
        if k == "ci90":  # lo, hi are the 5th and 95th percentiles
            lo, hi = p
            z95 = NormalDist().inv_cdf(0.95)
            if lo > 0:
                mu = (math.log(lo) + math.log(hi)) / 2
                return rng.lognormal(mu, (math.log(hi) - math.log(lo)) / (2 * z95), n)
            return (lo + hi) / 2 + (hi - lo) / (2 * z95) * rng.standard_normal(n)
        if k == "poisson":
            return rng.poisson(p[0], n).astype(np.float64)
        raise AssertionError(k)


# ---- scenario file (SPEC section 4): defaults and the ranges draws are clamped to -----------

SCENARIO_FIELDS = {  # name: (default, lo, hi), as sim/scenario.c's RULES
    "seats": (0, 0, 1e9), "seat_growth": (0, -1, 1), "seat_volatility": (0, 0, 1),
    "internal_sms_per_seat": (0, 0, 1e6), "voice_minutes_per_seat": (0, 0, 1e6),
    "notifications": (0, 0, 1e12), "notification_growth": (0, -1, 1),
    "api_requests": (0, 0, 1e13), "api_growth": (0, -1, 1), "volume_volatility": (0, 0, 1),
    "spike_probability": (0, 0, 1), "spike_multiplier": (1, 0, 1e6),
    "engineer_rate": (0, 0, 1e6), "cpaas_build_hours": (0, 0, 1e7),
    "cpaas_maintenance_hours": (0, 0, 1e6), "ucaas_setup_hours": (0, 0, 1e7),
    "ucaas_admin_hours": (0, 0, 1e6), "price_escalation": (0, -1, 10),
    "discount_rate": (0, math.nextafter(-1, 0), 10), "phone_numbers": (1, 0, 1e9),
    "ucaas_deploy_months": (0, 0, 600), "cpaas_deploy_months": (0, 0, 600),
    "delay_cost_per_month": (0, 0, 1e12),
}


def data_lines(path):
    with open(path, newline="", encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                yield line


def read_scenario(path):
    rows = list(csv.DictReader(data_lines(path)))
    if len(rows) != 1:
        raise SystemExit(f"{path}: the bench reference expects one scenario row, got {len(rows)}")
    row = rows[0]
    cells = {name: (Value(row[name]) if row.get(name, "").strip() else Value.const(d))
             for name, (d, _, _) in SCENARIO_FIELDS.items()}
    return row["scenario"], int(row["months"]), cells


ITEMS = ("seat", "sms", "voice", "api", "number", "platform", "setup")
USAGE_ITEMS = ("sms", "voice", "api")  # a UCaaS plan's allowance of these is per seat


def read_prices(path):
    """{(vendor, plan): {'model', 'items': {item: {'tiers': [(lo, hi, Value)], 'included'}}}}."""
    plans = {}
    for row in csv.DictReader(data_lines(path)):
        plan = plans.setdefault((row["vendor"], row["plan"]), {"model": row["model"], "items": {}})
        item = plan["items"].setdefault(row["item"], {"rows": [], "included": 0.0})
        frm = parse_number(row["tier_from"]) if row.get("tier_from", "").strip() else 0.0
        to = parse_number(row["tier_to"]) if row.get("tier_to", "").strip() else math.inf
        item["rows"].append((frm, to, Value(row["price"])))
        if row.get("included", "").strip():
            item["included"] = parse_number(row["included"])
    for plan in plans.values():
        for item in plan["items"].values():
            item["tiers"] = sorted(item.pop("rows"), key=lambda t: t[0])
    return plans


# ---- the simulation ----------------------------------------------------------------------


def plan_month(plan, prices, use, seats, escalation, month):
    """One plan's charge for one month: graduated tiers after the allowance (SPEC section 5).

    use: {item: quantity array or number} of the items this plan carries in this option;
    prices: {(item, tier index): drawn price}."""
    ucaas = plan["model"] == "ucaas"
    cost = 0.0
    for name in ITEMS[:-1]:
        item = plan["items"].get(name)
        q = use.get(name)
        if item is None or q is None:
            continue
        free = item["included"] * seats if ucaas and name in USAGE_ITEMS else item["included"]
        c = 0.0
        for t, (lo, hi, _) in enumerate(item["tiers"]):
            c = c + prices[name, t] * np.maximum(np.minimum(q, hi) - np.maximum(lo, free), 0.0)
        cost = cost + (c / 1000.0 if name == "api" else c)
    cost = cost * escalation
    if month == 1 and "setup" in plan["items"]:
        cost = cost + prices["setup", 0]
    return cost


def simulate(scenario, plans, options, n, seed):
    """cost[month, option, trial]: each option's discounted cost in each month of each trial
    (float64), every option priced on the same sampled workload (common random numbers)."""
    _, months, cells = scenario
    rng = np.random.default_rng(seed)
    d = {name: v.draw(rng, n) for name, v in cells.items() if name != "spike_multiplier"}
    for name, v in cells.items():  # clamped to the column's range, as scenario.c does
        if name != "spike_multiplier" and not v.is_const():
            d[name] = np.clip(d[name], SCENARIO_FIELDS[name][1], SCENARIO_FIELDS[name][2])
    prices = {}
    for key, plan in plans.items():
        prices[key] = {}
        for name, item in plan["items"].items():
            for t, (_, _, v) in enumerate(item["tiers"]):
                x = v.draw(rng, n)
                prices[key][name, t] = x if v.is_const() else np.clip(x, 0.0, PRICE_MAX)
    spike_mult = cells["spike_multiplier"]
    lo_mult, hi_mult = SCENARIO_FIELDS["spike_multiplier"][1:]

    s_vol, v_vol = d["seat_volatility"], d["volume_volatility"]
    numbers = np.ceil(d["phone_numbers"] - WHOLE_TOLERANCE * d["phone_numbers"])
    rate = d["engineer_rate"]
    ucaas_deploy, cpaas_deploy = d["ucaas_deploy_months"], d["cpaas_deploy_months"]

    cost = np.empty((months, len(options), n))  # the whole array, as numpy holds it
    W = np.zeros(n)
    V = np.zeros(n)
    seat_growth = notif_growth = api_growth = escalation = discount = 1.0
    disc_step = (1 + d["discount_rate"]) ** (-1 / 12)
    for m in range(1, months + 1):
        i = m - 1
        if i > 0:
            W += s_vol * rng.standard_normal(n) - s_vol * s_vol / 2
            V += v_vol * rng.standard_normal(n) - v_vol * v_vol / 2
            seat_growth = seat_growth * (1 + d["seat_growth"])
            notif_growth = notif_growth * (1 + d["notification_growth"])
            api_growth = api_growth * (1 + d["api_growth"])
            discount = discount * disc_step
            if i % 12 == 0:
                escalation = escalation * (1 + d["price_escalation"])
        spike = np.ones(n)
        hit = rng.random(n) < d["spike_probability"]
        n_hit = int(np.count_nonzero(hit))
        spike[hit] = np.clip(spike_mult.draw(rng, n_hit), lo_mult, hi_mult)

        seats_real = d["seats"] * seat_growth * np.exp(W)
        seats = np.ceil(seats_real - WHOLE_TOLERANCE * seats_real)
        volume = np.exp(V) * spike
        notifications = d["notifications"] * notif_growth * volume
        api = d["api_requests"] * api_growth * volume
        internal_sms = d["internal_sms_per_seat"] * seats
        voice = d["voice_minutes_per_seat"] * seats

        whole = {"seat": seats, "sms": internal_sms + notifications, "voice": voice, "api": api,
                 "number": numbers, "platform": 1.0}
        staff = {"seat": seats, "sms": internal_sms, "voice": voice,
                 "number": numbers, "platform": 1.0}
        customers = {"sms": notifications, "api": api, "number": numbers, "platform": 1.0}
        full, part = {}, {}
        for key, plan in plans.items():
            full[key] = plan_month(plan, prices[key], whole, seats, escalation, m)
            part[key] = plan_month(plan, prices[key],
                                   staff if plan["model"] == "ucaas" else customers,
                                   seats, escalation, m)

        first = 1.0 if m == 1 else 0.0
        ucaas_hours = d["ucaas_admin_hours"] + first * d["ucaas_setup_hours"]
        cpaas_hours = d["cpaas_maintenance_hours"] + first * d["cpaas_build_hours"]
        delay = d["delay_cost_per_month"]
        overhead = {
            "ucaas": ucaas_hours * rate + np.clip(ucaas_deploy - i, 0, 1) * delay,
            "cpaas": cpaas_hours * rate + np.clip(cpaas_deploy - i, 0, 1) * delay,
            "hybrid": (ucaas_hours + cpaas_hours) * rate
            + np.clip(np.maximum(ucaas_deploy, cpaas_deploy) - i, 0, 1) * delay,
        }
        for o, (_, kind, u, c) in enumerate(options):
            charge = full[u or c] if kind != "hybrid" else part[u] + part[c]
            np.add(charge, overhead[kind], out=cost[i, o])  # in place: no temporaries
            cost[i, o] *= discount
    return cost


def summarise(cost):
    """What summary.csv and monthly.csv report, from the whole cost array."""
    months, n_opt, n = cost.shape
    monthly = {"mean": np.empty((months, n_opt)), "q": np.empty((months, 3, n_opt)),
               "cum_q": np.empty((months, 3, n_opt))}
    cum = np.zeros((n_opt, n))
    for i in range(months):  # a running cumulative: no second months x options x trials array
        cum += cost[i]
        monthly["mean"][i] = cost[i].mean(axis=1)
        monthly["q"][i] = np.percentile(cost[i], [5, 50, 95], axis=1)
        monthly["cum_q"][i] = np.percentile(cum, [5, 50, 95], axis=1)
    total = cum  # TCO of each option in each trial
    best = total.min(axis=0)
    is_best = total == best
    share = is_best / is_best.sum(axis=0)  # SPEC 6: k options tied at the lowest get 1/k each
    summary = {"mean": total.mean(axis=1), "sd": total.std(axis=1, ddof=1),
               "q": np.percentile(total, [5, 25, 50, 75, 95], axis=1),
               "p_cheapest": share.mean(axis=1), "p_cheapest_se": share.std(axis=1, ddof=1)
               / math.sqrt(n)}
    return summary, monthly, total


# ---- standard errors for the comparison (--se) ---------------------------------------------


def hall_sheather(p, n, alpha=0.05):
    """Hall & Sheather (1988) bandwidth for the sparsity 1/f(x_p)."""
    nd = NormalDist()
    z, za = nd.inv_cdf(p), nd.inv_cdf(1 - alpha / 2)
    return n ** (-1 / 3) * za ** (2 / 3) * (1.5 * nd.pdf(z) ** 2 / (2 * z * z + 1)) ** (1 / 3)


def quantile_se(x, ps):
    """SE of each p-quantile of the rows of x: sqrt(p(1-p)/n) / f(x_p), with f(x_p) estimated as
    2h / (Q(p+h) - Q(p-h)) (Siddiqui-Bloch-Gastwirth, Hall-Sheather h). Also returns f."""
    n = x.shape[-1]
    out, dens = [], []
    for p in ps:
        h = hall_sheather(p, n)
        lo, hi = max(p - h, 0.5 / n), min(p + h, 1 - 0.5 / n)
        qlo, qhi = np.percentile(x, [100 * lo, 100 * hi], axis=-1)
        f = (hi - lo) / np.maximum(qhi - qlo, 1e-300)
        dens.append(f)
        out.append(math.sqrt(p * (1 - p) / n) / f)
    return np.array(out), np.array(dens)


def write_se(path, file_name, scenario_name, options, cost, total):
    months, n_opt, n = cost.shape
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writerow(["file", "scenario", "option", "series", "month", "stat", "density", "se"])
        ps = [0.05, 0.25, 0.5, 0.75, 0.95]
        se, dens = quantile_se(total, ps)
        sd = total.std(axis=1, ddof=1) / math.sqrt(n)
        for o, opt in enumerate(options):
            w.writerow([file_name, scenario_name, opt[0], "total", "", "mean", "", num(sd[o])])
            for k, p in enumerate(ps):
                w.writerow([file_name, scenario_name, opt[0], "total", "", f"p{round(100 * p):02d}",
                            num(dens[k][o]), num(se[k][o])])
        cum = np.zeros((n_opt, n))
        for i in range(months):
            cum += cost[i]
            mse = cost[i].std(axis=1, ddof=1) / math.sqrt(n)
            cse, cdens = quantile_se(cost[i], [0.05, 0.5, 0.95])
            use, udens = quantile_se(cum, [0.05, 0.5, 0.95])
            for o, opt in enumerate(options):
                w.writerow([file_name, scenario_name, opt[0], "cost", i + 1, "mean", "",
                            num(mse[o])])
                for k, tag in enumerate(["p05", "p50", "p95"]):
                    w.writerow([file_name, scenario_name, opt[0], "cost", i + 1, tag,
                                num(cdens[k][o]), num(cse[k][o])])
                    w.writerow([file_name, scenario_name, opt[0], "cumulative", i + 1, tag,
                                num(udens[k][o]), num(use[k][o])])


def num(x):
    """A number as tcosim writes it (sim/csvwrite.c): the shortest of %.15g..%.17g that reads
    back exactly, 0 for zero, empty when not finite."""
    x = float(x)
    if not math.isfinite(x):
        return ""
    if x == 0:
        return "0"
    for prec in (15, 16, 17):
        s = "%.*g" % (prec, x)
        if float(s) == x:
            return s
    return s


# ---- options and output ------------------------------------------------------------------


def build_options(plans, cells):
    """(name, kind, ucaas plan, cpaas plan) in tcosim's order, with its `note` and whether the
    option is offered (a CPaaS plan must price every kind of usage it carries)."""
    has = {k: not cells[c].is_zero() for k, c in [
        ("internal_sms", "internal_sms_per_seat"), ("notifications", "notifications"),
        ("voice", "voice_minutes_per_seat"), ("api", "api_requests")]}

    def name(key):
        return f"{key[0]}/{key[1]}"

    def prices_all(key, sms, voice, api):
        items = plans[key]["items"]
        return (not sms or "sms" in items) and (not voice or "voice" in items) and \
            (not api or "api" in items)

    def caveat(key):
        items = plans[key]["items"]
        sms_free = has["notifications"] and "sms" not in items
        api_free = has["api"] and "api" not in items
        if not sms_free and not api_free:
            return ""
        what = "sms or api" if sms_free and api_free else "sms" if sms_free else "api"
        carried = ("notifications and API requests are" if sms_free and api_free
                   else "notifications are" if sms_free else "API requests are")
        return (f"{name(key)} prices no {what}: its customer {carried} carried at no charge "
                "(tcosim-prices(5): a UCaaS plan covers the usage it does not price); add the vendor's "
                "rate to the sheet if it bills one")

    ucaas = [k for k, p in plans.items() if p["model"] == "ucaas"]
    cpaas = [k for k, p in plans.items() if p["model"] == "cpaas"]
    options = [(f"ucaas:{name(u)}", "ucaas", u, None, True, caveat(u)) for u in ucaas]
    options += [(f"cpaas:{name(c)}", "cpaas", None, c,
                 prices_all(c, has["internal_sms"] or has["notifications"], has["voice"],
                            has["api"]), "") for c in cpaas]
    options += [(f"hybrid:{name(u)}+{name(c)}", "hybrid", u, c,
                 prices_all(c, has["notifications"], False, has["api"]), "")
                for u in ucaas for c in cpaas]
    if not all(o[4] for o in options):
        raise SystemExit("reference.py: the bench workload expects every option offered")
    return options


def write_outputs(out, file_name, scenario_name, seed, options, summary, monthly, n, months):
    os.makedirs(out, exist_ok=True)
    version = f"reference.py numpy {np.__version__}"
    with open(os.path.join(out, "summary.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writerow(["file", "scenario", "option", "trials", "mean", "sd", "p05", "p25", "p50",
                    "p75", "p95", "p_cheapest", "mean_se", "p_cheapest_se", "offered",
                    "not_offered_reason", "months", "seed", "version", "note"])
        for o, opt in enumerate(options):
            w.writerow([file_name, scenario_name, opt[0], n, num(summary["mean"][o]),
                        num(summary["sd"][o])]
                       + [num(summary["q"][k][o]) for k in range(5)]
                       + [num(summary["p_cheapest"][o]),
                          num(summary["sd"][o] / math.sqrt(n)),
                          num(summary["p_cheapest_se"][o]), "yes", "", months, seed, version,
                          opt[5]])
    with open(os.path.join(out, "monthly.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writerow(["file", "scenario", "option", "month", "cost_mean", "cost_p05", "cost_p50",
                    "cost_p95", "cumulative_p50", "cumulative_p05", "cumulative_p95", "trials"])
        for o, opt in enumerate(options):
            for i in range(months):
                q, cq = monthly["q"][i], monthly["cum_q"][i]
                w.writerow([file_name, scenario_name, opt[0], i + 1, num(monthly["mean"][i][o]),
                            num(q[0][o]), num(q[1][o]), num(q[2][o]), num(cq[1][o]),
                            num(cq[0][o]), num(cq[2][o]), n])


def leading_two(options, summary):
    """SPEC section 10: the indices of the leader and runner_up, the options with the highest
    and second-highest p_cheapest, ties broken by the lower mean TCO, then by name."""
    order = sorted(range(len(options)), key=lambda o: (-summary["p_cheapest"][o],
                                                       summary["mean"][o], options[o][0]))
    return order[0], order[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--trials", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", required=True, help="directory for summary.csv and monthly.csv")
    ap.add_argument("--scenario", default=os.path.join(HERE, "bench-scenario.csv"))
    ap.add_argument("--prices", default=os.path.join(HERE, "bench-prices.csv"))
    ap.add_argument("--se", action="store_true",
                    help="also write se.csv (standard errors for compare_reference.py)")
    args = ap.parse_args()
    if args.trials < 2:
        ap.error("--trials must be at least 2")

    scenario = read_scenario(args.scenario)
    plans = read_prices(args.prices)
    options = build_options(plans, scenario[2])
    file_name = os.path.relpath(args.scenario)
    months, n = scenario[1], args.trials
    option_rows = [(name, kind, u, c) for name, kind, u, c, _, _ in options]

    start = time.perf_counter()
    cost = simulate(scenario, plans, option_rows, n, args.seed)
    summary, monthly, total = summarise(cost)
    leader, runner_up = leading_two(options, summary)
    diff = total[runner_up] - total[leader]
    diff_mean, diff_se = diff.mean(), diff.std(ddof=1) / math.sqrt(n)
    seconds = time.perf_counter() - start

    write_outputs(args.out, file_name, scenario[0], args.seed, options, summary, monthly, n,
                  months)
    if args.se:
        write_se(os.path.join(args.out, "se.csv"), file_name, scenario[0], options, cost, total)
    print(f"reference: {n} trials, {months} months, {len(options)} options, {seconds:.2f} s, "
          f"{n * months / seconds:.0f} trial-months/s")
    print(f"reference: leader {options[leader][0]}, runner_up {options[runner_up][0]}, "
          f"mean difference {diff_mean:.6g}, se {diff_se:.6g}")


if __name__ == "__main__":
    main()
