#!/usr/bin/python3
"""Runs `norm` over every page of real page collections and reports what a
new user would trip over: crashes, timeouts, invalid UTF-8, HTML tags left
outside code, non-idempotent output, HTML read as Markdown, pages whose body
comes out (nearly) empty, whether norm said so on stderr, and the rule that
removed the most text on each page.

  /usr/bin/python3 bench/real_pages.py [--norm build/tools/norm/norm] [--tsv pages.tsv]
                                       [--jobs 2] [--timeout 30] DIR_OR_FILE...

Page files are found recursively: *.html, *.htm, *.xhtml (also .gz), *.txt,
*.md. The collections stay outside the repository (see docs/accuracy.md for
the ones measured and the commands). Needs Debian's python3-lxml and the
project's libcmark-gfm (bench/setup-peers.sh).

Per page, norm runs four times, each in its own process with a timeout:
  1. `norm FILE`                        the output measured, and its stderr
  2. `norm --explain --stats FILE`      which reader ran, what each rule removed
  3. `norm --format=markdown -` on (1)  idempotence: must reproduce (1) byte for byte
  4. `norm --no-boilerplate FILE`       how much text conversion alone keeps

"Text" is counted as letters, marks and digits. A page's text is what lxml
(libxml2, as norm) finds in <body> without script, style, template, head and
<noscript> (read as a browser with scripting on reads it); hidden content
counts. The output's text is what a CommonMark reader (libcmark-gfm) shows of
the Markdown body, front matter excluded. A page is near-empty when its
output keeps less than --near-empty (5%) of a page text of at least
--min-page-letters letters; "announced" means norm's plain run wrote anything
to stderr for that page.

The rule that removed the most: every "removed" event of --explain is sized
by the visible text of the element it names, found again in lxml's tree
(tag, id, class and the event's text excerpt), or by the excerpt itself when
it is not truncated; block-level boilerplate events are sized by their
excerpt or weight. Sizes are estimates (nested removals can count twice).
"""
import argparse
import collections
import concurrent.futures
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pagetext  # noqa: E402

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz", ".txt", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")


def find_pages(args):
    pages = []
    for root in args.paths:
        if os.path.isfile(root):
            pages.append((root, root))
            continue
        for d, dirs, files in os.walk(root):
            dirs.sort()
            for f in sorted(files):
                if not f.lower().endswith(PAGE_SUFFIXES):
                    continue
                p = os.path.join(d, f)
                rel = os.path.relpath(p, root)
                if args.include and not any(fnmatch.fnmatch(rel, g) for g in args.include):
                    continue
                if any(fnmatch.fnmatch(rel, g) for g in args.exclude):
                    continue
                pages.append((root, p))
    return pages


def run(cmd, timeout, stdin=None):
    """(rc, stdout bytes, stderr bytes, seconds, timed_out); rc < 0 is a signal."""
    start = time.perf_counter()
    try:
        p = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
        return p.returncode, p.stdout, p.stderr, time.perf_counter() - start, False
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or b"", e.stderr or b"", time.perf_counter() - start, True


# --------------------------------------------------------------------------
# --explain parsing and sizing

_EVENT = re.compile(r'^(?P<stage>[a-z-]+): removed (?P<what>.*?)(?:: "(?P<text>.*)" -> ".*")?$')
_HTML_WHAT = re.compile(
    r'^<(?P<tag>[^\s>]+)(?: id="(?P<id>[^"]*)")?(?: class="(?P<cls>[^"]*)")?> \((?P<reason>[^):]+)'
    r'(?:: (?P<detail>[^)]*))?\)(?: weight=(?P<weight>\d+))?$')


