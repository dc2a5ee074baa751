#!/usr/bin/env python3
"""Check a JSON report against the hand-computed figures of each fixture.

  python3 check_fixtures.py                      # runs oracle.py on every fixture
  python3 check_fixtures.py --report-cmd 'skudesk-wrapper {dir}'   # any other producer

Each fixtures/<name>/ holds the native CSVs, `args` (the imports, in order, and `--as-of`:
the oracle's arguments relative to that directory, all that tests/report_contract.rs
reads), optionally `options` (more oracle arguments: report options `--trend`,
`--periods` and settings `--week-start`, `--lead-time`, `--review-period`,
`--safety-days`, `--window`, `--velocity`; the oracle gets args + options) and
expected.md, whose ```json block holds the figures computed by hand:
- ratios may be written as exact fractions ("283/380"); money as strings; null = undefined;
- `kpis` lists the KPIs checked (tier shares as {tier: value}; `age_buckets` as
  [label, units, capital, capital_share] quadruples, in order);
- `year_earlier` (when given): null, or {"as_of": ..., "kpis": {...}} checked as `kpis`;
- `trend` (when given): {"period": ..., "points": [{"start", "end", "kpis"}]}; the report
  must have exactly these points (matched by start; the oracle lists them oldest first);
- `skus` is keyed by sku (the report must list exactly those SKUs, in byte order); per
  SKU age buckets are [label, units, capital] triples.
Exit 1 on any mismatch.
"""

import argparse
import json
import math
import os
import re
import shlex
import subprocess
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
FRACTION = re.compile(r"-?\d+(\.\d+)?/\d+(\.\d+)?")


def hand_value(v):
    if isinstance(v, str) and FRACTION.fullmatch(v):
        n, d = v.split("/")
        return float(Fraction(n) / Fraction(d))
    return v


def same(hand, got):
    hand = hand_value(hand)
    if hand is None or got is None:
        return hand is None and got is None
    if isinstance(hand, bool) or isinstance(got, bool):
        return hand is got
    if isinstance(hand, (int, float)) and isinstance(got, (int, float)):
        return math.isclose(hand, got, rel_tol=1e-12, abs_tol=1e-12)
    return hand == got


def check_kpis(prefix, expected, got_kpis, errs):
    if not isinstance(got_kpis, dict):
        errs.append(f"{prefix}: hand an object, report {got_kpis!r}")
        return
    for k, v in expected.items():
        got = got_kpis.get(k, "<missing>")
        if k == "age_buckets":
            got = [[b.get("label"), b.get("units"), b.get("capital"), b.get("capital_share")]
                   for b in got] if isinstance(got, list) else got
            if not (isinstance(got, list) and len(got) == len(v) and all(
                    len(h) == len(g) and all(same(x, y) for x, y in zip(h, g))
                    for h, g in zip(v, got))):
                errs.append(f"{prefix}.{k}: hand {v} report {got}")
        elif isinstance(v, dict):
            for t, tv in v.items():
                g = got.get(t, "<missing>") if isinstance(got, dict) else got
                if not same(tv, g):
                    errs.append(f"{prefix}.{k}.{t}: hand {tv!r} report {g!r}")
        elif not same(v, got):
            errs.append(f"{prefix}.{k}: hand {v!r} report {got!r}")


def check(expected, report):
    errs = []
    for k in ("as_of",):
        if not same(expected[k], report.get(k)):
            errs.append(f"{k}: hand {expected[k]!r} report {report.get(k)!r}")
    check_kpis("kpis", expected["kpis"], report.get("kpis"), errs)
    if "year_earlier" in expected:
        hand, got = expected["year_earlier"], report.get("year_earlier", "<missing>")
        if hand is None or not isinstance(got, dict):
            if not same(hand, got):
                errs.append(f"year_earlier: hand {hand!r} report {str(got)[:200]}")
        else:
            if not same(hand["as_of"], got.get("as_of")):
                errs.append(f"year_earlier.as_of: hand {hand['as_of']!r} "
                            f"report {got.get('as_of')!r}")
            check_kpis("year_earlier.kpis", hand["kpis"], got.get("kpis"), errs)
    if "trend" in expected:
        hand, got = expected["trend"], report.get("trend")
        if not isinstance(got, dict):
            errs.append(f"trend: hand {hand['period']} points, report {got!r}")
        else:
            if hand["period"] != got.get("period"):
                errs.append(f"trend.period: hand {hand['period']!r} "
                            f"report {got.get('period')!r}")
            points = {p.get("start"): p for p in got.get("points") or []}
            starts = sorted(points)
            want = sorted(p["start"] for p in hand["points"])
            if starts != want:
                errs.append(f"trend.points: hand starts {want} report {starts}")
            for hp in hand["points"]:
                gp = points.get(hp["start"])
                if gp is None:
                    continue
                pre = f"trend.points[{hp['start']}]"
                if not same(hp["end"], gp.get("end")):
                    errs.append(f"{pre}.end: hand {hp['end']!r} report {gp.get('end')!r}")
                check_kpis(pre + ".kpis", hp["kpis"], gp.get("kpis"), errs)
    skus = [s["sku"] for s in report["skus"]]
    if skus != sorted(expected["skus"], key=lambda s: s.encode("utf-8")):
        errs.append(f"skus: hand {sorted(expected['skus'])} report {skus}")
    by_sku = {s["sku"]: s for s in report["skus"]}
    for sku, fields in expected["skus"].items():
        row = by_sku.get(sku)
        if row is None:
            continue
        for k, v in fields.items():
            got = row.get(k, "<missing>")
            if k == "age_buckets":
                got = [[b.get("label"), b.get("units"), b.get("capital")] for b in got]
                if got != v:
                    errs.append(f"skus[{sku}].age_buckets: hand {v} report {got}")
            elif not same(v, got):
                errs.append(f"skus[{sku}].{k}: hand {v!r} report {got!r}")
    return errs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--report-cmd", help="command printing the JSON report; {dir} is "
                    "replaced by the fixture directory (default: the oracle)")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    root = os.path.join(HERE, "fixtures")
    names = args.names or sorted(n for n in os.listdir(root)
                                 if os.path.isfile(os.path.join(root, n, "expected.md")))
    failed = False
    for name in names:
        d = os.path.join(root, name)
        with open(os.path.join(d, "expected.md"), encoding="utf-8") as fh:
            md = fh.read()
        block = re.search(r"```json\n(.*?)\n```", md, flags=re.S).group(1)
        expected = json.loads(block)
        if args.report_cmd:
            cmd = args.report_cmd.replace("{dir}", shlex.quote(d))
            out = subprocess.run(cmd, shell=True, cwd=d, capture_output=True, text=True)
        else:
            oracle_args = []
            for f in ("args", "options"):
                if f == "args" or os.path.isfile(os.path.join(d, f)):
                    with open(os.path.join(d, f), encoding="utf-8") as fh:
                        oracle_args += shlex.split(fh.read())
            out = subprocess.run([sys.executable, os.path.join(HERE, "oracle.py")]
                                 + oracle_args, cwd=d, capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{name}: report failed ({out.returncode}):\n{out.stderr}")
            failed = True
            continue
        errs = check(expected, json.loads(out.stdout))
        for e in errs:
            print(f"{name}: {e}")
        print(f"{name}: {'OK' if not errs else f'{len(errs)} mismatch(es)'}")
        failed |= bool(errs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
