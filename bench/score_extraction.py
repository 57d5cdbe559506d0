#!/usr/bin/python3
"""Article-extraction accuracy of `norm` on public real-page sets, with
readability-lxml (Debian's python3-readability) measured in the same run.

  /usr/bin/python3 bench/score_extraction.py --norm build/tools/norm/norm \\
      [--trafilatura DIR/adbar+trafilatura] [--scrapinghub DIR/scrapinghub+article-extraction-benchmark] \\
      [--readability DIR/mozilla+readability] [--chinese DIR/immortal-autumn+Chinese-Web-Content-Extraction-Dataset] \\
      [--no-peer] [--rounds 3] [--tsv-dir OUT] [--list 10]

Each set is given by the path of its fetched repository (kept outside this
one); any subset can be scored.

(a) trafilatura's evaluation set (tests/evaldata.json, pages in tests/cache
    or tests/eval): scored as trafilatura's tests/evaluate.py scores it. Per
    page, each "with" snippet found in the output is a true positive (else a
    false negative), each "without" snippet found is a false positive (else
    a true negative); "found" is substring matching after folding every run
    of white space to one space. Precision, recall and F1 are computed over
    the summed counts of all pages. Also: pages that keep none of their
    "with" snippets. norm is scored on its Markdown body (front matter
    removed) and on the text a CommonMark reader shows of it;
    readability-lxml on its summary() HTML (what evaluate.py scores) and on
    that HTML's text. The page metadata norm writes (date, author, title)
    is checked against evaldata.json's.

(b) 4-token shingle F1 (scrapinghub/article-extraction-benchmark's metric:
    \\w+ tokens, shingles of 4 counted with multiplicity), per page, averaged
    over pages; scrapinghub's own aggregate (F1 of the mean precision and
    mean recall) is printed beside it. Outputs are compared as plain text:
    norm's Markdown as a CommonMark reader shows it (libcmark-gfm), front
    matter dropped; readability-lxml's summary HTML as text. For CJK text
    every Han/kana/hangul character is a token of its own, so Chinese pages
    are scored on character 4-grams. Sets: scrapinghub's 181 English pages
    (ground-truth.json articleBody), mozilla/readability's test pages
    (expected.html as text), the Chinese Web Content Extraction Dataset
    (cleaned/*.txt).

Speed: norm runs once per set in one process over all pages
(`norm -j1 -r --output-dir OUT DIR`), wall time, median of --rounds;
readability-lxml is timed inside this process (Document(bytes).summary()
per page, parsing and encoding detection included). Pages per second over
all pages of the sets given.
"""
import argparse
import collections
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pagetext  # noqa: E402


# --------------------------------------------------------------------------
# Sets


def trafilatura_set(root):
    tests = os.path.join(root, "tests")
    with open(os.path.join(tests, "evaldata.json"), encoding="utf-8") as f:
        data = json.load(f)
    pages = []
    for url in sorted(data):
        item = data[url]
        path = None
        for sub in ("cache", "eval"):  # evaluate.py's lookup order
            p = os.path.join(tests, sub, item["file"])
            if os.path.isfile(p):
                path = p
                break
        if path is None:
            raise SystemExit(f"score_extraction.py: {url}: {item['file']} not found under {tests}")
        pages.append({"id": item["file"], "path": path, "item": item, "url": url})
    return pages


def scrapinghub_set(root):
    with open(os.path.join(root, "ground-truth.json"), encoding="utf-8") as f:
        gold = json.load(f)
    return [{"id": k, "path": os.path.join(root, "html", k + ".html.gz"), "gold": v.get("articleBody", "")}
            for k, v in sorted(gold.items())]


def readability_set(root):
    base = os.path.join(root, "test", "test-pages")
    pages = []
    for name in sorted(os.listdir(base)):
        src, exp = os.path.join(base, name, "source.html"), os.path.join(base, name, "expected.html")
        if not (os.path.isfile(src) and os.path.isfile(exp)):
            continue
        with open(exp, "rb") as f:
            gold = pagetext.html_to_text(pagetext.decode_page(f.read())[0])
        meta = {}
        mp = os.path.join(base, name, "expected-metadata.json")
        if os.path.isfile(mp):
            with open(mp, encoding="utf-8") as f:
                meta = json.load(f)
        pages.append({"id": name, "path": src, "gold": gold, "meta": meta})
    return pages


def chinese_set(root):
    pages = []
    for f in sorted(os.listdir(os.path.join(root, "original"))):
        if not f.endswith(".html"):
            continue
        stem = f[:-5]
        gold_path = os.path.join(root, "cleaned", stem + ".txt")
        if not os.path.isfile(gold_path):
            continue
        with open(gold_path, "rb") as g:
            gold = pagetext.decode_page(g.read())[0]
        pages.append({"id": stem, "path": os.path.join(root, "original", f), "gold": gold})
    return pages