def rule_key(stage, what, m):
    if stage == "html" and m:
        reason = m.group("reason")
        detail = m.group("detail") or ""
        if reason == "main-content":
            return "main-content"
        if reason in ("never-content", "semantic", "heuristic", "custom-element", "adblock"):
            if reason == "adblock":
                return "adblock"
            if reason == "custom-element":
                return "custom-element"
            return f"{reason}:{detail}"
        return reason
    if stage == "boilerplate":
        w = what.split(" ")[0]
        w = re.sub(r"=.*", "", w)
        w = re.sub(r"^repeated$", "repeated", w)
        if what.startswith("repeated"):
            return "boilerplate:repeated"
        return "boilerplate:" + w
    return stage + ":" + what.split(" ")[0]


_WS = re.compile(r"\s+")


class TreeIndex:
    """Finds the element an --explain event names in lxml's tree of the page.
    Texts are compared with all white space removed (norm's excerpts fold
    ASCII space only; lxml's text of adjacent elements has none)."""

    def __init__(self, text):
        self.tree = pagetext.parse_html(text) if text is not None else None
        self.by_tag = {}
        self.all = None
        self.used = set()

    @staticmethod
    def _prefix(el, n=70):
        """The element's first n non-space characters, script and style text skipped."""
        out = []
        size = 0
        stack = [(el, False)]
        while stack and size <= n:
            e, tail_only = stack.pop()
            if tail_only:
                t = e.tail
            else:
                tag = e.tag.lower() if isinstance(e.tag, str) else ""
                if tag in ("script", "style", "template"):
                    if e.tail and e is not el:
                        stack.append((e, True))
                    continue
                if e.tail and e is not el:
                    stack.append((e, True))
                for c in reversed(e):
                    stack.append((c, False))
                t = e.text if isinstance(e.tag, str) else None
            if t:
                t = _WS.sub("", t)
                out.append(t)
                size += len(t)
        return "".join(out)[:n]

    @staticmethod
    def _want(excerpt):
        return _WS.sub("", excerpt.rstrip("…"))[:50] if excerpt else ""

    def find(self, tag, id_, cls, excerpt):
        """The first unused <tag> with this id and class whose text starts like the excerpt."""
        if self.tree is None:
            return None
        if tag not in self.by_tag:
            self.by_tag[tag] = [el for el in self.tree.iter(tag)]
        want = self._want(excerpt)
        for el in self.by_tag[tag]:
            if id(el) in self.used:
                continue
            if id_ is not None and (el.get("id") or "") != id_:
                continue
            if cls is not None:
                c = " ".join((el.get("class") or "").split())
                if cls.endswith("…"):
                    if not c.startswith(cls[:-1][:30]):
                        continue
                elif c != cls:
                    continue
            if want and not self._prefix(el).startswith(want):
                continue
            self.used.add(id(el))
            return el
        return None

    def find_block(self, excerpt):
        """The smallest unused element whose text starts like a block's excerpt."""
        if self.tree is None:
            return None
        want = self._want(excerpt)
        if len(want) < 20:
            return None
        if self.all is None:
            self.all = [(el, self._prefix(el)) for el in self.tree.iter() if isinstance(el.tag, str)]
        best, best_size = None, None
        for el, prefix in self.all:
            if id(el) in self.used or not prefix.startswith(want):
                continue
            size = sum(len(t) for t in el.itertext())
            if best is None or size < best_size:
                best, best_size = el, size
        if best is not None:
            self.used.add(id(best))
        return best


