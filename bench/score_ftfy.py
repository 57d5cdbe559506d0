#!/usr/bin/python3
"""Scores `norm fix` on python-ftfy's public test cases (encoding repair only).

  /usr/bin/python3 bench/score_ftfy.py PATH/tests/test-cases [--norm BIN]
      [--ftfy PATH_TO_FTFY_SOURCE] [--part dev|holdout|all] [--verbose]

Every case of every *.json file is run through `norm fix` on its own. The
expected output is the case's `fixed-encoding` when it has one (ftfy's
`fix_encoding` semantics), else `fixed`. `fixed` is ftfy's `fix_text`, which
also uncurls quotes and folds ligatures; a case without `fixed-encoding`
whose expectation differs from the output only by those two steps is
listed separately ("quote/ligature only") and counted as a miss in the exact
score. Cases from negative.json are clean text that must come out unchanged;
they are counted on their own line too.

The cases are split by a hash of their label into a development part (3/4)
and a held-out part (1/4) so that heuristics tuned on one can be checked on
the other; --part selects one.

With --ftfy, ftfy's own `fix_encoding` (imported from that source tree) is
scored in the same run as a peer. Nothing of ftfy is copied here: the cases
are read from the path given.
"""
import argparse
import glob
import hashlib
import json
import os
import subprocess
import sys
import time

QUOTE_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2032": "'", "\u2033": '"', "\u00b4": "'", "\u0149": "'n",
})
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
             "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\u01c7": "LJ",
             "\u01c8": "Lj", "\u01c9": "lj", "\u01ca": "NJ", "\u01cb": "Nj", "\u01cc": "nj",
             "\u0132": "IJ", "\u0133": "ij"}


def fold_quotes_ligatures(s):
    s = s.translate(QUOTE_FOLD)
    for k, v in LIGATURES.items():
        s = s.replace(k, v)
    return s


def part_of(label):
    h = int(hashlib.sha1(label.encode("utf-8")).hexdigest(), 16)
    return "holdout" if h % 4 == 0 else "dev"


def load_cases(path):
    cases = []
    for f in sorted(glob.glob(os.path.join(path, "*.json"))):
        with open(f, encoding="utf-8") as fh:
            for c in json.load(fh):
                c["file"] = os.path.basename(f)
                c["negative"] = os.path.basename(f) == "negative.json"
                c["expected"] = c.get("fixed-encoding", c["fixed"])
                c["part"] = part_of(c["label"])
                cases.append(c)
    return cases


def run_norm(binary, text):
    p = subprocess.run([binary, "fix"], input=text.encode("utf-8"), capture_output=True)
    if p.returncode != 0:
        return None, p.stderr.decode("utf-8", "replace")
    return p.stdout.decode("utf-8", "replace"), None


def score(name, outputs, cases, verbose):
    exact = neg_ok = neg_n = fold_only = 0
    misses = []
    for c, out in zip(cases, outputs):
        ok = out == c["expected"]
        if c["negative"]:
            neg_n += 1
            neg_ok += ok
        if ok:
            exact += 1
            continue
        if (out is not None and "fixed-encoding" not in c and
                fold_quotes_ligatures(out) == fold_quotes_ligatures(c["expected"])):
            fold_only += 1
            misses.append((c, out, "quote/ligature only"))
        else:
            misses.append((c, out, "miss"))
    print(f"{name}: {exact}/{len(cases)} exact; negatives unchanged {neg_ok}/{neg_n}; "
          f"quote/ligature-only differences {fold_only}")
    if verbose:
        for c, out, kind in misses:
            tag = "NEGATIVE CHANGED" if c["negative"] else kind
            print(f"  [{tag}] {c['file']} ({c['part']}): {c['label']}")
            print(f"    input:    {c['original']!r}")
            print(f"    expected: {c['expected']!r}")
            print(f"    got:      {out!r}")
    return exact


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases", help="ftfy's tests/test-cases directory")
    ap.add_argument("--norm", default=os.path.join(os.path.dirname(__file__), "..", "build",
                                                   "tools", "norm", "norm"))
    ap.add_argument("--ftfy", help="ftfy source tree to import as the peer")
    ap.add_argument("--part", choices=["dev", "holdout", "all"], default="all")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()

    cases = load_cases(args.cases)
    if args.part != "all":
        cases = [c for c in cases if c["part"] == args.part]
    print(f"{len(cases)} cases ({sum(c['negative'] for c in cases)} negative) from "
          f"{args.cases}, part {args.part}")

    t = time.perf_counter()
    outs = []
    for c in cases:
        out, err = run_norm(args.norm, c["original"])
        if err:
            print(f"  norm failed on {c['label']!r}: {err.strip()}", file=sys.stderr)
        outs.append(out)
    norm_s = time.perf_counter() - t
    score(f"norm ({args.norm})", outs, cases, args.verbose)

    if args.ftfy:
        sys.path.insert(0, args.ftfy)
        import ftfy  # noqa: E402  (the peer, from the path given)
        t = time.perf_counter()
        fouts = [ftfy.fix_encoding(c["original"]) for c in cases]
        ftfy_s = time.perf_counter() - t
        score(f"ftfy {getattr(ftfy, '__version__', '?')} fix_encoding", fouts, cases,
              args.verbose)
        print(f"time: norm {norm_s:.2f} s ({len(cases)} processes), ftfy {ftfy_s:.3f} s "
              f"(in process)")


if __name__ == "__main__":
    main()
