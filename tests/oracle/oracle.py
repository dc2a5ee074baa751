#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of METRICS.md.

Reads skudesk's native CSV layouts (DATA-FORMATS.md) directly, with no database, and
prints the machine-readable report of METRICS.md ("The machine-readable report") as JSON.
It exists to cross-check `skudesk report --format json` figure by figure (see compare.py),
so it follows the spec literally and shares no code with the Rust app.

Python 3 standard library only. Money is `decimal.Decimal` (exact sums); every threshold
comparison is exact (`fractions.Fraction`); ratios and days are printed as floats computed
from exact values with a single final rounding.

Usage:
  python3 oracle.py --products P --stock S --orders O [--traffic T]
                    [--as-of YYYY-MM-DD] [--window 90] [--velocity 30]
                    [--low 0.25] [--high 0.30] [--slow-days 30] [--best-days 6]
                    [--trend week|month [--periods 12] [--week-start monday]]
                    [--lead-time 14] [--review-period 7] [--safety-days 3]
Each file option may be repeated (later files win, as repeated imports would) or omitted.
- --trend adds `trend` (as `skudesk report --trend`): N (--periods) calendar weeks
  starting on --week-start (the `week_start` setting: monday … sunday) or calendar
  months, oldest first, the last one cut at the as-of date; each point is the flow KPIs
  of the report as of the period's last day with W = the period's days.
- --lead-time, --review-period, --safety-days: the reorder settings L, R, S (days) of
  METRICS.md "Next steps per SKU"; a product's `lead_time_days` overrides L.
Always written: `kpis.cost_coverage`, `kpis.gross_margin_costed`, `kpis.reorder_now`,
`kpis.age_buckets` (with capital_share), `kpis.revenue_growth_yoy`, `year_earlier`, and
per SKU `stockout_date`, `reorder_now`, `reorder_qty`. Extra per-SKU fields (not in the
contract): `cost_missing`, `lifecycle`, `lines_in_window`.

Readings of METRICS.md where it leaves room (the Rust side takes the same):
- The first trend period is a whole calendar week/month even when the data begins later.
- `year_earlier.kpis` is the whole KPI object of the report as of D' (same W, V), stock
  figures included (lots received by D', ages counted from D'), and its own
  `revenue_growth_yoy` (D' against D' minus one year, null unless covered likewise).
- Coverage of the year earlier looks at the earliest order line of all the data.
- "A SKU has a unit cost" = its product unit cost is set (0.00 is a cost); a lot cost on
  a cost-missing SKU counts for capital only.
- Portfolio age buckets sum exact capital and round once; capital_share is null when
  capital tied up is 0.
- SKUs created from order lines (no lifecycle) get next steps like any other SKU; a
  stock-out date past 9999-12-31 is written null.