def size_events(stderr_text, page_text, is_html, elements=None):
    """{rule: letters removed (estimate)}, [(rule, letters, excerpt)], reader,
    the --stats JSON. With a list as elements, appends (rule, line, lxml
    element or None) for every removal, script and style included."""
    reader = ""
    stats = None
    per_rule = collections.Counter()
    events = []
    index = None
    for line in stderr_text.splitlines():
        if line.startswith("read.format="):
            reader = line.split("=", 1)[1]
            continue
        if line.startswith("{"):
            try:
                stats = json.loads(line)
            except ValueError:
                pass
            continue
        m = _EVENT.match(line)
        if not m:
            continue
        stage, what, excerpt = m.group("stage"), m.group("what"), m.group("text") or ""
        excerpt = excerpt.replace('\\"', '"')
        hm = _HTML_WHAT.match(what) if stage == "html" else None
        key = rule_key(stage, what, hm)
        if key.startswith("never-content:script") or key.startswith("never-content:style"):
            continue  # never visible text
        truncated = excerpt.endswith("…") or elements is not None
        el = None
        size = pagetext.letters(excerpt)
        if truncated:
            if stage == "html" and hm and is_html:
                if index is None:
                    index = TreeIndex(page_text)
                el = index.find(hm.group("tag"), hm.group("id"), hm.group("cls"), excerpt)
                if el is not None and excerpt:
                    size = max(size, pagetext.letters(pagetext.element_text(el)))
            elif stage == "boilerplate":
                w = re.search(r"weight=(\d+)", what)
                if w:
                    size = max(size, int(w.group(1)))
                elif is_html:
                    if index is None:
                        index = TreeIndex(page_text)
                    el = index.find_block(excerpt)
                    if el is not None:
                        size = max(size, pagetext.letters(pagetext.element_text(el)))
        if elements is not None:
            elements.append((key, line, el))
        per_rule[key] += size
        events.append((key, size, excerpt))
    if stats and not reader:
        reader = stats.get("report", {}).get("read", {}).get("format", "")
    return per_rule, events, reader, stats


# --------------------------------------------------------------------------
# Output checks

_FENCE = re.compile(r"^ {0,3}(```+|~~~+).*?^ {0,3}\1[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)[^`].*?\1", re.S)
_TAG = re.compile(r"(?<![\\`])</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_CSS_JS = re.compile(
    r"(^|\n)\s*([.#@]?[\w-]+(\s*[,>]\s*[.#]?[\w-]+)*\s*\{[^}]*[\w-]+\s*:[^}]*;|"
    r"(var|let|const)\s+\w+\s*=|function\s*\w*\s*\(|document\.|window\.|@media|@import|"
    r"!important|\}\s*\)\s*\(\s*\)|<!\[CDATA\[|\bgtag\(|\bjQuery\b)")


def code_blocks(md):
    """Contents of fenced and indented code blocks."""
    blocks = [m.group(0) for m in _FENCE.finditer(md)]
    indented, cur = [], []
    prev_blank = True
    for line in _FENCE.sub("", md).split("\n"):
        if line.startswith("    ") and line.strip() and (prev_blank or cur):
            cur.append(line)
        elif cur and not line.strip():
            cur.append(line)
        else:
            if cur:
                indented.append("\n".join(cur))
            cur = []
        prev_blank = not line.strip()
    if cur:
        indented.append("\n".join(cur))
    return blocks + indented


def tags_outside_code(md):
    """HTML tags a CommonMark reader sees as raw HTML: their number (from
    libcmark-gfm, which replaces each by a marker) and a few examples."""
    _, body = pagetext.split_front_matter(md)
    n = 0
    if pagetext._cmark is None:
        pagetext.markdown_to_text("")
    if pagetext._cmark.ok:
        n = pagetext._cmark.to_html(body).count("raw HTML omitted")
    stripped = _CODE_SPAN.sub("", _FENCE.sub("", body))
    stripped = "\n".join(l for l in stripped.split("\n") if not l.startswith("    "))
    examples = []
    for m in _TAG.finditer(stripped):
        examples.append(m.group(0)[:40])
        if len(examples) >= 3:
            break
    if not pagetext._cmark.ok:
        n = len(_TAG.findall(stripped))
    return n, examples


def first_difference(a, b):
    al, bl = a.split("\n"), b.split("\n")
    for i in range(max(len(al), len(bl))):
        x = al[i] if i < len(al) else "<EOF>"
        y = bl[i] if i < len(bl) else "<EOF>"
        if x != y:
            return f"line {i + 1}: {x[:70]!r} -> {y[:70]!r}"
    return ""