# --------------------------------------------------------------------------
# Runners


def stage_inputs(pages, indir):
    """Links (or decompresses) every page to indir/NNNN.html; norm reads them from there."""
    os.makedirs(indir, exist_ok=True)
    for i, p in enumerate(pages):
        p["stem"] = f"{i:04d}"
        dst = os.path.join(indir, p["stem"] + ".html")
        if p["path"].endswith(".gz"):
            with open(dst, "wb") as f:
                f.write(pagetext.read_bytes(p["path"]))
        else:
            os.symlink(os.path.abspath(p["path"]), dst)


def run_norm(norm, pages, indir, outdir, rounds):
    """Fills p['norm'] with each page's Markdown; returns the median wall time."""
    times = []
    for _ in range(max(1, rounds)):
        shutil.rmtree(outdir, ignore_errors=True)
        start = time.perf_counter()
        proc = subprocess.run([norm, "-j1", "-r", "--output-dir", outdir, indir],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            print(f"score_extraction.py: norm exited {proc.returncode} on {indir}; "
                  "missing pages are rerun one by one", file=sys.stderr)
            break
    for p in pages:
        out = os.path.join(outdir, p["stem"] + ".md")
        p["norm_rc"] = 0
        if not os.path.isfile(out):
            r = subprocess.run([norm, os.path.join(indir, p["stem"] + ".html")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
            p["norm_rc"] = r.returncode
            p["norm"] = r.stdout.decode("utf-8", "replace") if r.returncode == 0 else ""
            p["norm_err"] = r.stderr.decode("utf-8", "replace").strip()[:200]
            continue
        with open(out, "rb") as f:
            p["norm"] = f.read().decode("utf-8", "replace")
    return statistics.median(times)


def run_readability(pages):
    """Fills p['rd_html'] (summary HTML) and p['rd_title']; returns the seconds spent."""
    import logging
    logging.getLogger("readability").setLevel(logging.CRITICAL)
    from readability import Document
    total = 0.0
    for p in pages:
        data = pagetext.read_bytes(p["path"])
        start = time.perf_counter()
        try:
            doc = Document(data)
            html = doc.summary()
            title = doc.title()
        except Exception as e:  # a failure scores as an empty output, as in evaluate.py
            html, title = "", ""
            p["rd_error"] = f"{type(e).__name__}: {e}"[:120]
        total += time.perf_counter() - start
        p["rd_html"] = html
        p["rd_title"] = title
    return total


# --------------------------------------------------------------------------
# (a) trafilatura's snippet metric


def ws(text):
    return re.sub(r"\s+", " ", text).strip()


def count_item(item, output):
    out = ws(output or "")
    tp = sum(1 for w in item["with"] if ws(w) in out)
    fp = sum(1 for w in item["without"] if ws(w) in out)
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def snippet_scores(counts):
    tp = sum(c[0] for c in counts)
    fp = sum(c[1] for c in counts)
    fn = sum(c[2] for c in counts)
    tn = sum(c[3] for c in counts)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    acc = (tp + tn) / (tp + fp + fn + tn) if tp + fp + fn + tn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    none = sum(1 for c in counts if c[0] == 0)
    return p, r, acc, f1, none


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def date_of(value):
    m = _DATE.search(value or "")
    return m.group(0) if m else ""


def check_metadata(pages):
    """norm's front matter against evaldata.json's date, author, title."""
    c = collections.Counter()
    for p in pages:
        meta, _ = pagetext.split_front_matter(p["norm"])
        item = p["item"]
        p["meta"] = meta
        gd = item.get("date") or ""
        if gd:
            c["date gold"] += 1
            nd = date_of(meta.get("date", ""))
            if nd:
                c["date given"] += 1
            if nd == gd[:10]:
                c["date right"] += 1
        ga = item.get("author") or ""
        if isinstance(ga, list):
            ga = "; ".join(ga)
        na = meta.get("author", "")
        if re.match(r"^(https?:|www\.|/)", na) or "://" in na:
            c["author is a URL"] += 1
        if na:
            c["author given"] += 1
        if ga:
            c["author gold"] += 1
            if na == ga:
                c["author exact"] += 1
            if na and (ga.casefold() in na.casefold() or na.casefold() in ga.casefold()):
                c["author overlaps"] += 1
        elif na:
            c["author where gold has none"] += 1
        gt = item.get("title") or ""
        if gt:
            c["title gold"] += 1
            nt = meta.get("title", "")
            if ws(nt) == ws(gt):
                c["title exact"] += 1
            if ws(gt).casefold() in ws(nt).casefold():
                c["title contains gold"] += 1
            if ws(p.get("rd_title", "")) == ws(gt):
                c["readability title exact"] += 1
        if meta.get("lang"):
            c["lang given"] += 1
    return c


# --------------------------------------------------------------------------
# (b) shingle metric


def shingle_table(pages, key_pred, key_gold="gold"):
    rows = []
    for p in pages:
        tp, fp, fn = pagetext.shingle_counts(p[key_gold], p[key_pred])
        prec, rec, f1 = pagetext.shingle_scores(tp, fp, fn)
        rows.append((p, tp, fp, fn, prec, rec, f1))
    n = len(rows)
    mean_p = sum(r[4] for r in rows) / n
    mean_r = sum(r[5] for r in rows) / n
    mean_f1 = sum(r[6] for r in rows) / n
    # scrapinghub's aggregate: precision averaged over pages with a prediction,
    # recall over pages with expected text, then F1 of the two means.
    ps = [r[4] for r in rows if r[1] + r[2] > 0]
    rs = [r[5] for r in rows if r[1] + r[3] > 0]
    sp = sum(ps) / len(ps) if ps else 0.0
    sr = sum(rs) / len(rs) if rs else 0.0
    sf = 2 * sp * sr / (sp + sr) if sp + sr else 0.0
    return {"rows": rows, "f1": mean_f1, "p": mean_p, "r": mean_r, "sh_f1": sf, "sh_p": sp, "sh_r": sr,
            "below_half": sum(1 for r in rows if r[6] < 0.5), "zero": sum(1 for r in rows if r[6] == 0)}


# --------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--norm", default="build/tools/norm/norm")
    ap.add_argument("--trafilatura", help="path of adbar/trafilatura")
    ap.add_argument("--scrapinghub", help="path of scrapinghub/article-extraction-benchmark")
    ap.add_argument("--readability", help="path of mozilla/readability")
    ap.add_argument("--chinese", help="path of immortal-autumn/Chinese-Web-Content-Extraction-Dataset")
    ap.add_argument("--no-peer", action="store_true", help="skip readability-lxml")
    ap.add_argument("--rounds", type=int, default=1, help="norm timing rounds (median)")
    ap.add_argument("--tsv-dir", help="write per-page rows (SET.tsv) here")
    ap.add_argument("--work", help="keep norm's inputs and outputs here (default: a temporary directory)")
    ap.add_argument("--list", type=int, default=10, help="lowest-scoring pages listed per set")
    args = ap.parse_args()
    if not os.access(args.norm, os.X_OK):
        sys.exit(f"score_extraction.py: {args.norm}: not an executable (give --norm PATH)")
    peer = not args.no_peer
    if peer:
        try:
            import readability
        except ImportError:
            print("score_extraction.py: readability-lxml missing (apt-get install python3-readability); "
                  "peer column skipped", file=sys.stderr)
            peer = False
    sets = []
    if args.trafilatura:
        sets.append(("trafilatura", trafilatura_set(args.trafilatura)))
    for name, fn in (("scrapinghub", scrapinghub_set), ("readability", readability_set),
                     ("chinese", chinese_set)):
        if getattr(args, name):
            sets.append((name, fn(getattr(args, name))))
    if not sets:
        sys.exit("score_extraction.py: give at least one set (--trafilatura, --scrapinghub, --readability, --chinese)")
    work = args.work or tempfile.mkdtemp(prefix="score_extraction.")
    if args.work:
        shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work, exist_ok=True)
    version = subprocess.run([args.norm, "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    print(f"norm: {args.norm} ({version.stdout.decode(errors='replace').splitlines()[0] if version.stdout else '?'})")
    if peer:
        print(f"peer: readability-lxml from {os.path.dirname(readability.__file__)}")
    speed = collections.OrderedDict()
    try:
        for name, pages in sets:
            indir, outdir = os.path.join(work, "in", name), os.path.join(work, "out", name)
            stage_inputs(pages, indir)
            t_norm = run_norm(args.norm, pages, indir, outdir, args.rounds)
            t_rd = run_readability(pages) if peer else None
            speed[name] = (len(pages), t_norm, t_rd)
            for p in pages:
                p["norm_text"] = pagetext.markdown_to_text(p["norm"])
                p["norm_body"] = pagetext.split_front_matter(p["norm"])[1]
                if peer:
                    p["rd_text"] = pagetext.html_to_text(p["rd_html"])
            print(f"\n## {name}: {len(pages)} pages")
            if name == "trafilatura":
                report_trafilatura(args, pages, peer)
            else:
                report_shingles(args, name, pages, peer)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)

    print("\n## Speed (one process over all pages; wall time)")
    print("| set | pages | norm s | norm pages/s | readability-lxml s | readability-lxml pages/s |")
    print("|---|---|---|---|---|---|")
    tot = [0, 0.0, 0.0]
    for name, (n, tn, tr) in speed.items():
        tot[0] += n
        tot[1] += tn
        tot[2] += tr or 0.0
        rd = f"{tr:.2f} | {n / tr:.1f}" if tr else "- | -"
        print(f"| {name} | {n} | {tn:.2f} | {n / tn:.1f} | {rd} |")
    rd = f"{tot[2]:.2f} | {tot[0] / tot[2]:.1f}" if peer and tot[2] else "- | -"
    print(f"| all | {tot[0]} | {tot[1]:.2f} | {tot[0] / tot[1]:.1f} | {rd} |")


def report_trafilatura(args, pages, peer):
    variants = [("norm (Markdown body)", "norm_body"), ("norm (Markdown -> text)", "norm_text")]
    if peer:
        variants += [("readability-lxml (summary HTML, as evaluate.py)", "rd_html"),
                     ("readability-lxml (summary -> text)", "rd_text")]
    print("| extractor | precision | recall | accuracy | F1 | pages with none of their `with` snippets |")
    print("|---|---|---|---|---|---|")
    per = {}
    for label, key in variants:
        counts = [count_item(p["item"], p[key]) for p in pages]
        per[key] = counts
        prec, rec, acc, f1, none = snippet_scores(counts)
        print(f"| {label} | {prec:.3f} | {rec:.3f} | {acc:.3f} | **{f1:.3f}** | {none} |")
    print("| trafilatura 2.2.0 (published, docs/evaluation.rst; issue 21) | .906 | .943 | .923 | .924-.925 | 10 |")
    nchunks = (sum(len(p["item"]["with"]) for p in pages), sum(len(p["item"]["without"]) for p in pages))
    print(f"\n{len(pages)} pages, {nchunks[0]} `with` and {nchunks[1]} `without` snippets.")
    rejected = [p for p in pages if p.get("norm_rc")]
    if rejected:
        print(f"norm rejected {len(rejected)} page(s): " +
              ", ".join(f"{p['id']} ({p.get('norm_err', '')[:80]})" for p in rejected[:5]))
    c = check_metadata(pages)
    print("\nMetadata (norm's front matter vs evaldata.json):")
    print(f"- date: right on {c['date right']} of {c['date gold']} pages that have one "
          f"(norm gave a date on {c['date given']} of them)")
    print(f"- author: exact on {c['author exact']} of {c['author gold']} (overlapping on {c['author overlaps']}); "
          f"author given on {c['author given']} pages, {c['author is a URL']} of them a URL, "
          f"{c['author where gold has none']} where the page has no author")
    print(f"- title: exact on {c['title exact']} of {c['title gold']} (contains it: {c['title contains gold']})"
          + (f"; readability-lxml title() exact on {c['readability title exact']}" if peer else ""))
    print(f"- lang given on {c['lang given']} of {len(pages)} pages (evaldata.json has no language)")
    key = "norm_text"
    zero = [p for p, cnt in zip(pages, per[key]) if cnt[0] == 0]
    print(f"\nPages where norm (text) keeps none of the `with` snippets ({len(zero)}):")
    for p in zero[: args.list]:
        print(f"  {os.path.relpath(p['path'], args.trafilatura)}: {len(p['norm_text'])} chars out")
    if len(zero) > args.list:
        print(f"  ... {len(zero) - args.list} more (see the TSV)")
    if args.tsv_dir:
        os.makedirs(args.tsv_dir, exist_ok=True)
        with open(os.path.join(args.tsv_dir, "trafilatura.tsv"), "w", encoding="utf-8") as f:
            cols = ["page", "url", "norm_rc", "norm_chars"] + [f"{k}_{m}" for k, _ in
                                                                ((k, 0) for _, k in variants) for m in ("tp", "fp", "fn", "tn")]
            cols += ["date_gold", "date_norm", "author_gold", "author_norm", "missed_with", "kept_without"]
            f.write("\t".join(cols) + "\n")
            for i, p in enumerate(pages):
                vals = [os.path.relpath(p["path"], args.trafilatura), p["url"], p.get("norm_rc", 0),
                        len(p["norm_text"])]
                for _, k in variants:
                    vals += list(per[k][i])
                item, meta = p["item"], p.get("meta", {})
                ga = item.get("author") or ""
                ga = "; ".join(ga) if isinstance(ga, list) else ga
                out = ws(p["norm_text"])
                missed = [w for w in item["with"] if ws(w) not in out]
                kept = [w for w in item["without"] if ws(w) in out]
                vals += [item.get("date") or "", meta.get("date", ""), ga, meta.get("author", ""),
                         " | ".join(missed), " | ".join(kept)]
                f.write("\t".join(str(v).replace("\t", " ").replace("\n", " ") for v in vals) + "\n")


def report_shingles(args, name, pages, peer):
    results = [("norm", shingle_table(pages, "norm_text"))]
    if peer:
        results.append(("readability-lxml", shingle_table(pages, "rd_text")))
    unit = "character 4-grams for CJK" if name == "chinese" else "4-token shingles"
    print(f"({unit}; per-page mean; scrapinghub's aggregate F1 of mean P and mean R in the last columns)")
    print("| extractor | F1 (page mean) | P | R | pages F1 < 0.5 | pages F1 = 0 | aggregate F1 | agg. P | agg. R |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, t in results:
        print(f"| {label} | **{t['f1']:.3f}** | {t['p']:.3f} | {t['r']:.3f} | {t['below_half']} | {t['zero']} | "
              f"{t['sh_f1']:.3f} | {t['sh_p']:.3f} | {t['sh_r']:.3f} |")
    if name == "scrapinghub":
        print("| published (scrapinghub README, aggregate): trafilatura 2.0.0 .958 (P .938 R .978), "
              "readability-lxml 0.8.4.1 .922 (P .913 R .931) | | | | | | | | |")
    if name == "readability":
        meta_check_readability(pages)
    rows = sorted(results[0][1]["rows"], key=lambda r: r[6])
    print(f"\nLowest norm F1 ({name}):")
    for p, tp, fp, fn, prec, rec, f1 in rows[: args.list]:
        print(f"  {p['path']}: F1 {f1:.3f} (P {prec:.2f} R {rec:.2f}), {len(p['norm_text'])} chars out, "
              f"{len(p['gold'])} expected")
    if args.tsv_dir:
        os.makedirs(args.tsv_dir, exist_ok=True)
        with open(os.path.join(args.tsv_dir, name + ".tsv"), "w", encoding="utf-8") as f:
            cols = ["page", "gold_chars", "norm_chars", "norm_p", "norm_r", "norm_f1"]
            if peer:
                cols += ["rd_chars", "rd_p", "rd_r", "rd_f1"]
            f.write("\t".join(cols) + "\n")
            rd_rows = results[1][1]["rows"] if peer else None
            for i, (p, tp, fp, fn, prec, rec, f1) in enumerate(results[0][1]["rows"]):
                vals = [p["path"], len(p["gold"]), len(p["norm_text"]), f"{prec:.3f}", f"{rec:.3f}", f"{f1:.3f}"]
                if peer:
                    r = rd_rows[i]
                    vals += [len(p["rd_text"]), f"{r[4]:.3f}", f"{r[5]:.3f}", f"{r[6]:.3f}"]
                f.write("\t".join(str(v) for v in vals) + "\n")


def meta_check_readability(pages):
    """norm's title and lang against mozilla/readability's expected-metadata.json."""
    c = collections.Counter()
    for p in pages:
        meta, _ = pagetext.split_front_matter(p["norm"])
        gold = p.get("meta") or {}
        if gold.get("title"):
            c["title gold"] += 1
            c["title exact"] += ws(meta.get("title", "")) == ws(gold["title"])
        if gold.get("lang"):
            c["lang gold"] += 1
            nl = meta.get("lang", "")
            c["lang given"] += bool(nl)
            c["lang right"] += bool(nl) and nl.split("-")[0].lower() == gold["lang"].split("-")[0].lower()
        if gold.get("byline"):
            c["byline gold"] += 1
            na = meta.get("author", "")
            c["author overlaps byline"] += bool(na) and (na.casefold() in gold["byline"].casefold() or
                                                         gold["byline"].casefold() in na.casefold())
        if gold.get("publishedTime"):
            c["date gold"] += 1
            c["date right"] += date_of(meta.get("date", "")) == date_of(gold["publishedTime"])
    print(f"\nMetadata vs expected-metadata.json: title exact {c['title exact']}/{c['title gold']}; "
          f"lang (primary subtag) right {c['lang right']}/{c['lang gold']} (given {c['lang given']}); "
          f"author overlaps byline {c['author overlaps byline']}/{c['byline gold']}; "
          f"date right {c['date right']}/{c['date gold']}")


if __name__ == "__main__":
    main()