Exit status: 0 ok, 2 bad input (every error printed as FILE:LINE: column NAME: ...).
"""

import argparse
import bisect
import csv
import datetime as dt
import json
import math
import re
import sys
from decimal import Decimal, ROUND_HALF_UP, InvalidOperation
from fractions import Fraction

ERROR_CAP = 100
CURRENCY_SIGNS = "¥￥$£€"
BUCKETS_DEFAULT = [(0, 30), (31, 60), (61, 90), (91, 180), (181, None)]
TIERS = ("high", "mid", "low", "unclassified")


class InputError(Exception):
    pass


class Errors:
    def __init__(self):
        self.items = []

    def add(self, path, line, column, what, value):
        self.items.append(f"{path}:{line}: column {column}: {what} ({value!r})")

    def raise_if_any(self):
        if self.items:
            shown = self.items[:ERROR_CAP]
            more = len(self.items) - len(shown)
            msg = "\n".join(shown) + (f"\n... and {more} more" if more > 0 else "")
            raise InputError(msg)


# ---------------------------------------------------------------------------
# Cell cleaning (DATA-FORMATS.md rules + the team's decisions)
# ---------------------------------------------------------------------------

def clean_id(cell):
    """Trim, then unwrap spreadsheet wrappers `="536365"` and a leading `'`."""
    s = cell.strip()
    m = re.fullmatch(r'=\s*"(.*)"', s, flags=re.S)
    if m:
        s = m.group(1).strip()
    elif s.startswith("'"):
        s = s[1:].strip()
    return s


def clean_customer(cell):
    s = clean_id(cell)
    # 17850.0 is the same customer as 17850 (spreadsheet float artefact).
    m = re.fullmatch(r"(-?\d+)\.0+", s)
    if m:
        s = m.group(1)
    return s


_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


def parse_decimal(cell, money):
    """Return a Decimal or raise ValueError. Money may carry a currency sign."""
    s = cell.strip()
    if money:
        s = "".join(ch for ch in s if ch not in CURRENCY_SIGNS)
        s = s.replace(" ", "").replace("\u00a0", "")
    if "," in s:
        if not _GROUPED.fullmatch(s):
            raise ValueError("not a number")
        s = s.replace(",", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", s):
        raise ValueError("not a number")
    try:
        return Decimal(s)
    except InvalidOperation:
        raise ValueError("not a number")


def parse_int(cell):
    d = parse_decimal(cell, money=False)
    if d != d.to_integral_value():
        raise ValueError("not a whole number")
    return int(d)


_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?")


def parse_date(cell):
    s = cell.strip()
    m = _DATE.fullmatch(s)
    if not m:
        raise ValueError("not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS])")
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    day = dt.date(y, mo, d)  # raises ValueError on an impossible date
    if m.group(4) is not None:
        hh, mm = int(m.group(4)), int(m.group(5))
        ss = int(m.group(6)) if m.group(6) is not None else 0
        if hh > 23 or mm > 59 or ss > 59:
            raise ValueError("not a valid time")
    return day


def read_csv(path, required, errors):
    """Yield (line_number, {normalised header: trimmed cell}) and the header set."""
    with open(path, "r", encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            errors.add(path, 1, "-", "empty file, no header", "")
            return set(), []
        names = [h.replace("\ufeff", "").strip().lower() for h in header]
        missing = [r for r in required if r not in names]
        for r in missing:
            errors.add(path, 1, r, "required column missing", ",".join(header))
        if missing:
            return set(names), []
        rows = []
        for row in reader:
            line = reader.line_num
            if not any(c.strip() for c in row):
                continue  # blank line
            rec = {}
            for i, name in enumerate(names):
                if not name:
                    continue
                cell = row[i] if i < len(row) else ""
                if name not in rec:  # first column of a duplicated name wins
                    rec[name] = cell.strip()
            rows.append((line, rec))
        return set(names), rows


# ---------------------------------------------------------------------------
# Loading the four native files
# ---------------------------------------------------------------------------

class Product:
    def __init__(self, sku):
        self.sku = sku
        self.name = ""
        self.category = ""
        self.brand = ""
        self.unit_cost = None  # None = cost missing
        self.list_price = None  # None = missing
        self.lifecycle = ""
        self.lead_time = None  # lead_time_days; None = the lead-time setting


class Line:
    __slots__ = ("order_id", "line_no", "day", "sku", "qty", "unit_price", "discount",
                 "customer", "channel")


def load_products(paths, products, errors):
    for path in paths:
        header, rows = read_csv(path, ["sku", "unit_cost"], errors)
        for line, r in rows:
            sku = clean_id(r["sku"])
            if not sku:
                errors.add(path, line, "sku", "empty", r["sku"])
                continue
            p = products.get(sku) or Product(sku)
            ok = True
            if r["unit_cost"] == "":
                cost = None
            else:
                try:
                    cost = parse_decimal(r["unit_cost"], money=True)
                except ValueError as e:
                    errors.add(path, line, "unit_cost", str(e), r["unit_cost"])
                    ok = False
            lp = p.list_price
            if "list_price" in header:
                if r["list_price"] == "":
                    lp = None
                else:
                    try:
                        lp = parse_decimal(r["list_price"], money=True)
                    except ValueError as e:
                        errors.add(path, line, "list_price", str(e), r["list_price"])
                        ok = False
            lt = p.lead_time
            if "lead_time_days" in header:
                if r["lead_time_days"] == "":
                    lt = None  # empty: the setting applies
                else:
                    try:
                        lt = parse_int(r["lead_time_days"])
                        if lt < 0:
                            raise ValueError("negative lead time")
                    except ValueError as e:
                        errors.add(path, line, "lead_time_days", str(e), r["lead_time_days"])
                        ok = False
            if not ok:
                continue
            p.unit_cost = cost
            p.list_price = lp
            p.lead_time = lt
            for field in ("name", "category", "brand"):
                if field in header:
                    setattr(p, field, r[field])
            if "lifecycle" in header:
                p.lifecycle = r["lifecycle"].strip().lower()
            products[sku] = p


def load_stock(paths, errors):
    """Return ({sku: [(qty, received_day, unit_cost or None)]}, all SKUs seen)."""
    lots = {}
    seen = []
    for path in paths:
        _, rows = read_csv(path, ["sku", "qty", "received_on"], errors)
        file_lots = {}
        for line, r in rows:
            sku = clean_id(r["sku"])
            ok = True
            if not sku:
                errors.add(path, line, "sku", "empty", r["sku"])
                ok = False
            try:
                qty = parse_int(r["qty"])
                if qty < 0:
                    raise ValueError("negative stock quantity")
            except ValueError as e:
                errors.add(path, line, "qty", str(e), r["qty"])
                ok = False
            try:
                day = parse_date(r["received_on"])
            except ValueError as e:
                errors.add(path, line, "received_on", str(e), r["received_on"])
                ok = False
            cost = None
            if r.get("unit_cost", "") != "":
                try:
                    cost = parse_decimal(r["unit_cost"], money=True)
                except ValueError as e:
                    errors.add(path, line, "unit_cost", str(e), r["unit_cost"])
                    ok = False
            if ok:
                file_lots.setdefault(sku, []).append((qty, day, cost))
                seen.append(sku)
        # A stock file replaces all lots of the SKUs it names.
        for sku, l in file_lots.items():
            lots[sku] = l
    return lots, seen


def load_orders(paths, errors):
    """Return ({(order_id, line_no): Line} deduped, later wins; all SKUs seen)."""
    lines = {}
    seen = []
    for path in paths:
        header, rows = read_csv(
            path, ["order_id", "ordered_at", "sku", "qty", "unit_price"], errors)
        has_line_no = "line_no" in header
        position = {}
        for line, r in rows:
            ok = True
            oid = clean_id(r["order_id"])
            if not oid:
                errors.add(path, line, "order_id", "empty", r["order_id"])
                ok = False
            position[oid] = position.get(oid, 0) + 1
            line_no = position[oid]
            if has_line_no and r["line_no"] != "":
                raw = clean_id(r["line_no"])
                try:
                    line_no = parse_int(raw)
                except ValueError:
                    line_no = raw  # a textual line id is kept as written
            sku = clean_id(r["sku"])
            if not sku:
                errors.add(path, line, "sku", "empty", r["sku"])
                ok = False
            try:
                day = parse_date(r["ordered_at"])
            except ValueError as e:
                errors.add(path, line, "ordered_at", str(e), r["ordered_at"])
                ok = False
            try:
                qty = parse_int(r["qty"])
            except ValueError as e:
                errors.add(path, line, "qty", str(e), r["qty"])
                ok = False
            try:
                price = parse_decimal(r["unit_price"], money=True)
            except ValueError as e:
                errors.add(path, line, "unit_price", str(e), r["unit_price"])
                ok = False
            discount = Decimal(0)
            if r.get("discount", "") != "":
                try:
                    discount = parse_decimal(r["discount"], money=True)
                    if discount < 0:
                        raise ValueError("negative discount (a line total >= 0)")
                except ValueError as e:
                    errors.add(path, line, "discount", str(e), r["discount"])
                    ok = False
            if not ok:
                continue
            ln = Line()
            ln.order_id, ln.line_no, ln.day, ln.sku = oid, line_no, day, sku
            ln.qty, ln.unit_price, ln.discount = qty, price, discount
            ln.customer = clean_customer(r.get("customer_id", ""))
            ln.channel = r.get("channel", "").strip()
            lines[(oid, line_no)] = ln
            seen.append(sku)
    return lines, seen


def load_traffic(paths, errors):
    """Return {(sku, day): visitors}; duplicates within a file are summed, a later
    file replaces the (sku, day) entries it names."""
    traffic = {}
    for path in paths:
        _, rows = read_csv(path, ["sku", "date", "visitors"], errors)
        file_rows = {}
        for line, r in rows:
            ok = True
            sku = clean_id(r["sku"])
            if not sku:
                errors.add(path, line, "sku", "empty", r["sku"])
                ok = False
            try:
                day = parse_date(r["date"])
            except ValueError as e:
                errors.add(path, line, "date", str(e), r["date"])
                ok = False
            try:
                visitors = parse_int(r["visitors"])
                if visitors < 0:
                    raise ValueError("negative visitors")
            except ValueError as e:
                errors.add(path, line, "visitors", str(e), r["visitors"])
                ok = False
            if ok:
                file_rows[(sku, day)] = file_rows.get((sku, day), 0) + visitors
        traffic.update(file_rows)
    return traffic


# ---------------------------------------------------------------------------
# Formatting helpers
# ---------------------------------------------------------------------------

CENT = Decimal("0.01")


def money(d):
    q = Decimal(d).quantize(CENT, rounding=ROUND_HALF_UP)  # half away from zero
    if q == 0:
        q = Decimal("0.00")
    return format(q, "f")


def ratio(num, den):
    """num/den as a float, null when the denominator is <= 0."""
    num, den = Fraction(num), Fraction(den)
    if den <= 0:
        return None
    return float(num / den)


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------

class Settings:
    """The settings of METRICS.md the report depends on (defaults in brackets there)."""

    def __init__(self, low=Fraction(25, 100), high=Fraction(30, 100), slow_days=30,
                 best_days=6, buckets=BUCKETS_DEFAULT, lead_time=14, review=7, safety=3):
        self.low, self.high = low, high
        self.slow_days, self.best_days = slow_days, best_days
        self.buckets = buckets
        self.lead_time, self.review, self.safety = lead_time, review, safety


class Data:
    """The imported data: products, today's lots, order lines sorted by day, traffic."""

    def __init__(self, products, lots, lines, traffic, traffic_given):
        self.products = products
        self.lots = lots
        self.lines = sorted(lines.values(), key=lambda ln: ln.day)
        self.days = [ln.day for ln in self.lines]
        self.traffic = traffic
        self.traffic_given = traffic_given
        # Earliest order line (any date, also after D): the year-earlier coverage test.
        self.earliest = self.days[0] if self.days else None

    def between(self, start, end):
        """Lines dated start … end inclusive."""
        return self.lines[bisect.bisect_left(self.days, start):
                          bisect.bisect_right(self.days, end)]

    def upto(self, end):
        """Lines dated <= end (lines after the as-of date are ignored everywhere)."""
        return self.lines[:bisect.bisect_right(self.days, end)]


