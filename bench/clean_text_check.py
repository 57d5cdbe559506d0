#!/usr/bin/python3
"""Never-worse check of the repair filters on clean real text.

  /usr/bin/python3 bench/clean_text_check.py CORPUS_DIR [--norm BIN]
      [--filters mojibake,cjk-mojibake,...] [--modes lines,paragraph] [--show N]

CORPUS_DIR holds LANG.txt files of clean lines (bench/make_clean_text.sh).
Each repair filter (`norm fix --steps NAME`, and the default `norm fix`) is
run over every file twice:
  lines      every line on its own (`norm fix --lines`: one record per line);
  paragraph  the whole file as one input, lines joined by LF (one paragraph:
             no blank line), so a decision that leans on other lines shows.
Every line that comes out different is a failure: it is printed (up to
--show per filter and mode) and counted; the exit status is 1 when any
line changed. The target is 0.
"""
import argparse
import glob
import os
import subprocess
import sys
import time

DEFAULT_FILTERS = ["mojibake", "cjk-mojibake", "realign", "ruby", "cjk-punct", "default"]


def run(binary, args, data):
    p = subprocess.run([binary, "fix", *args], input=data, capture_output=True)
    if p.returncode != 0:
        raise SystemExit(f"norm fix {' '.join(args)} failed: {p.stderr.decode(errors='replace')}")
    return p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--norm", default=os.path.join(os.path.dirname(__file__), "..", "build",
                                                   "tools", "norm", "norm"))
    ap.add_argument("--filters", default=",".join(DEFAULT_FILTERS))
    ap.add_argument("--modes", default="lines,paragraph")
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args()

    files = sorted(glob.glob(os.path.join(args.corpus, "*.txt")))
    texts = {}
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        if not data.endswith(b"\n"):
            data += b"\n"
        texts[os.path.basename(f)[:-4]] = data
    total = sum(len(d) for d in texts.values())
    nlines = sum(d.count(b"\n") for d in texts.values())
    print(f"{total / 1e6:.1f} MB, {nlines} lines, {len(texts)} languages from {args.corpus}")

    failed = False
    print("| filter | mode | changed lines | seconds |")
    print("|---|---|---|---|")
    details = []
    for name in args.filters.split(","):
        steps = [] if name == "default" else [f"--steps={name}"]
        for mode in args.modes.split(","):
            changed = []
            t = time.perf_counter()
            for lang, data in texts.items():
                extra = ["--lines"] if mode == "lines" else []
                out = run(args.norm, steps + extra, data)
                a = data.decode("utf-8").split("\n")
                b = out.decode("utf-8", "replace").split("\n")
                if len(a) != len(b):
                    changed.append((lang, -1, f"{len(a)} lines in", f"{len(b)} lines out"))
                    continue
                for i, (x, y) in enumerate(zip(a, b)):
                    if x != y:
                        changed.append((lang, i + 1, x, y))
            secs = time.perf_counter() - t
            print(f"| {name} | {mode} | {len(changed)} | {secs:.1f} |", flush=True)
            failed |= bool(changed)
            details.append((name, mode, changed))
    for name, mode, changed in details:
        for lang, i, x, y in changed[:args.show]:
            print(f"[{name}/{mode}] {lang}:{i}\n  - {x}\n  + {y}")
        if len(changed) > args.show:
            print(f"[{name}/{mode}] ... {len(changed) - args.show} more")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
