#!/usr/bin/python3
"""Extract Chinese prose lines from real files, for the script-consistency
measurements (docs/accuracy.md, "Chinese script consistency").

    bench/zh_consistency_prose.py [--min-han N] FILE_OR_DIR... > prose.txt

Reads plain text (.txt), roff man pages (.1 .. .9, optionally .gz),
fortune files (ANSI colours and '%' separators dropped), HTML (.html, .htm;
needs python3-lxml: run with /usr/bin/python3) and gettext catalogues (.mo,
through msgunfmt: the msgstr side). Writes one paragraph per line, keeping
lines with at least N Han characters (default 5), each distinct line once,
in input order. Nothing is converted: the lines are the files' own text.
"""
import argparse
import gzip
import os
import re
import subprocess
import sys

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
ROFF_FONT = re.compile(r"\\f(\[[^\]]*\]|\(..|.)")
ROFF_ESC = re.compile(r"\\(\(..|\*\(..|\*.|[&|^/,:%])")
BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dd", "dt", "div",
         "title", "blockquote", "pre", "tr", "br", "section", "article", "table"}


def read_bytes(path):
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    return data


def roff_lines(text):
    for line in text.splitlines():
        if line.startswith((".", "'")):
            # Macros with prose arguments (.SH NAME, .TP labels are separate lines).
            m = re.match(r"^[.'](SH|SS|B|I|BI|BR|IR|RB|RI|IP)\s+(.*)$", line)
            if not m:
                continue
            line = m.group(2).replace('"', "")
        line = ROFF_FONT.sub("", line)
        line = line.replace("\\-", "-").replace("\\e", "\\").replace("\\ ", " ")
        line = ROFF_ESC.sub("", line)
        yield line


def html_lines(data):
    import lxml.html
    root = lxml.html.fromstring(data)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCK:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    return root.text_content().splitlines()


def mo_lines(path):
    out = subprocess.run(["msgunfmt", path], capture_output=True, check=False).stdout
    text = out.decode("utf-8", "replace")
    msgstr, cur = [], None
    for line in text.splitlines():
        if line.startswith("msgstr"):
            cur = [line[line.index('"') + 1:-1]]
            msgstr.append(cur)
        elif line.startswith('"') and cur is not None:
            cur.append(line[1:-1])
        else:
            cur = None
    for parts in msgstr:
        yield "".join(parts).replace("\\n", "\n").replace('\\"', '"')


def lines_of(path):
    name = path[:-3] if path.endswith(".gz") else path
    ext = os.path.splitext(name)[1].lower()
    if ext == ".mo":
        for s in mo_lines(path):
            yield from s.splitlines()
        return
    data = read_bytes(path)
    if ext in (".html", ".htm", ".xhtml"):
        yield from html_lines(data)
        return
    text = data.decode("utf-8", "replace")
    if re.fullmatch(r"\.[1-9][a-z]*", ext):
        yield from roff_lines(text)
        return
    text = ANSI.sub("", text)
    for line in text.splitlines():
        if line.strip() == "%":
            continue
        yield line


def walk(args):
    for a in args:
        if os.path.isdir(a):
            for root, dirs, files in os.walk(a):
                dirs.sort()
                for f in sorted(files):
                    yield os.path.join(root, f)
        else:
            yield a


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-han", type=int, default=5)
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    seen = set()
    out = sys.stdout
    for path in walk(args.paths):
        if path.endswith((".dat", ".png", ".js", ".css", ".pdf", ".ods")):
            continue
        try:
            lines = list(lines_of(path))
        except Exception as e:  # one unreadable file does not stop the run
            print(f"zh_prose: {path}: {e}", file=sys.stderr)
            continue
        for line in lines:
            line = " ".join(line.split())
            if len(HAN.findall(line)) < args.min_han or line in seen:
                continue
            seen.add(line)
            out.write(line + "\n")


if __name__ == "__main__":
    main()
