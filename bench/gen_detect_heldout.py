#!/usr/bin/python3
"""Builds a labelled encoding-detection corpus from human-written translations
installed by Debian packages: message catalogues (/usr/share/locale/*/
LC_MESSAGES/*.mo) and translated manual pages (/usr/share/man/LANG/), each
re-encoded into the legacy encodings its language used.

Output (outside the repository): OUT/{dev,heldout}/ENCODING-LANG/NAME.txt,
scored with `bench/score_detect.py OUT/heldout --label dirname`. A source
document goes to dev or heldout by a hash of its name, so that one text never
lands on both sides. Catalogues of the Essential packages listed in
TRAINING_DOMAINS are left out: the detector may learn from those.

Characters the target encoding lacks are first replaced by the plain
equivalents a writer of the time would have typed (curly quotes, dashes,
ellipsis, NBSP); a line that still does not encode is dropped, and a document
that loses more than a tenth of its lines is not written.

Usage: bench/gen_detect_heldout.py /work/corpora/detect-heldout [--max-docs 6]
"""
import argparse
import gettext
import glob
import gzip
import hashlib
import os
import random
import re
import subprocess
import sys
import unicodedata

# Essential packages' catalogues: reserved as training text.
TRAINING_DOMAINS = {"coreutils", "grep", "sed", "tar", "findutils", "diffutils", "gzip",
                    "libc", "dpkg", "bash", "util-linux", "shadow"}

WESTERN = ["windows-1252", "ISO-8859-1", "ISO-8859-15", "macintosh", "IBM850"]
CENTRAL = ["windows-1250", "ISO-8859-2", "IBM852", "x-mac-ce"]
LANGS = {
    # language: legacy encodings its text was written in
    "fr": WESTERN, "de": WESTERN, "es": WESTERN, "it": WESTERN, "pt": WESTERN,
    "pt_BR": WESTERN, "nl": WESTERN, "sv": WESTERN, "da": WESTERN, "nb": WESTERN,
    "fi": WESTERN, "is": ["windows-1252", "ISO-8859-1", "IBM861", "macintosh"],
    "ca": WESTERN, "gl": WESTERN, "eu": WESTERN, "ga": WESTERN, "af": WESTERN,
    "pl": CENTRAL, "cs": CENTRAL, "sk": CENTRAL, "hu": CENTRAL, "sl": CENTRAL,
    "hr": CENTRAL, "ro": CENTRAL + ["ISO-8859-16"], "sq": ["windows-1250", "ISO-8859-2"],
    "ru": ["windows-1251", "KOI8-R", "ISO-8859-5", "IBM866", "IBM855", "x-mac-cyrillic"],
    "uk": ["windows-1251", "KOI8-U", "x-mac-cyrillic", "CP1125"],
    "bg": ["windows-1251", "ISO-8859-5", "IBM855", "x-mac-cyrillic"],
    "be": ["windows-1251", "ISO-8859-5"], "sr": ["windows-1251", "ISO-8859-5"],
    "mk": ["windows-1251", "ISO-8859-5"],
    "el": ["windows-1253", "ISO-8859-7"], "tr": ["windows-1254", "ISO-8859-9"],
    "he": ["windows-1255", "ISO-8859-8"], "ar": ["windows-1256", "ISO-8859-6"],
    "fa": ["windows-1256"],
    "lt": ["windows-1257", "ISO-8859-13", "ISO-8859-4"],
    "lv": ["windows-1257", "ISO-8859-13", "ISO-8859-4"],
    "et": ["windows-1257", "ISO-8859-15", "ISO-8859-13"],
    "eo": ["ISO-8859-3"], "th": ["TIS-620", "windows-874"],
    "vi": ["windows-1258", "VISCII"],
    "zh_CN": ["GB2312", "GBK", "GB18030"], "zh_TW": ["Big5", "EUC-TW"],
    "zh_HK": ["BIG5-HKSCS", "Big5"],
    "ja": ["Shift_JIS", "EUC-JP", "ISO-2022-JP"], "ko": ["EUC-KR", "Johab"],
}

PLAIN = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
         "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2026": "...", "\u2013": "-",
         "\u2014": "-", "\u00a0": " ", "\u2022": "*", "\u2009": " ", "\u202f": " ",
         "\u2212": "-", "\u2011": "-", "\u2010": "-",
         # Romanian comma-below letters were written with the cedilla ones;
         # Persian yeh and keheh with the Arabic letters of windows-1256.
         "\u0219": "\u015f", "\u021b": "\u0163", "\u0218": "\u015e", "\u021a": "\u0162",
         "\u06cc": "\u064a", "\u06a9": "\u0643"}


