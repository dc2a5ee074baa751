#!/usr/bin/env python3
"""Check a JSON report against the hand-computed figures of each fixture.

  python3 check_fixtures.py                      # runs oracle.py on every fixture
  python3 check_fixtures.py --report-cmd 'skudesk-wrapper {dir}'   # any other producer

Each fixtures/<name>/ holds the native CSVs, `args` (the oracle's arguments, relative to
that directory) and expected.md, whose ```json block holds the figures computed by hand:
ratios may be written as exact fractions ("283/380"); money as strings; `skus` is keyed
by sku (the report must list exactly those SKUs, in byte order); age buckets are
[label, units, capital] triples. Exit 1 on any mismatch.
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


def check(expected, report):
    errs = []
    for k in ("as_of",):
        if not same(expected[k], report.get(k)):
            errs.append(f"{k}: hand {expected[k]!r} report {report.get(k)!r}")
    for k, v in expected["kpis"].items():
        got = report["kpis"].get(k, "<missing>")
        if isinstance(v, dict):
            for t, tv in v.items():
                g = got.get(t, "<missing>") if isinstance(got, dict) else got
                if not same(tv, g):
                    errs.append(f"kpis.{k}.{t}: hand {tv!r} report {g!r}")
        elif not same(v, got):
            errs.append(f"kpis.{k}: hand {v!r} report {got!r}")
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
            with open(os.path.join(d, "args"), encoding="utf-8") as fh:
                oracle_args = shlex.split(fh.read())
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
