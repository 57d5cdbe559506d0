#!/usr/bin/python3
"""Whole-process comparison of `norm` with the tools users would otherwise
pick, measured in the same run, alternating commands round by round so that
machine noise hits every tool alike. Prints a Markdown table of medians and
ratios (copy it into docs/performance.md with the command line).

  /usr/bin/python3 bench/compare.py [--norm build/tools/norm/norm] [--rounds 5]
                                    [--work /tmp/norm-compare] [--only GROUP...]

Peers come from Debian packages (bench/setup-peers.sh installs them): iconv
(libc-bin), uconv (icu-devtools), uchardet, opencc, pandoc, html2markdown.py3
(python3-html2text) and cat as the I/O floor. A peer that is missing is
reported as such, never silently skipped.

Inputs are generated deterministically from the team's own text:
bench/corpus/sentences.txt (25 languages) and bench/gen_html_corpus.py
(news/blog/forum pages with boilerplate).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def sentences(lang_prefix=None):
    out, lang = [], None
    with open(os.path.join(HERE, "corpus", "sentences.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# ") and len(line) < 12:
                lang = line[2:].strip()
                continue
            if not line or line.startswith("#"):
                continue
            if lang_prefix is None or (lang or "").startswith(lang_prefix):
                out.append(line)
    return out


def repeat_to(lines, size, sep="\n"):
    parts, total, i = [], 0, 0
    while total < size:
        s = lines[i % len(lines)] + sep
        parts.append(s)
        total += len(s.encode("utf-8"))
        i += 1
    return "".join(parts)


def prepare(work):
    os.makedirs(work, exist_ok=True)
    files = {}
    zh = sentences("zh")
    if not zh:
        sys.exit("compare: no zh sentences in bench/corpus/sentences.txt")
    # Chinese prose, 20 MB, one paragraph per line.
    p = os.path.join(work, "zh-20mb.txt")
    if not os.path.exists(p):
        with open(p, "w", encoding="utf-8") as f:
            f.write(repeat_to(zh, 20 << 20))
    files["zh"] = p
    # The same text in GBK (GB18030) for decoders.
    p = os.path.join(work, "zh-20mb.gbk")
    if not os.path.exists(p):
        with open(files["zh"], encoding="utf-8") as src, open(p, "wb") as dst:
            dst.write(src.read().encode("gb18030"))
    files["gbk"] = p
    # Multilingual UTF-8 text, 20 MB.
    p = os.path.join(work, "multi-20mb.txt")
    if not os.path.exists(p):
        with open(p, "w", encoding="utf-8") as f:
            f.write(repeat_to(sentences(), 20 << 20))
    files["utf8"] = p
    # HTML pages with boilerplate, about 50 KB each.
    pages = os.path.join(work, "html")
    if not os.path.isdir(pages):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_html_corpus.py"), pages,
                        "--pages", "64", "--size", "50000"], check=True)
    page_files = sorted(os.path.join(pages, n) for n in os.listdir(pages) if n.endswith(".html"))
    files["pages"] = page_files
    # One large HTML document per size for linearity: pages' bodies concatenated.
    for mb in (1, 10, 100):
        p = os.path.join(work, f"html-{mb}mb.html")
        if not os.path.exists(p):
            body, total = [], 0
            i = 0
            while total < (mb << 20):
                with open(page_files[i % len(page_files)], encoding="utf-8") as f:
                    t = f.read()
                start = t.find("<body")
                end = t.rfind("</body>")
                chunk = t[start:end] if start >= 0 and end > start else t
                body.append(f"<section id=\"p{i}\">{chunk}</section>")
                total += len(chunk.encode("utf-8"))
                i += 1
            with open(p, "w", encoding="utf-8") as f:
                f.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>")
                f.write("".join(body))
                f.write("</body></html>")
        files[f"html{mb}"] = p
    return files


def have(tool):
    return shutil.which(tool) is not None


def run_timed(cmd, stdin_path=None):
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        t0 = time.perf_counter()
        r = subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        dt = time.perf_counter() - t0
    finally:
        if stdin_path:
            stdin.close()
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr[:300]!r}")
    return dt


def compare(title, size_bytes, entries, rounds, baseline, sizes=None):
    """entries: list of (name, argv, stdin_path_or_None); sizes: optional
    per-entry input sizes (for MB/s) when the entries read different inputs."""
    sizes = sizes or {}
    avail = [(n, c, s) for n, c, s in entries if have(c[0]) or os.path.exists(c[0])]
    missing = [n for n, c, _ in entries if (n, c) not in [(a, b) for a, b, _ in avail]]
    times = {n: [] for n, _, _ in avail}
    for r in range(rounds):
        order = avail[r % len(avail):] + avail[:r % len(avail)]
        for name, cmd, stdin in order:
            times[name].append(run_timed(cmd, stdin))
    med = {n: statistics.median(t) for n, t in times.items()}
    base = med.get(baseline)
    print(f"\n### {title}\n")
    print("| tool | median s | MB/s | vs " + baseline + " |")
    print("| --- | ---: | ---: | ---: |")
    for name, _, _ in avail:
        mbps = sizes.get(name, size_bytes) / med[name] / 1e6
        ratio = f"{base / med[name]:.2f}x" if base else "n/a"
        print(f"| {name} | {med[name]:.3f} | {mbps:.1f} | {ratio} |")
    for name in missing:
        print(f"| {name} | not installed | | |")
    sys.stdout.flush()
    return med


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--norm", default=os.path.join(ROOT, "build", "tools", "norm", "norm"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--work", default="/tmp/norm-compare")
    ap.add_argument("--only", nargs="*")
    a = ap.parse_args()
    norm = os.path.abspath(a.norm)
    f = prepare(a.work)
    size = os.path.getsize
    want = lambda g: not a.only or g in a.only  # noqa: E731
    print(f"rounds={a.rounds}; medians of whole-process wall time; machine: {os.cpu_count()} cores")

    if want("decode"):
        compare("Decoding 20 MB of GBK to UTF-8", size(f["gbk"]), [
            ("cat (I/O floor)", ["cat", f["gbk"]], None),
            ("iconv -f GB18030", ["iconv", "-f", "GB18030", "-t", "UTF-8", f["gbk"]], None),
            ("uconv -f gb18030", ["uconv", "-f", "gb18030", "-t", "utf-8", f["gbk"]], None),
            ("norm decode -f GB18030", [norm, "decode", "-f", "GB18030", f["gbk"]], None),
            ("norm decode (detect)", [norm, "decode", f["gbk"]], None),
        ], a.rounds, "iconv -f GB18030")
        compare("Decoding 20 MB of UTF-8 (validation)", size(f["utf8"]), [
            ("cat (I/O floor)", ["cat", f["utf8"]], None),
            ("iconv -f UTF-8", ["iconv", "-f", "UTF-8", "-t", "UTF-8", f["utf8"]], None),
            ("uconv -f utf-8", ["uconv", "-f", "utf-8", "-t", "utf-8", f["utf8"]], None),
            ("norm decode (detect)", [norm, "decode", f["utf8"]], None),
        ], a.rounds, "iconv -f UTF-8")
    if want("detect"):
        compare("Detecting the encoding of a 20 MB GBK file", size(f["gbk"]), [
            ("uchardet", ["uchardet", f["gbk"]], None),
            ("norm detect", [norm, "detect", f["gbk"]], None),
        ], a.rounds, "uchardet")
    if want("zh"):
        compare("Simplified to Traditional, 20 MB", size(f["zh"]), [
            ("opencc -c s2t.json", ["opencc", "-c", "s2t.json", "-i", f["zh"]], None),
            ("norm zh --zh=s2t", [norm, "zh", "--zh=s2t", f["zh"]], None),
        ], a.rounds, "opencc -c s2t.json")
    if want("html"):
        pages = f["pages"]
        total = sum(size(p) for p in pages)
        # One process per tool over all pages, so start-up is amortized the
        # way a batch user would run it; pandoc and html2text take one file each.
        script = lambda tool: ["bash", "-c", f'for p in "$@"; do {tool} "$p" >/dev/null; done', "_"] + pages  # noqa: E731
        compare(f"HTML to Markdown, {len(pages)} pages of ~50 KB, one process per page", total, [
            ("pandoc -f html -t gfm", script("pandoc -f html -t gfm"), None),
            ("html2markdown.py3", script("html2markdown.py3"), None),
            ("norm html2md", script(norm + " html2md"), None),
            ("norm (whole pipeline)", script(norm), None),
            # The same pages through one process, one thread: per-core
            # throughput without 64 process start-ups.
            ("norm, all pages in one process (-j1)", [norm, "-j1"] + pages, None),
        ], max(1, a.rounds // 2), "pandoc -f html -t gfm")
    if want("linear"):
        compare("Whole default pipeline, linearity", 0, [
            (f"norm {mb} MB", [norm, f[f"html{mb}"]], None) for mb in (1, 10, 100)
        ], a.rounds, "norm 1 MB", sizes={f"norm {mb} MB": size(f[f"html{mb}"]) for mb in (1, 10, 100)})
        for mb in (1, 10, 100):
            print(f"- html-{mb}mb.html: {size(f[f'html{mb}']) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