def iconv_encode(text, enc):
    r = subprocess.run(["iconv", "-f", "UTF-8", "-t", enc], input=text.encode(),
                       capture_output=True)
    return r.stdout if r.returncode == 0 else None


PY = {"x-mac-ce": "mac-latin2", "x-mac-cyrillic": "mac-cyrillic", "windows-874": "cp874",
      "BIG5-HKSCS": "big5hkscs", "CP1125": None, "EUC-TW": None, "VISCII": None,
      "windows-1258": None}


def encode_line(line, enc):
    py = PY.get(enc, enc)
    if enc == "windows-1258":
        # windows-1258 spells Vietnamese with combining tones: decompose what
        # the code page lacks.
        out = ""
        for ch in line:
            b = iconv_encode(ch, "CP1258") if ord(ch) >= 0x80 else ch.encode()
            if b is None:
                d = unicodedata.normalize("NFD", ch)
                base = unicodedata.normalize("NFC", d[0] + d[1:2]) if len(d) > 2 else d[0]
                out += base + d[len(base) - len(d[0]) + 1:] if len(d) > 2 else d
            else:
                out += ch
        return iconv_encode(out, "CP1258")
    if py is None:
        return iconv_encode(line, enc)
    try:
        return line.encode(py)
    except UnicodeError:
        return None


def to_legacy(text, enc):
    lines = text.split("\n")
    out, lost = [], 0
    for line in lines:
        b = encode_line(line, enc) if any(ord(c) > 127 for c in line) else line.encode()
        if b is None:
            plain = "".join(PLAIN.get(c, c) for c in line)
            b = encode_line(plain, enc)
        if b is None:
            lost += 1
            continue
        out.append(b)
    if lost * 10 > len(lines):
        return None
    return b"\n".join(out) + b"\n"


def mo_texts(lang):
    for path in sorted(glob.glob("/usr/share/locale/%s/LC_MESSAGES/*.mo" % lang)):
        domain = os.path.basename(path)[:-3]
        if domain in TRAINING_DOMAINS:
            continue
        try:
            with open(path, "rb") as f:
                cat = gettext.GNUTranslations(f)._catalog
        except Exception:
            continue
        msgs = []
        for k, v in cat.items():
            if not isinstance(v, str) or not v.strip() or k == "":
                continue
            if "Content-Type:" in v:
                continue
            # Real prose only: skip format strings and keys.
            if len(v) < 12 or v.count("%") > 2:
                continue
            msgs.append(v.strip())
        if len(msgs) >= 5:
            yield "mo-" + domain, "\n".join(msgs)


ROFF = re.compile(r"\\f[BIRPH]|\\f\(..|\\\(..|\\[&e|^-]|\\s[+-]?\d")


def man_texts(lang):
    for path in sorted(glob.glob("/usr/share/man/%s/man*/*.gz" % lang)):
        try:
            raw = gzip.open(path).read().decode("utf-8")
        except Exception:
            continue
        lines = []
        for line in raw.split("\n"):
            if line.startswith(".") or line.startswith("'"):
                continue
            line = ROFF.sub("", line).replace("\\-", "-").strip()
            if line:
                lines.append(line)
        if len(lines) >= 5:
            yield "man-" + os.path.basename(path)[:-3], "\n".join(lines)


def side(name):
    return "dev" if int(hashlib.sha1(name.encode()).hexdigest()[:8], 16) % 3 == 0 else "heldout"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--max-docs", type=int, default=6, help="documents per language")
    ap.add_argument("--seed", type=int, default=16)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    total = 0
    for lang, encs in sorted(LANGS.items()):
        docs = list(mo_texts(lang)) + list(man_texts(lang))
        docs = [d for d in docs if sum(ord(c) > 127 for c in d[1]) >= 20]
        rng.shuffle(docs)
        written = attempts = 0
        for name, text in docs:
            if written >= args.max_docs:
                break
            # A document of 300 B to 12 kB: legacy files were small.
            size = int(300 * (40 ** rng.random()))
            lines = text.split("\n")
            start = rng.randrange(0, max(1, len(lines) - 5))
            body, n = [], 0
            for line in lines[start:]:
                body.append(line)
                n += len(line) + 1
                if n >= size:
                    break
            body = "\n".join(body)
            if sum(ord(c) > 127 for c in body) < 5:
                continue
            enc = encs[attempts % len(encs)]
            attempts += 1
            data = to_legacy(body, enc)
            if data is None:
                continue
            d = os.path.join(args.out, side(lang + name), "%s-%s" % (enc, lang))
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "%s.txt" % name), "wb") as f:
                f.write(data)
            written += 1
            total += 1
        print("%-6s %d documents" % (lang, written), file=sys.stderr)
    print("gen_detect_heldout: %d files under %s" % (total, args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
