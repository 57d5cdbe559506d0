#!/usr/bin/python3
"""Splits trafilatura's evaluation pages into a tuning half and a held-out half
and scores each, from the per-page rows bench/score_extraction.py writes
(`--tsv-dir DIR` -> DIR/trafilatura.tsv).

  /usr/bin/python3 bench/extraction_split.py DIR/trafilatura.tsv [BEFORE/trafilatura.tsv]

A page is in the tuning half when the first byte of the MD5 of its file name
(without directories) is even: a fixed split that does not depend on the
page's content or site. Tune on that half; report the other one (and the
other collections) as held out. With a second TSV, lists the tuning half's
pages whose true or false positives changed.
"""
import csv
import hashlib
import os
import sys

csv.field_size_limit(10**9)


def tuning(page):
    return hashlib.md5(os.path.basename(page).encode()).digest()[0] % 2 == 0


def load(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def score(rows, key="norm_text"):
    tp, fp, fn = (sum(int(r[f"{key}_{m}"]) for r in rows) for m in ("tp", "fp", "fn"))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    none = sum(1 for x in rows if int(x[f"{key}_tp"]) == 0 and int(x[f"{key}_fn"]) > 0)
    return f"P {p:.4f} R {r:.4f} F1 {f1:.4f} (tp {tp} fp {fp} fn {fn}; pages with none {none})"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    rows = load(sys.argv[1])
    tune = [r for r in rows if tuning(r["page"])]
    held = [r for r in rows if not tuning(r["page"])]
    print(f"all      {len(rows):4d} pages: {score(rows)}")
    print(f"tuning   {len(tune):4d} pages: {score(tune)}")
    print(f"held out {len(held):4d} pages: {score(held)}")
    if len(sys.argv) > 2:
        before = {r["page"]: r for r in load(sys.argv[2])}
        for r in tune:
            b = before.get(r["page"])
            if not b:
                continue
            dtp = int(r["norm_text_tp"]) - int(b["norm_text_tp"])
            dfp = int(r["norm_text_fp"]) - int(b["norm_text_fp"])
            if dtp or dfp:
                print(f"  {r['page']}: tp {dtp:+d} fp {dfp:+d}")


if __name__ == "__main__":
    main()
