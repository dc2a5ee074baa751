#!/usr/bin/env python3
"""Compare two skudesk JSON reports figure by figure.

  python3 compare.py A.json B.json [--tol 1e-9] [--abs-tol X] [--loose-strings]
                     [--common-only] [--show-extra]

- Top level `as_of`, `window_days`, `velocity_days`, `year_earlier`; `kpis` field by
  field (nested objects recursively); `skus` matched by `sku`; `age_buckets` matched by
  `label` (per SKU: label, units, capital; in `kpis`: also capital_share).
- `year_earlier`: null only equals null; else its `as_of` and its `kpis` (the same KPI
  fields as the top level) recursively.
- `trend` (only with `report --trend`): a contract field when either side has it; its
  `period`, and its `points` matched by `start`, each `end` and `kpis` (the flow KPIs of
  METRICS.md "Over time").
- Numbers (int or float, not bool) compare with relative tolerance --tol (and absolute
  tolerance --abs-tol, default = --tol, so 0 vs 1e-17 is equal); strings (money included)
  compare exactly; null only equals null; booleans exactly.
- A contract field (METRICS.md) missing on either side is a difference; any other field
  present on only one side is an allowed extra and ignored (listed with --show-extra).
- --common-only compares only the fields both sides have: a contract field missing on
  one side is not a difference but is counted on stderr ("not compared"), for a producer
  that has not landed every field yet. Missing entries (a SKU, a trend point, a bucket)
  are still differences.
- --loose-strings treats "" and null as equal for text fields (name, category).
Prints every difference with its path; exit 0 if none, 1 if any differ, 2 on bad input.
"""

import argparse
import json
import math
import re
import sys

TOP_FIELDS = ["as_of", "window_days", "velocity_days", "kpis", "year_earlier", "skus"]
# Contract fields present only with some options: compared when either side has one.
TOP_OPTIONAL = ["trend"]
KPI_FIELDS = ["net_revenue", "cogs", "gross_profit", "gross_margin", "tier_share_revenue",
              "tier_share_gp", "tier_share_skus", "capital_tied_up",
              "portfolio_turnover_days", "slow_movers", "best_sellers", "repurchase_rate",
              "high_tier_repurchase_rate", "mobile_share", "new_product_conversion",
              "cost_coverage", "gross_margin_costed", "reorder_now", "age_buckets",
              "revenue_growth_yoy"]
TREND_KPI_FIELDS = ["net_revenue", "cogs", "gross_profit", "gross_margin",
                    "gross_margin_costed", "cost_coverage", "tier_share_revenue",
                    "tier_share_gp", "units", "repurchase_rate", "high_tier_repurchase_rate",
                    "mobile_share", "new_product_conversion"]
YEAR_EARLIER_FIELDS = ["as_of", "kpis"]
TREND_FIELDS = ["period", "points"]
POINT_FIELDS = ["start", "end", "kpis"]
TIER_KEYS = ["high", "mid", "low", "unclassified"]
SKU_FIELDS = ["sku", "name", "category", "tier", "tier_overridden", "tier_margin",
              "net_revenue", "gross_profit", "units", "on_hand", "capital", "velocity",
              "days_of_cover", "cover_infinite", "days_since_last_sale", "slow",
              "best_seller", "age_buckets", "stockout_date", "reorder_now", "reorder_qty"]
BUCKET_FIELDS = ["label", "units", "capital"]
KPI_BUCKET_FIELDS = ["label", "units", "capital", "capital_share"]
TEXT_FIELDS = {"name", "category"}


