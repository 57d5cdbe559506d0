#!/usr/bin/python3
"""Which rule removed this text? Runs `norm --explain` on a page and, for each
expected snippet missing from the output, names the --explain removal whose
element holds it (found again in lxml's tree, as bench/real_pages.py does).

  /usr/bin/python3 bench/explain_loss.py [--norm build/tools/norm/norm] PAGE [SNIPPET...]
  /usr/bin/python3 bench/explain_loss.py --trafilatura DIR/adbar+trafilatura [--zero-only] [PAGE_FILE...]

With --trafilatura, the snippets are the page's "with" snippets from
tests/evaldata.json (all pages, or the named files; --zero-only: the pages
whose output keeps none of them), and one line per page sums up the verdict.

Verdicts per missing snippet:
  removed by RULE <element>   the first removal (document order) whose element holds the snippet
  not in page text            lxml finds it nowhere in <body> text (script data, attributes,
                              a <noscript> that swallowed the page...)
  kept by --no-boilerplate    present without boilerplate removal, but no removal located
  lost in conversion          absent even with --no-boilerplate
"""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pagetext  # noqa: E402
import real_pages  # noqa: E402
import score_extraction  # noqa: E402


def ws(s):
    return re.sub(r"\s+", " ", s).strip()


def nows(s):
    return re.sub(r"\s+", "", s)


def analyse(norm, path, snippets):
    if path.endswith(".gz"):  # norm reads plain files
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            plain = os.path.join(tmp, os.path.basename(path)[:-3])
            with open(plain, "wb") as f:
                f.write(pagetext.read_bytes(path))
            return analyse(norm, plain, snippets)
    data = pagetext.read_bytes(path)
    text, _ = pagetext.decode_page(data)
    out = subprocess.run([norm, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    md = out.stdout.decode("utf-8", "replace")
    shown = ws(pagetext.markdown_to_text(md))
    ex = subprocess.run([norm, "--explain", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elements = []
    _, _, reader, _ = real_pages.size_events(ex.stderr.decode("utf-8", "replace"), text, True, elements)
    visible = None
    nobp = None
    verdicts = []
    for snip in snippets:
        if ws(snip) in shown:
            verdicts.append((snip, "kept", ""))
            continue
        want = nows(snip)
        hit = None
        for key, line, el in elements:
            if el is not None and want in nows(pagetext.element_text(el)):
                hit = (key, line)
                break
        if hit:
            what = re.sub(r': ".*', "", hit[1].split(" removed ", 1)[-1])
            verdicts.append((snip, f"removed by {hit[0]}", what))
            continue
        if visible is None:
            visible = nows(pagetext.page_visible_text(text))
        if want not in visible:
            verdicts.append((snip, "not in page text", ""))
            continue
        if nobp is None:
            r = subprocess.run([norm, "--no-boilerplate", path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            nobp = nows(pagetext.markdown_to_text(r.stdout.decode("utf-8", "replace")))
        verdicts.append((snip, "kept by --no-boilerplate" if want in nobp else "lost in conversion", ""))
    return reader, out.returncode, verdicts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--norm", default="build/tools/norm/norm")
    ap.add_argument("--trafilatura", help="path of adbar/trafilatura: take snippets from its evaldata.json")
    ap.add_argument("--zero-only", action="store_true")
    ap.add_argument("args", nargs="*")
    a = ap.parse_args()
    if a.trafilatura:
        wanted = set(os.path.basename(x) for x in a.args)
        for page in score_extraction.trafilatura_set(a.trafilatura):
            item = page["item"]
            if wanted and item["file"] not in wanted:
                continue
            reader, rc, verdicts = analyse(a.norm, page["path"], item["with"])
            kept = sum(1 for v in verdicts if v[1] == "kept")
            if a.zero_only and kept:
                continue
            causes = sorted({f"{v[1]} {v[2]}".strip() for v in verdicts if v[1] != "kept"})
            print(f"{os.path.relpath(page['path'], a.trafilatura)}\treader={reader}\trc={rc}\t"
                  f"kept {kept}/{len(verdicts)}\t" + " || ".join(causes))
        return
    if not a.args:
        ap.error("give a PAGE (and snippets) or --trafilatura DIR")
    path, snippets = a.args[0], a.args[1:]
    reader, rc, verdicts = analyse(a.norm, path, snippets)
    print(f"{path}: reader={reader} rc={rc}")
    for snip, verdict, what in verdicts:
        print(f"  {snip[:60]!r}: {verdict} {what}")


if __name__ == "__main__":
    main()
