#!/usr/bin/python3
"""Measures every target of the performance issue (22) as whole processes,
each against its peer in the same run, rounds alternating the commands so
that machine noise hits every tool alike. Prints one Markdown table per
group (medians of --rounds: wall ms, CPU ms = user+sys, peak RSS from
wait4) and the ratios; copy them into docs/performance.md with the command.

  /usr/bin/python3 bench/perf_targets.py [--norm build/tools/norm/norm]
      [--rounds 5] [--work /tmp/norm-perf] [--only GROUP ...]
      [--pages DIR ...] [--chardet DIR] [--ftfy DIR] [--fortunes DIR]
      [--fix-mb 20] [--sizes 1,10,100] [--before OLD_NORM]

Groups: startup, detect, decode, fix, pages, big, jsonl. With --before, the
startup, detect, fix, pages (-j1) and big groups also run an earlier norm binary in the same
rounds (rows `before ...`): before/after from one run on a loaded machine.
Inputs (generated under --work, never committed):
  startup  `norm --version` and `norm detect small.txt` vs `uchardet small.txt`
           and `cat small.txt` (the process floor); CPU time is the figure
           (a loaded machine's wall time is mostly waiting)
  detect   `norm detect F` vs `uchardet F`, one process per file, over up to
           40 files of --chardet (chardet's labelled test files, any encoding)
  decode   20 MB of GBK (bench/gen_zh.py text re-encoded): `norm decode -f GBK`
           and `norm decode` (auto) vs `iconv -f GBK -t UTF-8`
  fix      the mixed mojibake bench (bench/make_mixed_bench.py, --fix-mb MB
           from Debian fortunes): `norm fix` vs ftfy's fix_encoding line by line
           (ftfy imported from the --ftfy source tree), in a child process
  pages    every page of --pages dirs (*.html, recursive) in one
           `norm -r -j1` process vs readability-lxml (python3-readability)
           over the same pages in one process
  big      the bodies of the --pages pages concatenated into one HTML
           document of each of --sizes MB: `norm big.html` (MB/s per CPU
           second, peak RSS / input)
  jsonl    the same pages as JSONL records repeated to 100 MB:
           `norm --jsonl -j 2` vs `-j 1`
"""
import argparse
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MB = 1024 * 1024


RSS_FILE = "/tmp/norm-perf-rss.txt"


