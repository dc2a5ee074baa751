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
Each file option may be repeated (later files win, as repeated imports would) or omitted.
Exit status: 0 ok, 2 bad input (every error printed as FILE:LINE: column NAME: ...).
"""

import argparse
import csv
import datetime as dt
import json
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
            if not ok:
                continue
            p.unit_cost = cost
            p.list_price = lp
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

def compute(products, lots, lines, traffic, traffic_given, as_of, W, V,
            low=Fraction(25, 100), high=Fraction(30, 100), slow_days=30, best_days=6,
            buckets=BUCKETS_DEFAULT):
    D = as_of
    w_start = D - dt.timedelta(days=W - 1)
    v_start = D - dt.timedelta(days=V - 1)

    def in_w(day):
        return w_start <= day <= D

    def in_v(day):
        return v_start <= day <= D

    live = [ln for ln in lines.values() if ln.day <= D]  # lines after D are ignored

    def cost_of(sku):
        p = products[sku]
        return p.unit_cost if p.unit_cost is not None else Decimal(0)

    def net_rev(ln):
        return ln.qty * ln.unit_price - ln.discount

    def cogs(ln):
        return ln.qty * cost_of(ln.sku)

    # --- per-SKU aggregates --------------------------------------------------------
    agg = {sku: {"nr": Decimal(0), "cogs": Decimal(0), "units": 0, "units_v": 0,
                 "lines_w": 0, "last_sale": None} for sku in products}
    for ln in live:
        a = agg[ln.sku]
        if in_w(ln.day):
            a["nr"] += net_rev(ln)
            a["cogs"] += cogs(ln)
            a["units"] += ln.qty
            a["lines_w"] += 1
        if in_v(ln.day):
            a["units_v"] += ln.qty
        if ln.qty > 0 and (a["last_sale"] is None or ln.day > a["last_sale"]):
            a["last_sale"] = ln.day

    # --- tiers ---------------------------------------------------------------------
    def tier_of(sku):
        p = products[sku]
        a = agg[sku]
        if p.unit_cost is None:
            return None, "unclassified"  # cost missing: margin undefined
        if a["nr"] > 0:
            m = Fraction(a["nr"] - a["cogs"]) / Fraction(a["nr"])
        elif p.list_price is not None and p.list_price != 0:
            m = Fraction(p.list_price - p.unit_cost) / Fraction(p.list_price)
        else:
            return None, "unclassified"
        if m < low:
            t = "low"
        elif m >= high:
            t = "high"
        else:
            t = "mid"
        return m, t

    tiers = {sku: tier_of(sku) for sku in products}

    # --- stock ---------------------------------------------------------------------
    def bucket_index(age):
        for i, (lo, hi) in enumerate(buckets):
            if age >= lo and (hi is None or age <= hi):
                return i
        return None  # cannot happen for age >= 0

    def bucket_label(lo, hi):
        return f"{lo}+" if hi is None else f"{lo}-{hi}"

    stock = {}
    for sku in products:
        on_hand = 0
        capital = Decimal(0)
        b_units = [0] * len(buckets)
        b_cap = [Decimal(0)] * len(buckets)
        for qty, day, lot_cost in lots.get(sku, []):
            if day > D:
                continue  # received after D: not on hand at D
            c = lot_cost if lot_cost is not None else cost_of(sku)
            on_hand += qty
            capital += qty * c
            i = bucket_index((D - day).days)
            b_units[i] += qty
            b_cap[i] += qty * c
        stock[sku] = (on_hand, capital, b_units, b_cap)

    # --- per-SKU rows --------------------------------------------------------------
    rows = []
    slow_count = best_count = 0
    for sku in sorted(products, key=lambda s: s.encode("utf-8")):
        p = products[sku]
        a = agg[sku]
        m, tier = tiers[sku]
        on_hand, capital, b_units, b_cap = stock[sku]
        vel = Fraction(a["units_v"], V)
        if on_hand == 0:
            cover, infinite = Fraction(0), False
        elif vel <= 0:
            cover, infinite = None, True
        else:
            cover, infinite = Fraction(on_hand) / vel, False
        dsls = (D - a["last_sale"]).days if a["last_sale"] is not None else None
        slow = on_hand > 0 and (dsls is None or dsls >= slow_days
                                or infinite or cover >= slow_days)
        best = on_hand > 0 and vel > 0 and not infinite and cover <= best_days
        slow_count += slow
        best_count += best
        rows.append({
            "sku": sku,
            "name": p.name,
            "category": p.category,
            "tier": tier,
            "tier_overridden": False,
            "tier_margin": None if m is None else float(m),
            "net_revenue": money(a["nr"]),
            "gross_profit": money(a["nr"] - a["cogs"]),
            "units": a["units"],
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
                for i, (lo, hi) in enumerate(buckets)],
            "cost_missing": p.unit_cost is None,
            "lifecycle": p.lifecycle,
            "lines_in_window": a["lines_w"],
        })

    # --- KPIs ----------------------------------------------------------------------
    total_nr = sum((a["nr"] for a in agg.values()), Decimal(0))
    total_cogs = sum((a["cogs"] for a in agg.values()), Decimal(0))
    total_gp = total_nr - total_cogs
    total_capital = sum((s[1] for s in stock.values()), Decimal(0))

    nr_by_tier = {t: Decimal(0) for t in TIERS}
    gp_by_tier = {t: Decimal(0) for t in TIERS}
    skus_by_tier = {t: 0 for t in TIERS}
    counted = 0
    for sku, a in agg.items():
        t = tiers[sku][1]
        nr_by_tier[t] += a["nr"]
        gp_by_tier[t] += a["nr"] - a["cogs"]
        if stock[sku][0] > 0 or a["lines_w"] > 0:
            skus_by_tier[t] += 1
            counted += 1

    def shares(by_tier, den):
        return {t: ratio(by_tier[t], den) for t in TIERS}

    def repurchase(pred):
        orders = {}
        for ln in live:
            if in_w(ln.day) and ln.qty > 0 and ln.customer and pred(ln):
                orders.setdefault(ln.customer, set()).add(ln.order_id)
        if not orders:
            return None
        repeat = sum(1 for s in orders.values() if len(s) >= 2)
        return ratio(repeat, len(orders))

    window_lines = [ln for ln in live if in_w(ln.day)]
    if any(ln.channel for ln in window_lines):
        mobile_nr = sum((net_rev(ln) for ln in window_lines
                         if ln.channel.lower() == "mobile"), Decimal(0))
        mobile_share = ratio(mobile_nr, total_nr)
    else:
        mobile_share = None

    conversion = None
    if traffic_given and traffic:
        new_skus = {s for s, p in products.items() if p.lifecycle == "new"}
        visitors = sum(v for (s, day), v in traffic.items() if s in new_skus and in_w(day))
        buyers = {ln.customer for ln in window_lines
                  if ln.qty > 0 and ln.customer and ln.sku in new_skus}
        conversion = ratio(len(buyers), visitors)

    kpis = {
        "net_revenue": money(total_nr),
        "cogs": money(total_cogs),
        "gross_profit": money(total_gp),
        "gross_margin": ratio(total_gp, total_nr),
        "tier_share_revenue": shares(nr_by_tier, total_nr),
        "tier_share_gp": shares(gp_by_tier, total_gp),
        "tier_share_skus": shares(skus_by_tier, counted),
        "capital_tied_up": money(total_capital),
        "portfolio_turnover_days": (
            None if total_cogs <= 0 else float(Fraction(total_capital) * W / Fraction(total_cogs))),
        "slow_movers": slow_count,
        "best_sellers": best_count,
        "repurchase_rate": repurchase(lambda ln: True),
        "high_tier_repurchase_rate": repurchase(lambda ln: tiers[ln.sku][1] == "high"),
        "mobile_share": mobile_share,
        "new_product_conversion": conversion,
    }
    return {
        "as_of": D.isoformat(),
        "window_days": W,
        "velocity_days": V,
        "kpis": kpis,
        "skus": rows,
    }


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
        days = [ln.day for ln in lines.values()]
        days += [day for l in lots.values() for (_, day, _) in l]
        if not days:
            raise InputError("no order lines or stock lots: give --as-of")
        as_of = max(days)
    if args.window < 1 or args.velocity < 1:
        raise InputError("--window and --velocity must be >= 1")
    return compute(products, lots, lines, traffic, bool(args.traffic), as_of,
                   args.window, args.velocity,
                   low=Fraction(Decimal(args.low)), high=Fraction(Decimal(args.high)),
                   slow_days=args.slow_days, best_days=args.best_days)


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
