#!/usr/bin/python3
"""Scores realign on 004-style damaged documents (scripts/cjk_damage.py --doc).

For every NAME.txt (damaged) with NAME.clean.txt and NAME.lines.tsv beside it:
  pipeline CER   the default pipeline's Markdown body (`norm NAME.txt`, front
                 matter left out) against the clean text: both read as their
                 non-empty lines, stripped,
                 joined by LF (Markdown backslash escapes removed); edit
                 distance over the clean text's characters;
  span CER       `norm fix --steps realign,ruby,cjk-punct` line by line against
                 the original lines, over the lines the decoder read out of step
                 (lines.tsv's third column): edit distance over the misaligned
                 characters, punctuation compared folded (，→, and the stray ','
                 before 。、；dropped on both sides), so that cjk-punct's own
                 choices do not count here.
Usage: score_realign.py --norm BUILD/tools/norm/norm [--steps LIST] [-v] DIR...
Prints one line per document with -v, then totals per directory and overall.
"""
import argparse
import glob
import os
import re
import subprocess
import sys


def edit_distance(a, b):
    """Levenshtein distance, bit-parallel (Myers 1999, Hyyrö's formulation)."""
    if len(a) < len(b):
        a, b = b, a
    m = len(b)
    if m == 0:
        return len(a)
    peq = {}
    for i, c in enumerate(b):
        peq[c] = peq.get(c, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for c in a:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def lines_of(text, markdown=False):
    out = []
    if markdown and text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            text = text[end + 5:]  # front matter is metadata, not text
    for l in text.split("\n"):
        if markdown:
            l = MD_ESCAPE.sub(r"\1", l)
        l = l.strip()
        if l:
            out.append(l)
    return out


WIDE = str.maketrans({"，": ",", "；": ";", "：": ":", "！": "!", "？": "?", "（": "(",
                      "）": ")"})


def fold_punct(s):
    s = s.translate(WIDE)
    s = re.sub(r",+(?=[。、;])", "", s)
    return re.sub(r",{2,}", ",", s)


def run(cmd):
    r = subprocess.run(cmd, capture_output=True)
    if r.returncode != 0:
        sys.exit("score_realign: %s failed: %s" % (" ".join(cmd), r.stderr.decode()[:300]))
    return r.stdout.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--norm", required=True)
    ap.add_argument("--steps", default="realign,ruby,cjk-punct",
                    help="filters of `norm fix` for the span CER")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--show", action="store_true", help="print every span line not exact")
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args()
    grand = [0, 0, 0, 0, 0, 0]
    for d in args.dirs:
        tot = [0, 0, 0, 0, 0, 0]  # pipe errors, clean chars, span errors, span chars, lines, exact
        for path in sorted(glob.glob(os.path.join(d, "*.txt"))):
            if path.endswith(".clean.txt"):
                continue
            base = path[:-4]
            clean = open(base + ".clean.txt", encoding="utf-8").read()
            records = [l.rstrip("\n").split("\t") for l in
                       open(base + ".lines.tsv", encoding="utf-8")]
            out = run([args.norm, path])
            ref = "\n".join(lines_of(clean))
            got = "\n".join(lines_of(out, markdown=True))
            pe = edit_distance(got, ref)
            fixed = run([args.norm, "fix", "--steps", args.steps, path]).split("\n")
            se = sc = nl = ex = 0
            for k, (damaged, original, mis) in enumerate(records):
                if int(mis) == 0:
                    continue
                line = fixed[k] if k < len(fixed) else ""
                e = edit_distance(fold_punct(line), fold_punct(original))
                se += e
                sc += int(mis)
                nl += 1
                ex += e == 0
                if e and args.show:
                    print("damaged  %s\noriginal %s\ngot      %s\n" % (damaged, original, line))
            if args.verbose:
                print("%s pipeline CER %.4f (%d/%d) span CER %.4f (%d/%d, %d/%d lines exact)"
                      % (os.path.basename(path), pe / max(1, len(ref)), pe, len(ref),
                         se / max(1, sc), se, sc, ex, nl))
            for i, v in enumerate((pe, len(ref), se, sc, nl, ex)):
                tot[i] += v
                grand[i] += v
        print("%s: pipeline CER %.4f (%d/%d chars), span CER %.4f (%d/%d), %d/%d lines exact"
              % (d, tot[0] / max(1, tot[1]), tot[0], tot[1], tot[2] / max(1, tot[3]), tot[2],
                 tot[3], tot[5], tot[4]))
    if len(args.dirs) > 1:
        print("all: pipeline CER %.4f (%d/%d chars), span CER %.4f (%d/%d), %d/%d lines exact"
              % (grand[0] / max(1, grand[1]), grand[0], grand[1], grand[2] / max(1, grand[3]),
                 grand[2], grand[3], grand[5], grand[4]))


if __name__ == "__main__":
    main()
