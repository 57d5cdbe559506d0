#!/usr/bin/python3
"""Scores extracted Markdown against expected article text: token-level F1
(bag of tokens; a CJK character is one token, other tokens are runs of
letters and digits), per page and averaged.

  /usr/bin/python3 bench/score_html.py DIR [--suffix .md] [--verbose]

For each DIR/NNN.expected.txt reads DIR/NNN<suffix>. Markdown syntax is
stripped first: front matter, link and image URLs, emphasis and heading
marks, table pipes.
"""
import argparse
import collections
import glob
import os
import re
import sys
import unicodedata


def is_cjk(ch):
    o = ord(ch)
    return (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or
            0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF or 0xAC00 <= o <= 0xD7AF)


def tokens(text):
    out = []
    word = []
    for ch in text:
        if is_cjk(ch):
            if word:
                out.append("".join(word).lower())
                word = []
            out.append(ch)
        elif unicodedata.category(ch)[0] in "LN":
            word.append(ch)
        else:
            if word:
                out.append("".join(word).lower())
                word = []
    if word:
        out.append("".join(word).lower())
    return out


def strip_markdown(md):
    if md.startswith("---\n"):
        end = md.find("\n---\n", 4)
        if end != -1:
            md = md[end + 5:]
    md = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", md)
    md = re.sub(r"\]\((?:[^()]|\([^)]*\))*\)", "]", md)
    md = re.sub(r"^```.*$", "", md, flags=re.M)
    return md


def f1(expected, got):
    e = collections.Counter(tokens(expected))
    g = collections.Counter(tokens(got))
    common = sum((e & g).values())
    if not e and not g:
        return 1.0, 1.0, 1.0
    p = common / max(1, sum(g.values()))
    r = common / max(1, sum(e.values()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--suffix", default=".md")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    rows = []
    for exp in sorted(glob.glob(os.path.join(a.dir, "*.expected.txt"))):
        base = exp[: -len(".expected.txt")]
        got_path = base + a.suffix
        if not os.path.exists(got_path):
            print(f"missing {got_path}", file=sys.stderr)
            rows.append((os.path.basename(base), 0, 0, 0))
            continue
        with open(exp, encoding="utf-8") as f:
            e = f.read()
        with open(got_path, encoding="utf-8", errors="replace") as f:
            g = strip_markdown(f.read())
        rows.append((os.path.basename(base),) + f1(e, g))
    for name, p, r, f in rows:
        if a.verbose or f < 0.95:
            print(f"{name}  P={p:.3f} R={r:.3f} F1={f:.3f}")
    n = len(rows)
    mp = sum(r[1] for r in rows) / n
    mr = sum(r[2] for r in rows) / n
    mf = sum(r[3] for r in rows) / n
    print(f"pages={n} precision={mp:.4f} recall={mr:.4f} F1={mf:.4f}")


if __name__ == "__main__":
    main()