class Comparer:
    def __init__(self, tol, abs_tol, loose_strings, show_extra, common_only=False):
        self.tol = tol
        self.abs_tol = abs_tol
        self.loose = loose_strings
        self.show_extra = show_extra
        self.common_only = common_only
        self.diffs = []
        self.extras = []
        self.skipped = {}  # (path with [*] for entries, side) -> count (--common-only)

    def diff(self, path, a, b, why=""):
        extra = f"  [{why}]" if why else ""
        self.diffs.append(f"{path}: A={json.dumps(a, ensure_ascii=False)} "
                          f"B={json.dumps(b, ensure_ascii=False)}{extra}")

    @staticmethod
    def is_num(x):
        return isinstance(x, (int, float)) and not isinstance(x, bool)

    def value(self, path, a, b, field=None):
        if self.loose and field in TEXT_FIELDS and a in ("", None) and b in ("", None):
            return
        if a is None or b is None:
            if not (a is None and b is None):
                self.diff(path, a, b, "null vs value")
            return
        if self.is_num(a) and self.is_num(b):
            if not math.isclose(a, b, rel_tol=self.tol, abs_tol=self.abs_tol):
                self.diff(path, a, b, f"rel diff {abs(a - b) / max(abs(a), abs(b)):.3g}")
            return
        if isinstance(a, bool) or isinstance(b, bool):
            if a is not b:
                self.diff(path, a, b)
            return
        if isinstance(a, str) and isinstance(b, str):
            if a != b:
                self.diff(path, a, b)
            return
        if isinstance(a, dict) and isinstance(b, dict):
            self.obj(path, a, b, list(a.keys() & b.keys()))
            return
        if type(a) is not type(b):
            self.diff(path, a, b, f"type {type(a).__name__} vs {type(b).__name__}")
            return
        if a != b:
            self.diff(path, a, b)

    def missing(self, p, a, b, k):
        """A contract field `k` absent from one side (or both)."""
        if k not in a and k not in b:
            self.diffs.append(f"{p}: missing in both")
            return
        side = "A" if k not in a else "B"
        if self.common_only:
            key = (re.sub(r"\[[^\]]*\]", "[*]", p), side)
            self.skipped[key] = self.skipped.get(key, 0) + 1
            return
        shown = json.dumps(a.get(k, b.get(k)), ensure_ascii=False)
        if len(shown) > 200:
            shown = shown[:200] + "…"
        self.diffs.append(f"{p}: missing in {side} (other side: {shown})")

    def obj(self, path, a, b, required, optional=()):
        for k in required:
            p = f"{path}.{k}" if path else k
            if k not in a or k not in b:
                self.missing(p, a, b, k)
                continue
            self.field(p, k, a[k], b[k])
        for k in optional:
            p = f"{path}.{k}" if path else k
            if k in a and k in b:
                self.field(p, k, a[k], b[k])
            elif k in a or k in b:
                self.missing(p, a, b, k)
        for k in sorted((a.keys() | b.keys()) - set(required) - set(optional)):
            p = f"{path}.{k}" if path else k
            if k in a and k in b:
                self.field(p, k, a[k], b[k])
            else:
                self.extras.append(f"{p}: only in {'A' if k in a else 'B'}")

    def field(self, path, key, a, b):
        both = lambda t: isinstance(a, t) and isinstance(b, t)  # noqa: E731
        in_trend = path.startswith("trend.")
        if key == "kpis" and both(dict):
            self.obj(path, a, b, TREND_KPI_FIELDS if in_trend else KPI_FIELDS)
        elif key == "year_earlier" and both(dict):
            self.obj(path, a, b, YEAR_EARLIER_FIELDS)
        elif key == "trend" and both(dict):
            self.obj(path, a, b, TREND_FIELDS)
        elif key == "points" and in_trend and both(list):
            self.keyed_list(path, a, b, "start", POINT_FIELDS)
            self.order(path, a, b, "start")
        elif key.startswith("tier_share_") and both(dict):
            self.obj(path, a, b, TIER_KEYS)
        elif key == "skus" and both(list):
            self.keyed_list(path, a, b, "sku", SKU_FIELDS)
        elif key == "age_buckets" and both(list):
            portfolio = path.endswith("kpis.age_buckets")
            self.keyed_list(path, a, b, "label",
                            KPI_BUCKET_FIELDS if portfolio else BUCKET_FIELDS)
            self.order(path, a, b, "label")
        else:
            self.value(path, a, b, key)

    def order(self, path, a, b, key):
        """Same entries in another order is a difference of its own."""
        la = [x.get(key) for x in a if isinstance(x, dict)]
        lb = [x.get(key) for x in b if isinstance(x, dict)]
        if la != lb and sorted(map(str, la)) == sorted(map(str, lb)):
            self.diff(path + f"({key} order)", la, lb)

    def keyed_list(self, path, a, b, key, fields):
        def index(items, side):
            out = {}
            for i, it in enumerate(items):
                if not isinstance(it, dict) or key not in it:
                    self.diffs.append(f"{path}[{i}]: entry without {key!r} in {side}")
                    continue
                if it[key] in out:
                    self.diffs.append(f"{path}[{key}={it[key]!r}]: duplicate in {side}")
                out[it[key]] = it
            return out
        ia, ib = index(a, "A"), index(b, "B")
        for k in sorted(ia.keys() | ib.keys(), key=lambda s: str(s).encode("utf-8")):
            p = f"{path}[{k}]"
            if k not in ia:
                self.diffs.append(f"{p}: missing in A")
            elif k not in ib:
                self.diffs.append(f"{p}: missing in B")
            else:
                self.obj(p, ia[k], ib[k], fields)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Compare two skudesk JSON reports.")
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--tol", type=float, default=1e-9, help="relative tolerance")
    ap.add_argument("--abs-tol", type=float, default=None,
                    help="absolute tolerance for numbers (default: --tol)")
    ap.add_argument("--loose-strings", action="store_true",
                    help='treat "" and null as equal for name/category')
    ap.add_argument("--common-only", action="store_true",
                    help="compare only the fields both sides have (count the others)")
    ap.add_argument("--show-extra", action="store_true",
                    help="also list fields present in only one report (not differences)")
    args = ap.parse_args(argv)
    docs = []
    for path in (args.a, args.b):
        try:
            with open(path, encoding="utf-8-sig") as fh:
                docs.append(json.load(fh))
        except (OSError, ValueError) as e:
            print(f"{path}: cannot read JSON: {e}", file=sys.stderr)
            return 2
    if not all(isinstance(d, dict) for d in docs):
        print("a report must be a JSON object", file=sys.stderr)
        return 2
    c = Comparer(args.tol, args.tol if args.abs_tol is None else args.abs_tol,
                 args.loose_strings, args.show_extra, args.common_only)
    c.obj("", docs[0], docs[1], TOP_FIELDS, TOP_OPTIONAL)
    for d in c.diffs:
        print(d)
    for (path, side), n in sorted(c.skipped.items()):
        other = "B" if side == "A" else "A"
        print(f"not compared (--common-only): {path}: only in {other}"
              + (f" ({n} times)" if n > 1 else ""), file=sys.stderr)
    if args.show_extra:
        for e in c.extras:
            print("extra (ignored): " + e)
    if c.diffs:
        print(f"{len(c.diffs)} difference(s)", file=sys.stderr)
        return 1
    print("reports agree", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