# --------------------------------------------------------------------------


def check_page(args, root, path, tmp):
    row = collections.OrderedDict()
    row["page"] = path
    lower = path.lower()
    is_html = lower.endswith(HTML_SUFFIXES)
    row["kind"] = "html" if is_html else ("md" if lower.endswith(".md") else "text")
    data = pagetext.read_bytes(path)
    row["bytes"] = len(data)
    run_path = path
    if path.endswith(".gz"):
        run_path = os.path.join(tmp, f"{abs(hash(path))}_{os.path.basename(path)[:-3]}")
        with open(run_path, "wb") as f:
            f.write(data)
    norm = args.norm
    t = args.timeout

    rc, out, err, secs, to = run([norm, run_path], t)
    row["rc"] = "timeout" if to else rc
    row["secs"] = f"{secs:.3f}"
    row["timeout"] = int(to)
    row["crash"] = int(not to and rc not in (0, 1))
    try:
        md = out.decode("utf-8")
        row["invalid_utf8"] = 0
    except UnicodeDecodeError as e:
        md = out.decode("utf-8", "replace")
        row["invalid_utf8"] = 1
        row["invalid_at"] = e.start
    errtext = err.decode("utf-8", "replace").strip()
    row["announced"] = int(bool(errtext))
    row["stderr"] = errtext.split("\n")[0][:160] if errtext else ""

    # The page's own text.
    text, enc = pagetext.decode_page(data)
    row["decoded_as"] = enc
    if is_html:
        page_letters = pagetext.letters(pagetext.page_visible_text(text))
    elif row["kind"] == "md":
        page_letters = pagetext.letters(pagetext.markdown_to_text(text))
    else:
        page_letters = pagetext.letters(text)
    out_letters = pagetext.letters(pagetext.markdown_to_text(md)) if rc in (0, 1) else 0
    row["page_letters"] = page_letters
    row["out_letters"] = out_letters
    row["ratio"] = f"{out_letters / page_letters:.3f}" if page_letters else ""
    row["empty"] = int(page_letters > 0 and out_letters == 0 and rc == 0)
    row["near_empty"] = int(page_letters >= args.min_page_letters and rc == 0 and
                            out_letters < args.near_empty * page_letters)

    # Tags outside code; CSS/JS in code blocks.
    n_tags, examples = tags_outside_code(md)
    row["raw_html"] = n_tags
    row["raw_html_examples"] = " ".join(examples)
    cssjs = [b for b in code_blocks(pagetext.split_front_matter(md)[1]) if _CSS_JS.search(b)]
    row["cssjs_code_blocks"] = len(cssjs)

    # Explain: reader and removals.
    rc2, _, err2, _, to2 = run([norm, "--explain", "--stats", run_path], t)
    per_rule, events, reader, _ = size_events(err2.decode("utf-8", "replace"), text if is_html else None,
                                              is_html)
    row["reader"] = reader or ("timeout" if to2 else "?")
    row["html_as_md"] = int(is_html and reader not in ("html", ""))
    if per_rule:
        top, size = per_rule.most_common(1)[0]
        excerpt = next((e for k, s, e in sorted(events, key=lambda x: -x[1]) if k == top), "")
        row["top_rule"] = top
        row["top_rule_letters"] = size
        row["top_rule_excerpt"] = excerpt[:80]
    else:
        row["top_rule"], row["top_rule_letters"], row["top_rule_excerpt"] = "", 0, ""
    big = max(events, key=lambda e: e[1]) if events else ("", 0, "")
    row["biggest_removal"] = f"{big[0]} {big[1]}: {big[2][:60]}" if big[1] else ""
    row["removed_letters"] = sum(per_rule.values())
    row["rules"] = ";".join(f"{k}={v}" for k, v in per_rule.most_common(4))

    # Idempotence.
    if rc == 0 and not to:
        rc3, out3, _, _, to3 = run([norm, "--format=markdown", "-"], t, stdin=out)
        same = (not to3 and rc3 == 0 and out3 == out)
        row["idempotent"] = int(same)
        row["idem_diff"] = "" if same else (
            "timeout" if to3 else f"rc={rc3}" if rc3 != 0 else
            first_difference(md, out3.decode("utf-8", "replace")))
    else:
        row["idempotent"], row["idem_diff"] = "", ""

    # Conversion alone.
    if args.no_boilerplate_run:
        rc4, out4, _, _, to4 = run([norm, "--no-boilerplate", run_path], t)
        nb = pagetext.letters(pagetext.markdown_to_text(out4.decode("utf-8", "replace"))) \
            if rc4 == 0 and not to4 else 0
        row["nobp_letters"] = nb
        row["nobp_ratio"] = f"{nb / page_letters:.3f}" if page_letters else ""
    if run_path != path:
        os.unlink(run_path)
    return row