def net_rev(ln):
    return ln.qty * ln.unit_price - ln.discount


def days(n):
    return dt.timedelta(days=n)


def minus_year(d):
    """D minus one year: same month and day; 29 Feb → 28 Feb (METRICS.md "Year earlier")."""
    if d.month == 2 and d.day == 29:
        return dt.date(d.year - 1, 2, 28)
    return d.replace(year=d.year - 1)


class Flow:
    """The flow figures of the lines dated start … end: a window W = end − start + 1 days
    ending at the as-of date `end`. Shared by the headline report (W) and each trend point
    (the period), so both read the same definitions."""

    def __init__(self, data, s, start, end):
        products = data.products
        self.start, self.end = start, end
        self.window = data.between(start, end)

        def cost_of(sku):
            c = products[sku].unit_cost
            return c if c is not None else Decimal(0)  # cost missing: COGS 0

        # Per SKU over the window: net revenue, COGS, net units, number of lines.
        self.agg = {sku: [Decimal(0), Decimal(0), 0, 0] for sku in products}
        for ln in self.window:
            a = self.agg[ln.sku]
            a[0] += net_rev(ln)
            a[1] += ln.qty * cost_of(ln.sku)
            a[2] += ln.qty
            a[3] += 1

        # Tiers: each SKU's tier margin over this window (else its list margin).
        self.tiers = {}
        for sku, p in products.items():
            nr, cogs = self.agg[sku][0], self.agg[sku][1]
            if p.unit_cost is None:
                self.tiers[sku] = (None, "unclassified")  # cost missing: margin undefined
                continue
            if nr > 0:
                m = Fraction(nr - cogs) / Fraction(nr)
            elif p.list_price is not None and p.list_price != 0:
                m = Fraction(p.list_price - p.unit_cost) / Fraction(p.list_price)
            else:
                self.tiers[sku] = (None, "unclassified")
                continue
            # Exact comparisons: 30.00 % is high, 25.00 % is mid.
            t = "low" if m < s.low else ("high" if m >= s.high else "mid")
            self.tiers[sku] = (m, t)

        self.nr = sum((a[0] for a in self.agg.values()), Decimal(0))
        self.cogs = sum((a[1] for a in self.agg.values()), Decimal(0))
        self.units = sum(a[2] for a in self.agg.values())
        costed = [a for sku, a in self.agg.items() if products[sku].unit_cost is not None]
        self.costed_nr = sum((a[0] for a in costed), Decimal(0))
        self.costed_cogs = sum((a[1] for a in costed), Decimal(0))

        self.nr_by_tier = {t: Decimal(0) for t in TIERS}
        self.gp_by_tier = {t: Decimal(0) for t in TIERS}
        for sku, a in self.agg.items():
            t = self.tiers[sku][1]
            self.nr_by_tier[t] += a[0]
            self.gp_by_tier[t] += a[0] - a[1]

        self.repurchase = self._repurchase(lambda ln: True)
        self.high_repurchase = self._repurchase(lambda ln: self.tiers[ln.sku][1] == "high")

        if any(ln.channel for ln in self.window):
            mobile_nr = sum((net_rev(ln) for ln in self.window
                             if ln.channel.lower() == "mobile"), Decimal(0))
            self.mobile_share = ratio(mobile_nr, self.nr)
        else:
            self.mobile_share = None  # no line in W has a channel

        self.conversion = None
        if data.traffic_given and data.traffic:
            new_skus = {sku for sku, p in products.items() if p.lifecycle == "new"}
            visitors = sum(v for (sku, day), v in data.traffic.items()
                           if sku in new_skus and start <= day <= end)
            buyers = {ln.customer for ln in self.window
                      if ln.qty > 0 and ln.customer and ln.sku in new_skus}
            self.conversion = ratio(len(buyers), visitors)

    def _repurchase(self, pred):
        orders = {}
        for ln in self.window:
            if ln.qty > 0 and ln.customer and pred(ln):
                orders.setdefault(ln.customer, set()).add(ln.order_id)
        if not orders:
            return None
        return ratio(sum(1 for o in orders.values() if len(o) >= 2), len(orders))

    def kpis(self):
        """The flow KPIs (METRICS.md "Over time", point k), in the report's formats."""
        gp = self.nr - self.cogs
        return {
            "net_revenue": money(self.nr),
            "cogs": money(self.cogs),
            "gross_profit": money(gp),
            "gross_margin": ratio(gp, self.nr),
            "gross_margin_costed": ratio(self.costed_nr - self.costed_cogs, self.costed_nr),
            "cost_coverage": ratio(self.costed_nr, self.nr),
            "tier_share_revenue": {t: ratio(self.nr_by_tier[t], self.nr) for t in TIERS},
            "tier_share_gp": {t: ratio(self.gp_by_tier[t], gp) for t in TIERS},
            "units": self.units,
            "repurchase_rate": self.repurchase,
            "high_tier_repurchase_rate": self.high_repurchase,
            "mobile_share": self.mobile_share,
            "new_product_conversion": self.conversion,
        }


