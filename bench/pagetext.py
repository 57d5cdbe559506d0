"""Shared text helpers for the real-page scorers (bench/real_pages.py,
bench/score_extraction.py): page decoding, a page's visible text, Markdown to
plain text, and shingle scoring. Standard library plus Debian's python3-lxml;
Markdown is read by the project's own libcmark-gfm (through ctypes) so that
"Markdown -> text" means what a CommonMark reader shows, escapes and link
syntax included.

Everything here is a yardstick, independent of norm: the page's text is
measured on lxml's tree (libxml2, as norm uses), decoded by the rules below,
never by norm itself.
"""
import ctypes
import gzip
import re
import unicodedata

import lxml.etree
import lxml.html

# --------------------------------------------------------------------------
# Reading page files


def read_bytes(path):
    """The file's bytes; .gz files are decompressed."""
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    return data


_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)|"""
    rb"""<text[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)

_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "big5": "big5hkscs", "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
            "us-ascii": "cp1252", "ascii": "cp1252", "shift_jis": "cp932", "x-sjis": "cp932",
            "windows-31j": "cp932", "euc-kr": "cp949", "ks_c_5601-1987": "cp949"}


def decode_page(data):
    """Decodes page bytes, roughly as a browser would: BOM; bytes that are
    valid UTF-8 are UTF-8 (whatever is declared); else the charset declared
    in the first 4 KB (<meta>, <?xml?>, a <text encoding=...> wrapper); else
    GB18030 if the bytes are valid GB18030, else windows-1252.
    Returns (text, encoding)."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace"), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    if m:
        enc = next(g for g in m.groups() if g).decode("ascii").lower()
        enc = _ALIASES.get(enc, enc)
        try:
            return data.decode(enc, "replace"), enc
        except LookupError:
            pass
    for enc in ("gb18030", "cp1252"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    return data.decode("utf-8", "replace"), "utf-8?"


# --------------------------------------------------------------------------
# Visible text

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 header hgroup hr html iframe "
    "legend li main menu nav noframes ol p pre section summary table tbody td tfoot th thead title "
    "tr ul".split())
_NEVER_VISIBLE = frozenset("script style template head title noscript".split())
# A browser with scripting enabled reads <noscript> content as raw text: drop
# it before libxml2 parses it as markup (where one <noscript><div></noscript>
# would swallow the rest of the page).
_NOSCRIPT = re.compile(r"<noscript\b[^>]*>.*?(?:</noscript\s*>|$)", re.I | re.S)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def parse_html(text):
    """lxml tree of an HTML string (None when libxml2 finds nothing)."""
    text = _XML_DECL.sub("", text)
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None


def element_text(el, blocks=True):
    """Text of an lxml element without script/style/template/head content;
    blocks are separated by newlines."""
    out = []

    def walk(e):
        tag = e.tag if isinstance(e.tag, str) else ""
        tag = tag.lower()
        if tag in _NEVER_VISIBLE:
            if e.tail:
                out.append(e.tail)
            return
        block = blocks and tag in _BLOCK_TAGS
        if block:
            out.append("\n")
        if isinstance(e.tag, str) and e.text:
            out.append(e.text)
        for c in e:
            walk(c)
        if block:
            out.append("\n")
        if e.tail:
            out.append(e.tail)

    if el is None:
        return ""
    walk(el)
    text = "".join(out)
    text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", text)
    text = re.sub(r" *\n[ \n]*", "\n", text)
    return text.strip()


def page_visible_text(text):
    """The text a reader sees on an HTML page: body text without script,
    style, template and noscript (scripting on), comments and head. Hidden
    (display:none) content is counted: it is text the page holds."""
    tree = parse_html(_NOSCRIPT.sub(" ", text))
    if tree is None:
        return ""
    body = tree.find("body")
    return element_text(body if body is not None else tree)


def html_to_text(html):
    """Plain text of an HTML fragment (readability-lxml's summary, cmark's output)."""
    if not html or not html.strip():
        return ""
    tree = parse_html(html)
    if tree is None:
        return ""
    return element_text(tree)


def letters(text):
    """Letters, marks and digits: the yardstick for 'how much text'."""
    return sum(1 for ch in text if unicodedata.category(ch)[0] in "LNM")


# --------------------------------------------------------------------------
# Markdown to text with libcmark-gfm


class _Cmark:
    def __init__(self):
        self.ok = False
        try:
            core = ctypes.CDLL("libcmark-gfm.so")
            ext = ctypes.CDLL("libcmark-gfm-extensions.so")
        except OSError:
            for suffix in (".0.29.0.gfm.6",):
                try:
                    core = ctypes.CDLL("libcmark-gfm.so" + suffix)
                    ext = ctypes.CDLL("libcmark-gfm-extensions.so" + suffix)
                    break
                except OSError:
                    return
            else:
                return
        vp, cp, sz, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int
        ext.cmark_gfm_core_extensions_ensure_registered.restype = None
        ext.cmark_gfm_core_extensions_ensure_registered()
        sig = {"cmark_parser_new": (vp, [i]), "cmark_find_syntax_extension": (vp, [cp]),
               "cmark_parser_attach_syntax_extension": (i, [vp, vp]),
               "cmark_parser_feed": (None, [vp, cp, sz]), "cmark_parser_finish": (vp, [vp]),
               "cmark_parser_get_syntax_extensions": (vp, [vp]),
               "cmark_render_html": (vp, [vp, i, vp]), "cmark_node_free": (None, [vp]),
               "cmark_parser_free": (None, [vp])}
        for name, (res, args) in sig.items():
            fn = getattr(core, name)
            fn.restype, fn.argtypes = res, args
        self.core = core
        self.libc = ctypes.CDLL(None)
        self.libc.free.argtypes = [vp]
        self.exts = [core.cmark_find_syntax_extension(n)
                     for n in (b"table", b"strikethrough", b"autolink", b"tasklist")]
        self.ok = True

    def to_html(self, md):
        c = self.core
        p = c.cmark_parser_new(0)
        for e in self.exts:
            if e:
                c.cmark_parser_attach_syntax_extension(p, e)
        b = md.encode("utf-8", "surrogatepass")
        c.cmark_parser_feed(p, b, len(b))
        doc = c.cmark_parser_finish(p)
        out = c.cmark_render_html(doc, 0, c.cmark_parser_get_syntax_extensions(p))
        html = ctypes.string_at(out).decode("utf-8", "replace")
        self.libc.free(out)
        c.cmark_node_free(doc)
        c.cmark_parser_free(p)
        return html


_cmark = None


def split_front_matter(md):
    """(front matter dict, body). Values are norm's YAML scalars, unquoted."""
    meta = {}
    if md.startswith("---\n"):
        end = md.find("\n---\n", 3)
        if end == -1 and md.endswith("\n---"):
            end = len(md) - 4
        if end != -1:
            for line in md[4:end].split("\n"):
                m = re.match(r"^([A-Za-z_][\w-]*):\s*(.*)$", line)
                if m:
                    v = m.group(2).strip()
                    if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
                        v = re.sub(r'\\(["\\])', r"\1", v[1:-1])
                    meta[m.group(1)] = v
            return meta, md[end + 5:]
    return meta, md