COUNTS = [
    ("pages", lambda r: 1),
    ("crashes", lambda r: r["crash"]),
    ("timeouts", lambda r: r["timeout"]),
    ("rejected (exit 1)", lambda r: int(r["rc"] == 1)),
    ("invalid UTF-8 output", lambda r: r["invalid_utf8"]),
    ("pages with HTML tags outside code", lambda r: int(r["raw_html"] > 0)),
    ("non-idempotent", lambda r: int(r["idempotent"] == 0)),
    ("HTML read as Markdown/text", lambda r: r["html_as_md"]),
    ("HTML pages with CSS/JS code blocks", lambda r: int(r["kind"] == "html" and r["cssjs_code_blocks"] > 0)),
    ("empty body", lambda r: r["empty"]),
    ("near-empty body (< 5% of page text)", lambda r: r["near_empty"]),
    ("  of which announced on stderr", lambda r: int(r["near_empty"] and r["announced"])),
    ("text/Markdown inputs that lose letters (> 0.5%)",
     lambda r: int(r["kind"] != "html" and r["ratio"] != "" and float(r["ratio"]) < 0.995)),
    ("body < 50% of page text", lambda r: int(r["ratio"] != "" and float(r["ratio"]) < 0.5)),
    ("  of which announced on stderr", lambda r: int(r["ratio"] != "" and float(r["ratio"]) < 0.5 and r["announced"])),
]