def bucket_label(lo, hi):
    return f"{lo}+" if hi is None else f"{lo}-{hi}"


def snapshot(data, s, D, W, V):
    """The report's KPIs (all but revenue growth) and SKU rows as of the end of D."""
    products = data.products
    f = Flow(data, s, D - days(W - 1), D)
    v_start = D - days(V - 1)

    units_v = {sku: 0 for sku in products}
    for ln in data.between(v_start, D):
        units_v[ln.sku] += ln.qty
    last_sale = {}
    for ln in data.upto(D):  # sorted by day: the last qty > 0 line wins
        if ln.qty > 0:
            last_sale[ln.sku] = ln.day

    def cost_of(sku):
        c = products[sku].unit_cost
        return c if c is not None else Decimal(0)

    def bucket_index(age):
        for i, (lo, hi) in enumerate(s.buckets):
            if age >= lo and (hi is None or age <= hi):
                return i
        raise AssertionError(f"lot age {age} in no bucket")

    nb = len(s.buckets)
    stock = {}
    for sku in products:
        on_hand, capital = 0, Decimal(0)
        b_units, b_cap = [0] * nb, [Decimal(0)] * nb
        for qty, day, lot_cost in data.lots.get(sku, []):
            if day > D:
                continue  # received after D: not on hand at D
            c = lot_cost if lot_cost is not None else cost_of(sku)
            on_hand += qty
            capital += qty * c
            i = bucket_index((D - day).days)
            b_units[i] += qty
            b_cap[i] += qty * c
        stock[sku] = (on_hand, capital, b_units, b_cap)

    rows = []
    slow_count = best_count = reorder_count = 0
    for sku in sorted(products, key=lambda x: x.encode("utf-8")):
        p = products[sku]
        nr, cogs, units, nlines = f.agg[sku]
        m, tier = f.tiers[sku]
        on_hand, capital, b_units, b_cap = stock[sku]
        vel = Fraction(units_v[sku], V)
        if on_hand == 0:
            cover, infinite = Fraction(0), False
        elif vel <= 0:
            cover, infinite = None, True
        else:
            cover, infinite = Fraction(on_hand) / vel, False
        dsls = (D - last_sale[sku]).days if sku in last_sale else None
        slow = on_hand > 0 and (dsls is None or dsls >= s.slow_days
                                or infinite or cover >= s.slow_days)
        best = on_hand > 0 and vel > 0 and not infinite and cover <= s.best_days
        # Next steps (METRICS.md "Next steps per SKU"), exact arithmetic.
        lead = p.lead_time if p.lead_time is not None else s.lead_time
        stockout, reorder, order_qty = None, False, 0
        if vel > 0 and p.lifecycle not in ("clearance", "discontinued"):
            ahead = math.floor(Fraction(on_hand) / vel)
            try:
                stockout = (D + days(ahead)).isoformat()
            except OverflowError:
                stockout = None  # past 9999-12-31: not a date (METRICS.md is silent)
            reorder = on_hand <= vel * (lead + s.safety)
            if reorder:
                order_qty = math.ceil(vel * (lead + s.review + s.safety) - on_hand)
        slow_count += slow
        best_count += best
        reorder_count += reorder
        rows.append({
            "sku": sku,
            "name": p.name,
            "category": p.category,
            "tier": tier,
            "tier_overridden": False,
            "tier_margin": None if m is None else float(m),
            "net_revenue": money(nr),
            "gross_profit": money(nr - cogs),
            "units": units,
            "on_hand": on_hand,
            "capital": money(capital),
            "velocity": float(vel),
            "days_of_cover": None if cover is None else float(cover),
            "cover_infinite": infinite,
            "days_since_last_sale": dsls,
            "slow": slow,
            "best_seller": best,
            "age_buckets": [
                {"label": bucket_label(lo, hi), "units": b_units[i],
                 "capital": money(b_cap[i])}
                for i, (lo, hi) in enumerate(s.buckets)],
            "stockout_date": stockout,
            "reorder_now": reorder,
            "reorder_qty": order_qty,
            "cost_missing": p.unit_cost is None,
            "lifecycle": p.lifecycle or None,  # none given: null
            "lines_in_window": nlines,
        })

    total_capital = sum((st[1] for st in stock.values()), Decimal(0))
    skus_by_tier = {t: 0 for t in TIERS}
    counted = 0
    for sku, a in f.agg.items():
        if stock[sku][0] > 0 or a[3] > 0:  # on hand > 0 or any line in W
            skus_by_tier[f.tiers[sku][1]] += 1
            counted += 1
    # Portfolio age buckets: Σ over SKUs of exact units and capital, rounded once.
    b_units = [sum(st[2][i] for st in stock.values()) for i in range(nb)]
    b_cap = [sum((st[3][i] for st in stock.values()), Decimal(0)) for i in range(nb)]

    fk = f.kpis()
    kpis = {
        "net_revenue": fk["net_revenue"],
        "cogs": fk["cogs"],
        "gross_profit": fk["gross_profit"],
        "gross_margin": fk["gross_margin"],
        "tier_share_revenue": fk["tier_share_revenue"],
        "tier_share_gp": fk["tier_share_gp"],
        "tier_share_skus": {t: ratio(skus_by_tier[t], counted) for t in TIERS},
        "capital_tied_up": money(total_capital),
        "portfolio_turnover_days": (
            None if f.cogs <= 0 else float(Fraction(total_capital) * W / Fraction(f.cogs))),
        "slow_movers": slow_count,
        "best_sellers": best_count,
        "repurchase_rate": fk["repurchase_rate"],
        "high_tier_repurchase_rate": fk["high_tier_repurchase_rate"],
        "mobile_share": fk["mobile_share"],
        "new_product_conversion": fk["new_product_conversion"],
        "cost_coverage": fk["cost_coverage"],
        "gross_margin_costed": fk["gross_margin_costed"],
        "reorder_now": reorder_count,
        "age_buckets": [
            {"label": bucket_label(lo, hi), "units": b_units[i], "capital": money(b_cap[i]),
             "capital_share": ratio(b_cap[i], total_capital)}
            for i, (lo, hi) in enumerate(s.buckets)],
        "revenue_growth_yoy": None,  # set by headline()
    }
    return kpis, rows, f.nr