def markdown_to_text(md):
    """What a CommonMark reader shows of norm's output: front matter dropped,
    link and image URLs dropped, escapes undone, one block a line."""
    global _cmark
    _, body = split_front_matter(md)
    if _cmark is None:
        _cmark = _Cmark()
    if _cmark.ok:
        return html_to_text(_cmark.to_html(body))
    # Without libcmark-gfm: a rough regex reading.
    body = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", body)
    body = re.sub(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)", r"\1", body)
    body = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", body)
    body = re.sub(r"^\s{0,3}(#+|[-*+]|\d+[.)]|>)\s+", "", body, flags=re.M)
    return body


# --------------------------------------------------------------------------
# Shingle scoring (scrapinghub/article-extraction-benchmark's metric, with
# CJK characters as tokens)

_WORD = re.compile(r"\w+", re.UNICODE)


def is_cjk(ch):
    o = ord(ch)
    return (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or
            0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF or 0xAC00 <= o <= 0xD7AF or
            0x31F0 <= o <= 0x31FF)


def tokens(text):
    """\\w+ runs (scrapinghub's tokenizer, case kept); inside a run every CJK
    character is a token of its own, so CJK text is scored by character
    4-grams."""
    out = []
    for w in _WORD.findall(text or ""):
        if not any(is_cjk(ch) for ch in w):
            out.append(w)
            continue
        run = []
        for ch in w:
            if is_cjk(ch):
                if run:
                    out.append("".join(run))
                    run = []
                out.append(ch)
            else:
                run.append(ch)
        if run:
            out.append("".join(run))
    return out


def shingles(text, n=4):
    t = tokens(text)
    counts = {}
    for i in range(0, max(1, len(t) - n + 1)):
        s = tuple(t[i:i + n])
        if s:
            counts[s] = counts.get(s, 0) + 1
    return counts


def shingle_counts(true, pred, n=4):
    """(tp, fp, fn) of pred's shingles against true's, counted with multiplicity."""
    ts, ps = shingles(true, n), shingles(pred, n)
    tp = fp = fn = 0
    for k in set(ts) | set(ps):
        a, b = ts.get(k, 0), ps.get(k, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    return tp, fp, fn


def shingle_scores(tp, fp, fn):
    """(precision, recall, f1) with scrapinghub's conventions: no error is a
    perfect score; no predicted (or no expected) shingle scores 0."""
    if fp == fn == 0:
        return 1.0, 1.0, 1.0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
