#!/usr/bin/python3
"""Scores and times `norm fix` on the mixed mojibake bench
(bench/make_mixed_bench.py), with ftfy as a peer in the same run.

  /usr/bin/python3 bench/score_mixed_bench.py PREFIX [--norm BIN]
      [--ftfy PATH_TO_FTFY_SOURCE] [--runs 3] [--locality] [--show N]

Accuracy: `norm fix` reads PREFIX.txt whole (one paragraph: no blank line);
every output line is compared with PREFIX.expected.txt: clean lines must
come out unchanged, damaged lines should come out as the clean original
(per recipe, PREFIX.recipe.txt); for the lossy recipes, where the decoder
dropped bytes, U+FFFD may stand for the characters that lost bytes.
Speed: wall time of the whole-file run (median of --runs), MB/s of input,
peak RSS of the process; ftfy's `fix_encoding` line by line (its own
`fix_file` unit) in a child process, timed the same way.
--locality: also runs every line alone (`norm fix --lines`) and counts the
lines whose result differs from the whole-file run (the target is 0: a
line's repair never depends on the text around it).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

# Recipes whose decoder dropped bytes: a repair that keeps U+FFFD for every
# character that lost bytes counts as repaired.
LOSSY = {"utf8-as-gbk", "utf8-as-big5", "utf8-as-sjis-or-euckr", "gbk-big5-crossed"}

FTFY_CHILD = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
import ftfy
data = open(sys.argv[2], encoding="utf-8").read().split("\n")
t = time.perf_counter()
out = [ftfy.fix_encoding(line) for line in data]
el = time.perf_counter() - t
open(sys.argv[3], "w", encoding="utf-8").write("\n".join(out))
print(el)
"""


def timed(cmd, stdin_path=None, stdout_path=None):
    """Runs cmd; returns (wall seconds, peak RSS MiB of the child)."""
    fin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    fout = open(stdout_path, "wb") if stdout_path else subprocess.PIPE
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=subprocess.PIPE)
    _, err = p.communicate()
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed: {err.decode(errors='replace')[:500]}")
    return wall, err


def peak_rss_mib(cmd, stdin_path):
    """Peak RSS of one run, measured with GNU time's %M when present."""
    if not os.path.exists("/usr/bin/time"):
        return float("nan")
    with open(stdin_path, "rb") as fin:
        p = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdin=fin,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        return int(p.stderr.decode().strip().split("\n")[-1]) / 1024
    except ValueError:
        return float("nan")


def lossy_match(out, expected):
    """Whether out is expected where each run of U+FFFD in out stands for one
    to three characters the damage lost (a repair keeps U+FFFD where bytes
    are gone, it never guesses them)."""
    if "\ufffd" not in out:
        return False
    pattern = "".join(f"(?:.{{1,{3 * len(part)}}})" if part[0] == "\ufffd" else re.escape(part)
                      for part in re.split("(\ufffd+)", out) if part)
    return re.fullmatch(pattern, expected, re.S) is not None


def score(name, out_lines, exp, rec, show):
    per = {}
    shown = 0
    for i, (o, e, r) in enumerate(zip(out_lines, exp, rec)):
        ok = o == e or ("lossy" in r or r in LOSSY) and lossy_match(o, e)
        a, b = per.get(r, (0, 0))
        per[r] = (a + ok, b + 1)
        if not ok and r == "clean" and shown < show:
            print(f"  [{name}] clean line {i + 1} changed:\n    - {e}\n    + {o}")
            shown += 1
    clean_ok, clean_n = per.pop("clean", (0, 0))
    dmg_ok = sum(a for a, _ in per.values())
    dmg_n = sum(b for _, b in per.values())
    print(f"{name}: clean lines unchanged {clean_ok}/{clean_n} ({clean_ok / max(clean_n, 1):.2%}), "
          f"damaged lines repaired {dmg_ok}/{dmg_n} ({dmg_ok / max(dmg_n, 1):.2%})")
    return per


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("prefix")
    ap.add_argument("--norm", default=os.path.join(os.path.dirname(__file__), "..", "build",
                                                   "tools", "norm", "norm"))
    ap.add_argument("--ftfy")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--locality", action="store_true")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--steps", help="norm fix --steps LIST (default: the default repair filters)")
    args = ap.parse_args()

    src = args.prefix + ".txt"
    size = os.path.getsize(src)
    exp = open(args.prefix + ".expected.txt", encoding="utf-8").read().split("\n")
    rec = open(args.prefix + ".recipe.txt", encoding="utf-8").read().split("\n")
    out_path = args.prefix + ".norm.out"
    fix = [args.norm, "fix"] + ([f"--steps={args.steps}"] if args.steps else [])
    walls = []
    for _ in range(args.runs):
        wall, _ = timed(fix, src, out_path)
        walls.append(wall)
    norm_out = open(out_path, encoding="utf-8", errors="replace").read().split("\n")
    norm_rss = peak_rss_mib(fix, src)
    per_norm = score("norm", norm_out, exp, rec, args.show)
    nw = statistics.median(walls)
    print(f"norm fix: {size / 1e6:.1f} MB in {nw:.2f} s (median of {args.runs}) = "
          f"{size / 1e6 / nw:.2f} MB/s, peak RSS {norm_rss:.0f} MiB")

    per_ftfy = None
    if args.ftfy:
        fout = args.prefix + ".ftfy.out"
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-c", FTFY_CHILD, args.ftfy, src, fout],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(p.stderr)
        fw = time.perf_counter() - t
        fin_only = float(p.stdout.strip())
        ftfy_rss = peak_rss_mib([sys.executable, "-c", FTFY_CHILD, args.ftfy, src, fout], src)
        ftfy_out = open(fout, encoding="utf-8").read().split("\n")
        per_ftfy = score("ftfy", ftfy_out, exp, rec, 0)
        print(f"ftfy fix_encoding: {fw:.1f} s whole process ({fin_only:.1f} s fixing) = "
              f"{size / 1e6 / fw:.2f} MB/s, peak RSS {ftfy_rss:.0f} MiB; "
              f"norm/ftfy speed ratio {fw / nw:.1f}x")

    print("\n| recipe | lines | norm repaired |" + (" ftfy repaired |" if per_ftfy else ""))
    print("|---|---|---|" + ("---|" if per_ftfy else ""))
    for r in sorted(per_norm):
        a, b = per_norm[r]
        row = f"| {r} | {b} | {a / b:.1%} |"
        if per_ftfy:
            fa, fb = per_ftfy[r]
            row += f" {fa / fb:.1%} |"
        print(row)

    if args.locality:
        alone_path = args.prefix + ".alone.out"
        timed(fix + ["--lines"], src, alone_path)
        alone = open(alone_path, encoding="utf-8", errors="replace").read().split("\n")
        diff = [i for i, (a, b) in enumerate(zip(alone, norm_out)) if a != b]
        print(f"\nlocality: {len(diff)} of {len(alone)} lines differ alone vs in the whole file")
        for i in diff[:10]:
            print(f"  line {i + 1}:\n    alone: {alone[i]}\n    whole: {norm_out[i]}")


if __name__ == "__main__":
    main()