def year_earlier_date(data, D, W):
    """D' when the data reaches back to the year-earlier window's first day, else None."""
    d1 = minus_year(D)
    first = d1 - days(W - 1)
    if data.earliest is None or data.earliest > first:
        return None  # a half-covered window is never compared
    return d1


def headline(data, s, D, W, V):
    """The report's KPIs as of D, revenue growth on the year earlier included."""
    kpis, rows, nr = snapshot(data, s, D, W, V)
    d1 = year_earlier_date(data, D, W)
    if d1 is not None:
        nr1 = Flow(data, s, d1 - days(W - 1), d1).nr
        kpis["revenue_growth_yoy"] = ratio(nr - nr1, nr1)  # nr / nr1 − 1; null if nr1 <= 0
    return kpis, rows


def trend_periods(D, period, n, week_start):
    """The N periods (oldest first), the last one cut at D, each earlier one ending the day
    before the next begins. Weeks start on weekday `week_start` (Monday 0 … Sunday 6).

    Literal reading (METRICS.md does not say otherwise): the periods are calendar weeks or
    months whatever the data; the first (oldest) one is NOT cut where the data begins, so
    it may hold days before the earliest order line."""
    if period == "week":
        start = D - days((D.weekday() - week_start) % 7)
    else:
        start = D.replace(day=1)
    end = D
    out = []
    for _ in range(n):
        out.append((start, end))
        end = start - days(1)
        start = end - days(6) if period == "week" else end.replace(day=1)
    out.reverse()
    return out