def summarize(rows, roots):
    groups = collections.OrderedDict()
    for r in rows:
        groups.setdefault(r["_root"], []).append(r)
    names = [os.path.basename(os.path.normpath(g)) or g for g in groups]
    head = "| | " + " | ".join(names) + (" | total |" if len(groups) > 1 else " |")
    lines = [head, "|---" * (len(groups) + 1 + (len(groups) > 1)) + "|"]
    for label, fn in COUNTS:
        vals = [sum(fn(r) for r in g) for g in groups.values()]
        if len(groups) > 1:
            vals.append(sum(vals))
        lines.append(f"| {label} | " + " | ".join(str(v) for v in vals) + " |")
    tops = collections.Counter(r["top_rule"] for r in rows if r["near_empty"] and r["top_rule"])
    return "\n".join(lines), tops


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+", help="directories (searched recursively) or page files")
    ap.add_argument("--norm", default="build/tools/norm/norm")
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--tsv", help="write one row per page here")
    ap.add_argument("--include", action="append", default=[], help="glob on the path below DIR")
    ap.add_argument("--exclude", action="append", default=[], help="glob on the path below DIR")
    ap.add_argument("--near-empty", type=float, default=0.05)
    ap.add_argument("--min-page-letters", type=int, default=200)
    ap.add_argument("--no-nobp", dest="no_boilerplate_run", action="store_false",
                    help="skip the --no-boilerplate run")
    ap.add_argument("--list", type=int, default=15, help="pages listed per problem")
    args = ap.parse_args()
    if not os.access(args.norm, os.X_OK):
        sys.exit(f"real_pages.py: {args.norm}: not an executable (give --norm PATH)")
    pages = find_pages(args)
    if not pages:
        sys.exit("real_pages.py: no page files found")
    tmp = tempfile.mkdtemp(prefix="real_pages.")
    rows = []
    start = time.time()
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
            futs = {ex.submit(check_page, args, root, p, tmp): (root, p) for root, p in pages}
            done = 0
            for fut in concurrent.futures.as_completed(futs):
                root, p = futs[fut]
                try:
                    row = fut.result()
                except Exception as e:  # a harness failure is reported, never hidden
                    print(f"real_pages.py: {p}: harness error: {type(e).__name__}: {e}", file=sys.stderr)
                    continue
                row["_root"] = root
                rows.append(row)
                done += 1
                if done % 100 == 0:
                    print(f"{done}/{len(pages)} pages, {time.time() - start:.0f}s", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    order = {p: i for i, (_, p) in enumerate(pages)}
    rows.sort(key=lambda r: order[r["page"]])
    for r in rows:  # rows lack optional columns when a run failed
        r.setdefault("invalid_at", "")
        r.setdefault("nobp_letters", "")
        r.setdefault("nobp_ratio", "")

    table, tops = summarize(rows, args.paths)
    print(f"norm: {args.norm}  ({len(rows)} pages, {time.time() - start:.0f} s)\n")
    print(table)
    if tops:
        print("\nRule that removed the most on the near-empty pages: " +
              ", ".join(f"{k} {v}" for k, v in tops.most_common(12)))
    problems = [
        ("crash", lambda r: r["crash"]), ("timeout", lambda r: r["timeout"]),
        ("invalid UTF-8", lambda r: r["invalid_utf8"]), ("HTML read as Markdown", lambda r: r["html_as_md"]),
        ("CSS/JS code blocks", lambda r: r["kind"] == "html" and r["cssjs_code_blocks"] > 0),
        ("non-idempotent", lambda r: r["idempotent"] == 0),
        ("near-empty", lambda r: r["near_empty"]),
        ("tags outside code", lambda r: r["raw_html"] > 0),
        ("text/Markdown losing letters", lambda r: r["kind"] != "html" and r["ratio"] != "" and float(r["ratio"]) < 0.995),
    ]
    for label, fn in problems:
        hit = [r for r in rows if fn(r)]
        if not hit:
            continue
        print(f"\n{label} ({len(hit)}):")
        for r in hit[: args.list]:
            detail = {"non-idempotent": r["idem_diff"], "tags outside code": r["raw_html_examples"],
                      "near-empty": f'{r["out_letters"]}/{r["page_letters"]} letters, top rule '
                                    f'{r["top_rule"]} ({r["top_rule_letters"]}), biggest {r["biggest_removal"][:70]!r}'
                                    f'{"" if r["announced"] else ", silent"}',
                      "crash": f'rc={r["rc"]} {r["stderr"]}',
                      "text/Markdown losing letters": f'{r["out_letters"]}/{r["page_letters"]} letters, reader '
                                                      f'{r["reader"]}, {r["rules"][:90]}'}.get(label, f'reader={r["reader"]} rc={r["rc"]}')
            print(f"  {r['page']}: {detail}")
        if len(hit) > args.list:
            print(f"  ... {len(hit) - args.list} more (see the TSV)")
    if args.tsv:
        cols = [k for k in rows[0] if not k.startswith("_")]
        with open(args.tsv, "w", encoding="utf-8") as f:
            f.write("\t".join(cols) + "\n")
            for r in rows:
                f.write("\t".join(str(r.get(c, "")).replace("\t", " ").replace("\n", " ") for c in cols) + "\n")
        print(f"\nper-page rows: {args.tsv}")


if __name__ == "__main__":
    main()
