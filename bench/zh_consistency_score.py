#!/usr/bin/env python3
"""Score Chinese script consistency (docs/accuracy.md, "Chinese script
consistency") on a line-aligned triple of files:

    bench/zh_consistency_score.py ORIGINAL DAMAGED RESTORED [--examples N]

ORIGINAL is clean prose, DAMAGED the same lines with characters switched to
the other script (norm-damage --kind zh-switch: one character for one, so
positions align), RESTORED what `norm zh` made of DAMAGED. Per position:
a switched character (ORIGINAL != DAMAGED) is restored when RESTORED has the
original back; any other character that RESTORED changes counts as "other
characters changed". With DAMAGED = ORIGINAL it measures what the step does
to clean text. Prints one summary line and up to N examples of each error.
"""
import argparse
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("original")
    ap.add_argument("damaged")
    ap.add_argument("restored")
    ap.add_argument("--examples", type=int, default=10)
    a = ap.parse_args()
    read = lambda p: open(p, encoding="utf-8").read().split("\n")
    orig, dam, res = read(a.original), read(a.damaged), read(a.restored)
    if not (len(orig) == len(dam) == len(res)):
        sys.exit(f"line counts differ: {len(orig)} {len(dam)} {len(res)}")
    chars = switched = restored = other = unaligned = 0
    missed_ex, other_ex = [], []
    for n, (o, d, r) in enumerate(zip(orig, dam, res), 1):
        if not (len(o) == len(d) == len(r)):
            unaligned += 1
            continue
        chars += len(o)
        for i, (co, cd, cr) in enumerate(zip(o, d, r)):
            ctx = lambda s: s[max(0, i - 3):i + 4]
            if co != cd:
                switched += 1
                if cr == co:
                    restored += 1
                elif len(missed_ex) < a.examples:
                    missed_ex.append(f"  line {n}: {ctx(o)} -> {ctx(d)} -> {ctx(r)}")
            elif cr != cd:
                other += 1
                if len(other_ex) < a.examples:
                    other_ex.append(f"  line {n}: {ctx(d)} -> {ctx(r)}")
    rate = 100.0 * restored / switched if switched else 100.0
    print(f"chars={chars} switched={switched} restored={restored} ({rate:.2f}%) "
          f"missed={switched - restored} other_changed={other} unaligned_lines={unaligned}")
    if missed_ex:
        print("missed:\n" + "\n".join(missed_ex))
    if other_ex:
        print("other changed:\n" + "\n".join(other_ex))


if __name__ == "__main__":
    main()
