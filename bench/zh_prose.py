#!/usr/bin/python3
"""Extracts clean Chinese prose, one paragraph per line, from real sources
outside the repository, for realign's measurements (bench/score_realign.py,
scripts/cjk_damage.py --doc) and the clean-text check.

Sources, by what the path looks like:
  *.gz under a man directory   roff man pages (Debian manpages-zh): macro lines
                               dropped, font escapes removed, text lines of a
                               paragraph joined;
  a fortune file               (Debian fortunes-zh) ANSI colours removed,
                               entries joined, box-drawing tables dropped;
  *.xml / *.html               tags and entities removed (any charset the
                               file declares or that decodes: UTF-8, Big5,
                               GB18030);
  anything else                UTF-8 text, one paragraph per line.
A directory is walked (sorted). Only paragraphs holding at least --min-han
Han characters and mostly Han (not code or tables) are kept.

Usage: zh_prose.py [--min-han N] [--script hans|hant|any] SOURCE... > OUT.txt
"""
import argparse
import gzip
import html
import os
import re
import sys

ANSI = re.compile(r"\x1b\[[0-9;]*m")
TAG = re.compile(r"<[^>]*>")
ROFF_ESC = re.compile(r"\\f(\[[^\]]*\]|\(..|.)|\\s[-+]?\d|\\[&|^%]|\\\(em|\\\*\(..|\\\*.")


def is_han(c):
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def roff_paragraphs(text):
    paras, cur = [], []
    for line in text.split("\n"):
        if line.startswith(".") or line.startswith("'"):
            macro = line.split()[0] if line.split() else "."
            if macro in (".B", ".I", ".BR", ".IR", ".RB", ".RI", ".BI", ".IB"):
                arg = line[len(macro):].strip().replace('"', "")
                cur.append(arg)
                continue
            if cur:
                paras.append(cur)
                cur = []
            continue
        line = ROFF_ESC.sub("", line).replace("\\-", "-").replace("\\e", "\\")
        if not line.strip():
            if cur:
                paras.append(cur)
                cur = []
            continue
        cur.append(line.strip())
    if cur:
        paras.append(cur)
    out = []
    for p in paras:
        s = ""
        for part in p:
            # Chinese lines join without a space, Latin words with one.
            if s and (s[-1].isascii() and s[-1].isalnum()) and part[:1].isascii() and part[:1].isalnum():
                s += " "
            s += part
        out.append(s)
    return out


def fortune_paragraphs(text):
    out = []
    for entry in ANSI.sub("", text).split("\n%\n"):
        lines = [l.strip() for l in entry.split("\n")]
        if any(ch in l for l in lines for ch in "│─┼"):
            continue
        cur = []
        for l in lines + [""]:
            if l:
                cur.append(l)
            elif cur:
                out.append("".join(cur))
                cur = []
    return out


def decode_markup(data):
    m = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:2000]) or \
        re.search(rb"encoding\s*=\s*[\"']([A-Za-z0-9_-]+)", data[:200])
    names = [m.group(1).decode("ascii").lower()] if m else []
    names += ["utf-8", "cp950", "gb18030"]
    for n in names:
        if n in ("big5", "big-5"):
            n = "cp950"
        try:
            return data.decode(n)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def markup_paragraphs(data):
    text = decode_markup(data)
    text = re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", " ", text)
    # Feeds hold escaped HTML: unescape, strip, unescape again.
    for _ in range(2):
        text = html.unescape(re.sub(r"(?i)<br\s*/?>|</p>|</div>|</h\d>|</li>", "\n",
                                    TAG.sub(lambda m: "\n" if re.match(
                                        r"(?i)</?(p|div|br|h\d|li|title|item|description)\b",
                                        m.group(0)) else "", text)))
    return [l.strip() for l in text.split("\n")]


def paragraphs(path):
    if path.endswith(".gz") and "/man" in path:
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            return roff_paragraphs(f.read())
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith((".xml", ".html", ".htm")):
        return markup_paragraphs(data)
    text = data.decode("utf-8", "replace")
    if "\n%\n" in text:
        return fortune_paragraphs(text)
    return [l.strip() for l in text.split("\n")]


def walk(sources):
    for s in sources:
        if os.path.isdir(s):
            for root, dirs, files in os.walk(s):
                dirs.sort()
                for f in sorted(files):
                    p = os.path.join(root, f)
                    if not f.endswith(".dat") and not os.path.islink(p):
                        yield p
        else:
            yield s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-han", type=int, default=12)
    ap.add_argument("sources", nargs="+")
    args = ap.parse_args()
    seen = set()
    for path in walk(args.sources):
        for p in paragraphs(path):
            p = re.sub(r"\s+", " ", p).strip()
            han = sum(1 for c in p if is_han(c))
            if han < args.min_han or han < 0.5 * len(p) or "\ufffd" in p or p in seen:
                continue
            seen.add(p)
            sys.stdout.write(p + "\n")


if __name__ == "__main__":
    main()
