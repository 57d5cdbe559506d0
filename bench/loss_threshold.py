#!/usr/bin/python3
"""How often the loss warning (issue 15) fires on real pages, and whether the
pages it fires on are failed extractions or short articles on heavy pages.

  /usr/bin/python3 bench/loss_threshold.py [--norm build/tools/norm/norm] [--jobs 2] C

C is the directory the collections were fetched into (docs/accuracy.md). Runs
`norm --stats` once per page of trafilatura's tests/eval and tests/cache,
mozilla/readability's test pages, scrapinghub's benchmark, the Chinese set
and GeneralNewsExtractor's tests, and reads visible.input and visible.output
(norm's own visible characters, see loss_account.h) and the warning. Pages
with a reference article (scrapinghub's articleBody, readability's
expected.html, the Chinese set's cleaned/*.txt) also give the share of the
page the reference is, and whether the output holds less than half of the
reference (a failed extraction). For each threshold: pages below it, and on
the reference pages how many below it are failed and how many are not.
Needs Debian's python3-lxml.
"""
import argparse
import concurrent.futures
import glob
import gzip
import json
import os
import subprocess
import tempfile
import unicodedata

import lxml.html

PAGE_DIRS = ["adbar+trafilatura/tests/eval", "adbar+trafilatura/tests/cache",
             "mozilla+readability/test/test-pages", "scrapinghub+article-extraction-benchmark/html",
             "immortal-autumn+Chinese-Web-Content-Extraction-Dataset/original",
             "GeneralNewsExtractor+GeneralNewsExtractor/tests"]
SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")


def visible(s):
    return sum(1 for ch in s if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf"))


def pages(root):
    for d in PAGE_DIRS:
        for base, dirs, files in os.walk(os.path.join(root, d)):
            dirs.sort()
            for f in sorted(files):
                if f.lower().endswith(SUFFIXES) and not f.endswith("expected.html"):
                    yield os.path.join(base, f)


def run(norm, tmp, path):
    if path.endswith(".gz"):  # norm reads the name: keep .html
        plain = os.path.join(tmp, os.path.basename(path)[:-3])
        with open(plain, "wb") as f:
            f.write(gzip.decompress(open(path, "rb").read()))
        path_run = plain
    else:
        path_run = path
    r = subprocess.run([norm, "--stats", path_run], capture_output=True, timeout=120)
    vis, warning = {}, ""
    for line in r.stderr.decode("utf-8", "replace").splitlines():
        if line.startswith("{"):
            vis = json.loads(line)["report"].get("visible", {})
        elif ": warning: " in line:
            warning = line
    return path, vis.get("input", 0), vis.get("output", 0), warning


def references(root):
    refs = {}
    gt = os.path.join(root, "scrapinghub+article-extraction-benchmark/ground-truth.json")
    for k, v in json.load(open(gt)).items():
        refs[os.path.join(root, "scrapinghub+article-extraction-benchmark/html", k + ".html.gz")] = \
            visible(v["articleBody"])
    for d in glob.glob(os.path.join(root, "mozilla+readability/test/test-pages/*/")):
        if os.path.exists(d + "expected.html"):
            refs[d + "source.html"] = visible(lxml.html.parse(d + "expected.html").getroot().text_content())
    chinese = os.path.join(root, "immortal-autumn+Chinese-Web-Content-Extraction-Dataset")
    for t in glob.glob(os.path.join(chinese, "cleaned/*.txt")):
        name = os.path.basename(t)[:-4] + ".html"
        refs[os.path.join(chinese, "original", name)] = visible(open(t, encoding="utf-8", errors="replace").read())
    return refs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--norm", default="build/tools/norm/norm")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("corpora")
    args = ap.parse_args()
    refs = references(args.corpora)
    with tempfile.TemporaryDirectory() as tmp, concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        rows = list(ex.map(lambda p: run(args.norm, tmp, p), list(pages(args.corpora))))
    rows = [r for r in rows if r[1] > 0]
    print("pages with visible text: %d; warned: %d" % (len(rows), sum(1 for r in rows if r[3])))
    with_ref = [(r, refs[r[0]]) for r in rows if r[0] in refs]
    print("pages with a reference article: %d; reference under 5%% / 10%% of the page: %d / %d" % (
        len(with_ref), sum(1 for r, g in with_ref if g * 20 < r[1]), sum(1 for r, g in with_ref if g * 10 < r[1])))
    print("| keeps less than | pages | reference pages below | of which failed (< half the reference) |"
          " failed reference pages not below |")
    print("|---|---|---|---|---|")
    for t in (3, 5, 7, 10, 20, 50):
        below = [r for r in rows if r[2] * 100 < r[1] * t]
        ref_below = [(r, g) for r, g in with_ref if r[2] * 100 < r[1] * t]
        failed = sum(1 for r, g in ref_below if r[2] * 2 < g)
        missed = sum(1 for r, g in with_ref if r[2] * 2 < g and not r[2] * 100 < r[1] * t)
        print("| %d%% | %d | %d | %d | %d |" % (t, len(below), len(ref_below), failed, missed))
    unwarned = [r[0] for r in rows if r[2] * 20 < r[1] and not r[3]]
    print("pages under 5%% without a warning: %d" % len(unwarned))
    for p in unwarned:
        print("  " + p)


if __name__ == "__main__":
    main()