def run(cmd, stdin_path=None, stdout_path=os.devnull, rss=True):
    """One whole-process run: (wall s, CPU s of the child, peak RSS KiB).

    The peak RSS comes from GNU time (%M): the rusage of a child forked by
    Python would report Python's own resident set, recorded at exec. With
    rss=False (start-up) the command runs bare and the RSS column is 0."""
    fin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    fout = open(stdout_path, "wb")
    full = ["/usr/bin/time", "-f", "%M", "-o", RSS_FILE, *cmd] if rss else cmd
    t = time.perf_counter()
    p = subprocess.Popen(full, stdin=fin, stdout=fout, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    fout.close()
    if stdin_path:
        fin.close()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed ({status}): {' '.join(cmd)}")
    peak = int(open(RSS_FILE).read().split()[-1]) if rss else 0
    return wall, ru.ru_utime + ru.ru_stime, peak


def rounds(named_cmds, n):
    """named_cmds: [(name, fn)] where fn() -> (wall, cpu, rss). Alternates."""
    res = {name: [] for name, _ in named_cmds}
    for _ in range(n):
        for name, fn in named_cmds:
            res[name].append(fn())
    out = {}
    for name, runs in res.items():
        out[name] = tuple(statistics.median(r[i] for r in runs) for i in range(3))
    return out


def table(title, med, size_mb=None, per=None, base=None):
    print(f"\n### {title}\n")
    head = "| command | wall ms | CPU ms | peak RSS MiB |"
    sep = "| --- | ---: | ---: | ---: |"
    if size_mb:
        head += " MB/s wall | MB/s CPU |"
        sep += " ---: | ---: |"
    if per:
        head += f" {per[0]}/s wall |"
        sep += " ---: |"
    if base:
        head += f" wall ratio ({base} / command) |"
        sep += " ---: |"
    print(head)
    print(sep)
    for name, (w, c, r) in med.items():
        row = f"| `{name}` | {w * 1e3:.1f} | {c * 1e3:.1f} | {r / 1024:.1f} |"
        if size_mb:
            row += f" {size_mb / w:.1f} | {size_mb / max(c, 1e-9):.1f} |"
        if per:
            row += f" {per[1] / w:.0f} |"
        if base:
            row += f" {med[base][0] / w:.2f} |"
        print(row)
    sys.stdout.flush()


def page_files(dirs):
    files = []
    for d in dirs:
        for ext in ("html", "htm"):
            files += glob.glob(os.path.join(d, "**", f"*.{ext}"), recursive=True)
    # readability's expected.html files are its output, not pages
    return sorted(f for f in files
                  if os.path.getsize(f) > 0 and os.path.basename(f) != "expected.html")


def read_page(path):
    data = open(path, "rb").read()
    return data.decode("utf-8", "replace")


BODY = re.compile(r"<body[^>]*>(.*?)(?:</body>|$)", re.S | re.I)


def g_startup(a, w):
    small = os.path.join(w, "small.txt")
    open(small, "w").write("hello, world\n")
    cmds = [("norm --version", lambda: run([a.norm, "--version"], rss=False)),
            ("norm detect small.txt", lambda: run([a.norm, "detect", small], rss=False)),
            ("norm small.txt", lambda: run([a.norm, small], rss=False))]
    if a.before:
        cmds += [("before --version", lambda: run([a.before, "--version"], rss=False)),
                 ("before detect small.txt", lambda: run([a.before, "detect", small], rss=False))]
    cmds += [("uchardet small.txt", lambda: run(["uchardet", small], rss=False)),
             ("cat small.txt", lambda: run(["cat", small], rss=False))]
    med = rounds(cmds, a.rounds * 8)
    table("Start-up (median of %d alternated runs)" % (a.rounds * 8), med, base="cat small.txt")
    u = med["uchardet small.txt"][1]
    for name in med:
        if "detect" in name:
            print(f"- `{name}`: {med[name][1] / u:.2f}x uchardet's CPU time")


def g_detect(a, w):
    files = sorted(f for f in glob.glob(os.path.join(a.chardet, "**", "*"), recursive=True)
                   if os.path.isfile(f) and 0 < os.path.getsize(f) < 64 * 1024)
    step = max(1, len(files) // 40)
    files = files[::step][:40]

    def each(cmd):
        def fn():
            tw = tc = 0.0
            rss = 0
            for f in files:
                wl, c, r = run(cmd + [f], rss=False)
                tw += wl
                tc += c
                rss = max(rss, r)
            return tw / len(files), tc / len(files), rss
        return fn
    cmds = [("norm detect F", each([a.norm, "detect"]))]
    if a.before:
        cmds.append(("before detect F", each([a.before, "detect"])))
    med = rounds(cmds + [("uchardet F", each(["uchardet"]))], a.rounds)
    table(f"Detection, one process per file ({len(files)} files of {a.chardet}; "
          "times per file)", med, base="uchardet F")


def g_decode(a, w):
    utf8 = os.path.join(w, "zh20.txt")
    gbk = os.path.join(w, "zh20.gbk")
    if not os.path.exists(gbk):
        # 28 MiB of UTF-8 Chinese is ~20 MB of GBK
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen_zh.py"), "28", utf8], check=True)
        with open(utf8, "rb") as fi, open(gbk, "wb") as fo:
            subprocess.run(["iconv", "-f", "UTF-8", "-t", "GBK"], stdin=fi, stdout=fo, check=True)
    size = os.path.getsize(gbk) / 1e6
    out = os.path.join(w, "decode.out")
    # the output goes to a file, as a user would write it (not /dev/null)
    med = rounds([("norm decode -f GBK zh20.gbk", lambda: run([a.norm, "decode", "-f", "GBK", gbk], stdout_path=out)),
                  ("norm decode zh20.gbk", lambda: run([a.norm, "decode", gbk], stdout_path=out)),
                  ("iconv -f GBK -t UTF-8 zh20.gbk", lambda: run(["iconv", "-f", "GBK", "-t", "UTF-8", gbk], stdout_path=out))],
                 a.rounds)
    table(f"Decode {size:.1f} MB of GBK to a file", med, size_mb=size,
          base="iconv -f GBK -t UTF-8 zh20.gbk")


FTFY_CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
import ftfy
with open(sys.argv[2], encoding="utf-8") as f, open(sys.argv[3], "w", encoding="utf-8") as o:
    for line in f:
        o.write(ftfy.fix_encoding(line))
"""


def g_fix(a, w):
    prefix = os.path.join(w, f"mixed{a.fix_mb:g}")
    src = prefix + ".txt"
    if not os.path.exists(src):
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "make_mixed_bench.py"), prefix,
                        "--fortunes", a.fortunes, "--mb", str(a.fix_mb)], check=True)
    size = os.path.getsize(src) / 1e6
    out = os.path.join(w, "fix.out")
    cmds = [("norm fix mixed.txt", lambda: run([a.norm, "fix", src], stdout_path=out))]
    if a.before:
        cmds.append(("before fix mixed.txt", lambda: run([a.before, "fix", src], stdout_path=out)))
    if a.ftfy:
        cmds.append(("ftfy fix_encoding per line", lambda: run(
            ["/usr/bin/python3", "-c", FTFY_CHILD, a.ftfy, src, os.devnull])))
    med = rounds(cmds, a.rounds)
    table(f"`norm fix` on the mixed bench ({size:.1f} MB)", med, size_mb=size,
          base="ftfy fix_encoding per line" if a.ftfy else None)


READABILITY_CHILD = r"""
import sys
from readability import Document
for path in sys.argv[1:]:
    html = open(path, "rb").read().decode("utf-8", "replace")
    try:
        Document(html).summary()
    except Exception:
        pass
"""


def g_pages(a, w):
    files = page_files(a.pages)
    d = os.path.join(w, "pages")
    if os.path.exists(d):
        shutil.rmtree(d)
    os.makedirs(d)
    for i, f in enumerate(files):
        os.symlink(os.path.abspath(f), os.path.join(d, f"{i:05d}.html"))
    outd = os.path.join(w, "pages.out")
    size = sum(os.path.getsize(f) for f in files) / 1e6

    def norm_pages():
        shutil.rmtree(outd, ignore_errors=True)
        return run([a.norm, "-r", "-j", "1", "--output-dir", outd, d])

    def norm_pages_j2():
        shutil.rmtree(outd, ignore_errors=True)
        return run([a.norm, "-r", "-j", "2", "--output-dir", outd, d])
    cmds = [("norm -r -j1 --output-dir out pages/", norm_pages),
            ("norm -r -j2 --output-dir out pages/", norm_pages_j2)]
    if a.before:
        def before_pages():
            shutil.rmtree(outd, ignore_errors=True)
            return run([a.before, "-r", "-j", "1", "--output-dir", outd, d])
        cmds.append(("before -r -j1 --output-dir out pages/", before_pages))
    cmds.append(("readability-lxml, one process", lambda: run(
        ["/usr/bin/python3", "-c", READABILITY_CHILD, *files])))
    med = rounds(cmds, a.rounds)
    table(f"{len(files)} real pages ({size:.1f} MB) in one process", med,
          per=("pages", len(files)), base="readability-lxml, one process")


def big_doc(files, target, path):
    bodies = []
    for f in files:
        m = BODY.search(read_page(f))
        if m:
            bodies.append(m.group(1))
    with open(path, "w", encoding="utf-8") as o:
        o.write("<!DOCTYPE html><html><head><meta charset=utf-8><title>pages</title></head><body>\n")
        n, i = 0, 0
        while n < target:
            b = f"<article>\n{bodies[i % len(bodies)]}\n</article>\n"
            o.write(b)
            n += len(b.encode("utf-8"))
            i += 1
        o.write("</body></html>\n")


def g_big(a, w):
    files = page_files(a.pages)
    for mb in [float(s) for s in a.sizes.split(",")]:
        path = os.path.join(w, f"big{mb:g}.html")
        if not os.path.exists(path):
            big_doc(files, mb * MB, path)
        size = os.path.getsize(path) / 1e6
        n = a.rounds if mb < 50 else max(3, a.rounds // 2)
        cmds = [(f"norm big{mb:g}.html", lambda: run([a.norm, path]))]
        if a.before:
            cmds.append((f"before big{mb:g}.html", lambda: run([a.before, path])))
        med = rounds(cmds, n)
        peaks = ", ".join(f"{name.split()[0]} {med[name][2] * 1024 / (size * 1e6):.2f}" for name in med)
        table(f"One {size:.1f} MB document of real page bodies (peak / input: {peaks})", med,
              size_mb=size)


def g_jsonl(a, w):
    path = os.path.join(w, "pages100.jsonl")
    if not os.path.exists(path):
        files = page_files(a.pages)
        recs = [json.dumps({"id": f, "text": read_page(f)}, ensure_ascii=False) + "\n" for f in files]
        n = 0
        with open(path, "w", encoding="utf-8") as o:
            while n < 100 * MB:
                for r in recs:
                    o.write(r)
                    n += len(r.encode("utf-8"))
                    if n >= 100 * MB:
                        break
    size = os.path.getsize(path) / 1e6
    n = max(3, a.rounds // 2)
    med = rounds([("norm --jsonl -j 1", lambda: run([a.norm, "--jsonl", "-j", "1", path])),
                  ("norm --jsonl -j 2", lambda: run([a.norm, "--jsonl", "-j", "2", path]))], n)
    table(f"JSONL of real pages ({size:.1f} MB)", med, size_mb=size, base="norm --jsonl -j 1")


GROUPS = {"startup": g_startup, "detect": g_detect, "decode": g_decode, "fix": g_fix,
          "pages": g_pages, "big": g_big, "jsonl": g_jsonl}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--norm", default=os.path.join(ROOT, "build/tools/norm/norm"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--work", default="/tmp/norm-perf")
    ap.add_argument("--only", nargs="*", default=list(GROUPS))
    ap.add_argument("--pages", nargs="*", default=[])
    ap.add_argument("--chardet")
    ap.add_argument("--ftfy", help="ftfy source tree (the peer of `norm fix`)")
    ap.add_argument("--fortunes", default="/usr/share/games/fortunes")
    ap.add_argument("--fix-mb", type=float, default=20)
    ap.add_argument("--sizes", default="1,10,100")
    ap.add_argument("--before", help="an earlier norm binary, measured in the same rounds")
    a = ap.parse_args()
    a.norm = os.path.abspath(a.norm)
    if a.before:
        a.before = os.path.abspath(a.before)
    os.makedirs(a.work, exist_ok=True)
    print(f"norm: {a.norm}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
          f"load average {os.getloadavg()[0]:.1f}")
    for g in a.only:
        if g in ("pages", "big", "jsonl") and not a.pages:
            print(f"\n{g}: skipped (no --pages)")
            continue
        if g == "detect" and not a.chardet:
            print("\ndetect: skipped (no --chardet)")
            continue
        GROUPS[g](a, a.work)


if __name__ == "__main__":
    main()