def trend(data, s, D, period, n, week_start):
    points = []
    for start, end in trend_periods(D, period, n, week_start):
        # The report with as-of = the period's last day and W = the period's days (V is
        # unchanged and no flow KPI reads it); tiers are that report's.
        points.append({"start": start.isoformat(), "end": end.isoformat(),
                       "kpis": Flow(data, s, start, end).kpis()})
    return {"period": period, "points": points}


def compute(data, s, D, W, V, trend_period=None, periods=12, week_start=0):
    kpis, rows = headline(data, s, D, W, V)
    d1 = year_earlier_date(data, D, W)
    report = {
        "as_of": D.isoformat(),
        "window_days": W,
        "velocity_days": V,
        "kpis": kpis,
        # The same KPIs object as the report --as-of D' gives (its own revenue growth
        # included, on D' minus one year).
        "year_earlier": None if d1 is None else {
            "as_of": d1.isoformat(), "kpis": headline(data, s, d1, W, V)[0]},
    }
    if trend_period:
        report["trend"] = trend(data, s, D, trend_period, periods, week_start)
    report["skus"] = rows
    return report


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def build_report(args):
    errors = Errors()
    products = {}
    load_products(args.products, products, errors)
    lots, stock_skus = load_stock(args.stock, errors)
    lines, order_skus = load_orders(args.orders, errors)
    traffic = load_traffic(args.traffic, errors)
    errors.raise_if_any()

    # Order lines and stock lots of unknown SKUs create products with no cost.
    for sku in order_skus + stock_skus:
        if sku not in products:
            products[sku] = Product(sku)

    if args.as_of:
        try:
            as_of = parse_date(args.as_of)
        except ValueError:
            raise InputError(f"--as-of: not a date ({args.as_of!r})")
    else:
        all_days = [ln.day for ln in lines.values()]
        all_days += [day for l in lots.values() for (_, day, _) in l]
        if not all_days:
            raise InputError("no order lines or stock lots: give --as-of")
        as_of = max(all_days)
    if args.window < 1 or args.velocity < 1:
        raise InputError("--window and --velocity must be >= 1")
    if args.periods < 1:
        raise InputError("--periods must be >= 1")
    if min(args.lead_time, args.review_period, args.safety_days) < 0:
        raise InputError("--lead-time, --review-period and --safety-days must be >= 0")
    s = Settings(low=Fraction(Decimal(args.low)), high=Fraction(Decimal(args.high)),
                 slow_days=args.slow_days, best_days=args.best_days,
                 lead_time=args.lead_time, review=args.review_period,
                 safety=args.safety_days)
    data = Data(products, lots, lines, traffic, bool(args.traffic))
    return compute(data, s, as_of, args.window, args.velocity, trend_period=args.trend,
                   periods=args.periods, week_start=WEEKDAYS.index(args.week_start))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--products", action="append", default=[])
    ap.add_argument("--stock", action="append", default=[])
    ap.add_argument("--orders", action="append", default=[])
    ap.add_argument("--traffic", action="append", default=[])
    ap.add_argument("--as-of")
    ap.add_argument("--window", type=int, default=90)
    ap.add_argument("--velocity", type=int, default=30)
    ap.add_argument("--low", default="0.25", help="low-tier threshold (margin < low)")
    ap.add_argument("--high", default="0.30", help="high-tier threshold (margin >= high)")
    ap.add_argument("--slow-days", type=int, default=30)
    ap.add_argument("--best-days", type=int, default=6)
    ap.add_argument("--trend", choices=["week", "month"],
                    help="add `trend`: N periods of calendar weeks or months")
    ap.add_argument("--periods", type=int, default=12, help="trend periods N")
    ap.add_argument("--week-start", choices=WEEKDAYS, default="monday",
                    help="first day of a trend week (the week_start setting)")
    ap.add_argument("--lead-time", type=int, default=14,
                    help="lead time L in days when the product has no lead_time_days")
    ap.add_argument("--review-period", type=int, default=7, help="review period R, days")
    ap.add_argument("--safety-days", type=int, default=3, help="safety days S")
    args = ap.parse_args(argv)
    try:
        report = build_report(args)
    except InputError as e:
        print(str(e), file=sys.stderr)
        return 2
    except OSError as e:
        print(f"{e.filename}: {e.strerror}", file=sys.stderr)
        return 2
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
