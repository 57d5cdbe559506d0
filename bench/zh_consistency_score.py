#!/usr/bin/env python3
"""Score Chinese script consistency (docs/accuracy.md, "Chinese script
consistency") on a line-aligned triple of files:

    bench/zh_consistency_score.py ORIGINAL DAMAGED RESTORED [--examples N]

ORIGINAL is clean prose, DAMAGED the same lines with characters switched to
the other script (norm-damage --kind zh-switch: one character for one, so
positions align), RESTORED what `norm zh` made of DAMAGED. With DAMAGED =
ORIGINAL it measures what the step does to clean text.

Per position:
  - a switched character (ORIGINAL != DAMAGED) is restored when RESTORED has
    the original back;
  - any other character that RESTORED changes is one of
    (a) a leftover in the source: no OpenCC standard writes the source's
        character there. The line's own script is the one OpenCC changes more
        of (t2s changes a Traditional line, s2t a Simplified one); its
        renderings are t2s for a Simplified line and s2t, s2tw, s2twp, s2hk of
        its t2s for a Traditional one (OpenCC's `opencc` command); a line
        OpenCC changes as much either way takes the script of the nearest
        line that tells. Listed:
        these are expected, and worth reading (OpenCC is not always right);
    (b) a character that some OpenCC standard writes at that position:
        correct in its script, changed. Must be 0.
Prints one summary line, then the (a) characters by count and up to N
examples of misses, (a) and (b).
"""
import argparse
import collections
import os
import subprocess
import sys
import tempfile


def opencc(config, lines):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.txt")
        with open(src, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        out = subprocess.run(["opencc", "-c", config + ".json", "-i", src],
                             capture_output=True, text=True, check=True).stdout
    res = out.split("\n")[:len(lines)]
    if len(res) != len(lines):
        sys.exit(f"opencc {config}: {len(res)} lines for {len(lines)}")
    return res


def changed(a, b):
    return sum(x != y for x, y in zip(a, b)) if len(a) == len(b) else len(a)


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

    # The source's own script, line by line, and OpenCC's renderings in it.
    to_s = opencc("t2s", orig)
    to_t = opencc("s2t", orig)
    diff = [changed(o, s) - changed(o, t) for o, s, t in zip(orig, to_s, to_t)]
    hant = [d > 0 for d in diff]
    # A line OpenCC changes as much either way (内 and 鍵 in one Taiwan line,
    # or neither script's characters) does not tell: it takes the script of
    # the nearest line that does (the one before at equal distance), else
    # Simplified. Read as Simplified whatever its neighbours, a Traditional
    # line's stray 内 counted as a correct character changed.
    for n, d in enumerate(diff):
        if d != 0:
            continue
        for k in range(1, len(diff)):
            if n >= k and diff[n - k] != 0:
                hant[n] = diff[n - k] > 0
                break
            if n + k < len(diff) and diff[n + k] != 0:
                hant[n] = diff[n + k] > 0
                break
    renderings = [[s] for s in to_s]
    for config in ("s2t", "s2tw", "s2twp", "s2hk"):
        for n, line in enumerate(opencc(config, to_s)):
            if hant[n]:
                renderings[n].append(line)
    for n in range(len(orig)):
        if hant[n]:
            renderings[n] = renderings[n][1:]

    chars = switched = restored = unaligned = 0
    leftover, correct = 0, 0
    by_char = collections.Counter()
    missed_ex, leftover_ex, correct_ex = [], [], []
    for n, (o, d, r) in enumerate(zip(orig, dam, res)):
        if not (len(o) == len(d) == len(r)):
            unaligned += 1
            continue
        chars += len(o)
        rend = [x for x in renderings[n] if len(x) == len(o)]
        for i, (co, cd, cr) in enumerate(zip(o, d, r)):
            ctx = lambda s: s[max(0, i - 3):i + 4]
            if co != cd:
                switched += 1
                if cr == co:
                    restored += 1
                elif len(missed_ex) < a.examples:
                    missed_ex.append(f"  line {n + 1}: {ctx(o)} -> {ctx(d)} -> {ctx(r)}")
            elif cr != cd:
                if rend and all(x[i] != co for x in rend):
                    leftover += 1
                    by_char[f"{co}>{cr}"] += 1
                    if len(leftover_ex) < a.examples:
                        leftover_ex.append(f"  line {n + 1}: {ctx(d)} -> {ctx(r)}")
                else:
                    correct += 1
                    if len(correct_ex) < a.examples:
                        correct_ex.append(f"  line {n + 1}: {ctx(d)} -> {ctx(r)}")
    rate = 100.0 * restored / switched if switched else 100.0
    print(f"chars={chars} switched={switched} restored={restored} ({rate:.2f}%) "
          f"missed={switched - restored} other_changed={leftover + correct} "
          f"(a)_source_leftovers={leftover} (b)_correct_changed={correct} "
          f"unaligned_lines={unaligned}")
    if by_char:
        print("(a) by character: " + " ".join(f"{k}:{v}" for k, v in by_char.most_common()))
    if missed_ex:
        print("missed:\n" + "\n".join(missed_ex))
    if leftover_ex:
        print("(a) source leftovers changed:\n" + "\n".join(leftover_ex))
    if correct_ex:
        print("(b) correct characters changed:\n" + "\n".join(correct_ex))


if __name__ == "__main__":
    main()
