#!/usr/bin/python3
"""Scores encoding detectors on a directory of labelled files.

Runs `norm detect` (one or more binaries) and the uchardet command line tool
in the same run, on whole files and on short samples (byte cuts at character
boundaries), and prints accuracy per tool, per encoding and the calibration
of norm's confidence.

Labels:
  --label dirname       the first directory below CORPUS names the encoding,
                        optionally followed by -language (chardet's tests/:
                        KOI8-R/, windows-1250-czech/, utf-8-sig/)
  --label map:FILE      FILE holds `relative/path<TAB>encoding` lines
  --label regex:RE      RE's first group, matched against the relative path

When is an answer right? When it names the labelled encoding (after Python's
codec aliases), or when decoding the file with the answered encoding gives
exactly the text that decoding with the label gives (a leading BOM ignored).
So ASCII text is right as UTF-8 or windows-1252, GB2312 text as GB18030, an
ISO-8859-1 file without C1 bytes as windows-1252, a file with Hebrew points
is wrong as ISO-8859-8 when it is windows-1255. A superset counts through
the text it gives, never by name alone: a file labelled GB2312 that holds
GBK characters (the label is then wrong about them) is right as GBK or
GB18030 when that decodes without an error and agrees with the label's
decoding everywhere the label decodes, up to the few code points that the
two standards' tables map differently (GB2312 0xA1A4 is U+30FB in Python's
table, U+00B7 in GBK's; at most 2% of the characters) (SUPERSETS lists the pairs: GB2312 <
GBK < GB18030, Shift_JIS < CP932, EUC-KR < CP949, Big5 < CP950/Big5-HKSCS,
ISO-8859-1 < windows-1252, ISO-8859-9 < windows-1254, TIS-620 <
windows-874). Names Python lacks (EUC-TW, VISCII, ...) are decoded with
glibc's iconv.

Examples:
  bench/score_detect.py /work/corpora/chardet+chardet/tests --label dirname \\
      --norm base=/work/baseline/norm-6448565 --norm new=build/tools/norm/norm --short 2
"""
import argparse
import codecs
import collections
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

# Names that mean a Python codec under another spelling.
ALIASES = {
    "x-mac-cyrillic": "mac-cyrillic",
    "mac-cyrillic": "mac-cyrillic",
    "maccyrillic": "mac-cyrillic",
    "mac-centraleurope": "mac-latin2",
    "maccentraleurope": "mac-latin2",
    "x-mac-ce": "mac-latin2",
    "windows-31j": "cp932",
    "windows-949": "cp949",
    "windows-874": "cp874",
    "windows-936": "gbk",
    "windows-950": "cp950",
    "ibm-943": "cp932",
    "x-sjis": "shift_jis",
    "uhc": "cp949",
    "ks_c_5601-1987": "cp949",
}

# label codec -> codecs that extend it (same text where the label decodes).
SUPERSETS = {
    "gb2312": {"gbk", "gb18030"}, "gbk": {"gb18030"}, "shift_jis": {"cp932"},
    "euc_kr": {"cp949"}, "big5": {"cp950", "big5hkscs"}, "cp950": {"big5hkscs"},
    "latin_1": {"cp1252"}, "iso8859-1": {"cp1252"}, "iso8859-9": {"cp1254"},
    "tis-620": {"cp874"}, "iso8859-11": {"cp874"},
}

CJK_CODECS = {
    "gb2312", "gbk", "gb18030", "big5", "cp950", "big5hkscs", "hz", "shift_jis", "cp932",
    "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004", "euc_jisx0213", "euc_kr",
    "cp949", "johab", "iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_2004",
    "iso2022_jp_3", "iso2022_jp_ext", "iso2022_kr", "iconv:euc-tw", "iconv:euctw",
}
WESTERN_CODECS = {
    "cp1252", "latin_1", "iso8859-15", "mac-roman", "cp437", "cp850", "cp858", "cp865",
    "cp863", "cp860", "cp861", "iso8859_1", "iso8859-1", "mac-iceland",
}


def codec_key(name):
    """A canonical key for an encoding name: Python's codec name, or
    'iconv:NAME' for names only iconv knows, or None."""
    if not name:
        return None
    n = name.strip().lower()
    n = ALIASES.get(n, n)
    try:
        return codecs.lookup(n).name
    except LookupError:
        pass
    if iconv_ok(name):
        return "iconv:" + re.sub(r"[^a-z0-9]", "", n)
    return None


_iconv_cache = {}


def iconv_ok(name):
    if name not in _iconv_cache:
        r = subprocess.run(["iconv", "-f", name, "-t", "UTF-8"], input=b"a",
                           capture_output=True)
        _iconv_cache[name] = r.returncode == 0
    return _iconv_cache[name]


def decode(data, name):
    """Text of data in encoding `name` (invalid sequences become U+FFFD;
    iconv: dropped), a leading BOM removed; None for an unknown name."""
    key = codec_key(name)
    if key is None:
        return None
    if key.startswith("iconv:"):
        r = subprocess.run(["iconv", "-c", "-f", name, "-t", "UTF-8"], input=data,
                           capture_output=True)
        text = r.stdout.decode("utf-8", "replace")
        if r.returncode != 0:
            text += "\ufffd"
    else:
        text = data.decode(key, "replace")
    return text[1:] if text.startswith("\ufeff") else text


def encode(text, name):
    key = codec_key(name)
    if key.startswith("iconv:"):
        r = subprocess.run(["iconv", "-f", "UTF-8", "-t", name], input=text.encode("utf-8"),
                           capture_output=True)
        return r.stdout if r.returncode == 0 else None
    try:
        return text.encode(key)
    except UnicodeError:
        return None


def label_dirname(rel):
    top = rel.split(os.sep)[0]
    parts = top.split("-")
    for k in range(len(parts), 0, -1):
        cand = "-".join(parts[:k])
        if codec_key(cand):
            return cand
    return None


def read_labels(corpus, rule):
    files = []
    for root, _, names in os.walk(corpus):
        for n in sorted(names):
            path = os.path.join(root, n)
            files.append(os.path.relpath(path, corpus))
    files.sort()
    out = []
    if rule == "dirname":
        for rel in files:
            if os.sep not in rel:
                continue
            lab = label_dirname(rel)
            if lab:
                out.append((rel, lab))
    elif rule.startswith("map:"):
        with open(rule[4:], encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    rel, lab = line.split("\t")[:2]
                    if os.path.exists(os.path.join(corpus, rel)):
                        out.append((rel, lab))
    elif rule.startswith("regex:"):
        rx = re.compile(rule[6:])
        for rel in files:
            m = rx.search(rel)
            if m and codec_key(m.group(1)):
                out.append((rel, m.group(1)))
    else:
        sys.exit("score_detect: unknown --label rule " + rule)
    return out


def is_right(data, label, answer, label_text):
    if not answer:
        return False
    ka, kl = codec_key(answer), codec_key(label)
    if ka is None:
        return False
    if ka == kl:
        return True
    t = decode(data, answer)
    if t is None:
        return False
    if t == label_text:
        return True
    if ka not in SUPERSETS.get(kl, ()) or "\ufffd" in t:
        return False
    if len(t) == len(label_text):
        differ = sum(1 for a, b in zip(t, label_text) if a != b)
        return differ <= 0.02 * len(t)
    if "\ufffd" in label_text:
        pos = 0
        for seg in label_text.split("\ufffd"):
            pos = t.find(seg, pos)
            if pos < 0:
                return False
            pos += len(seg)
        return True
    return False


def short_samples(data, label, text, count, lo, hi, rng):
    """Up to `count` cuts of 24..96 bytes (lo..hi) at character boundaries,
    each holding a non-ASCII character."""
    key = codec_key(label)
    if key in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        return []
    if "\ufffd" in text:
        text = max(text.split("\ufffd"), key=len)
    if len(text) < 8:
        return []
    out = []
    for _ in range(count * 15):
        if len(out) >= count:
            break
        target = rng.randint(lo, hi)
        start = rng.randrange(0, max(1, len(text) - 4))
        # Approximate the span by characters, then trim to the byte target.
        end = min(len(text), start + target)
        chunk = text[start:end]
        b = encode(chunk, label)
        while b is not None and len(b) > target and len(chunk) > 1:
            chunk = chunk[:-1]
            b = encode(chunk, label)
        if b is None or len(b) < lo or all(ord(c) < 128 for c in chunk):
            continue
        if decode(b, label) != chunk:
            continue
        out.append(b)
    return out


def run_norm(binary, paths, extra):
    t0 = time.perf_counter()
    r = subprocess.run([binary, "detect", "--json"] + extra + paths, capture_output=True)
    dt = time.perf_counter() - t0
    answers = {}
    for line in r.stdout.decode("utf-8", "replace").splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        answers[o["file"]] = (o["encoding"], float(o["confidence"]), o.get("source", ""))
    return [answers.get(p, ("", 0.0, "")) for p in paths], dt


def run_uchardet(binary, paths):
    t0 = time.perf_counter()
    r = subprocess.run([binary] + paths, capture_output=True)
    dt = time.perf_counter() - t0
    lines = r.stdout.decode("utf-8", "replace").splitlines()
    out = []
    for p, line in zip(paths, lines):
        ans = line[len(p) + 2:] if line.startswith(p + ": ") else ""
        ans = ans.strip()
        if ans.lower() in ("unknown", ""):
            ans = ""
        out.append((ans, None, ""))
    out += [("", None, "")] * (len(paths) - len(out))
    return out, dt


def family(key):
    if key in CJK_CODECS or (key and key.startswith("iconv:euc")):
        return "cjk"
    if key in WESTERN_CODECS:
        return "western"
    return "other"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--label", default="dirname")
    ap.add_argument("--norm", action="append", default=[],
                    help="NAME=PATH of a norm binary (repeatable)")
    ap.add_argument("--uchardet", default="uchardet")
    ap.add_argument("--no-uchardet", action="store_true")
    ap.add_argument("--short", type=int, default=0, help="short samples per file")
    ap.add_argument("--min-bytes", type=int, default=24)
    ap.add_argument("--max-bytes", type=int, default=96)
    ap.add_argument("--whole", dest="whole", action="store_true", default=True)
    ap.add_argument("--no-whole", dest="whole", action="store_false")
    ap.add_argument("--norm-args", default="", help="extra arguments for norm detect")
    ap.add_argument("--wrong", action="store_true", help="list wrong answers")
    ap.add_argument("--by-label", action="store_true", help="accuracy per labelled encoding")
    ap.add_argument("--exclude", default="", help="regex of relative paths to leave out")
    ap.add_argument("--json-out", default="")
    ap.add_argument("--keep-samples", default="",
                    help="also write the short samples to this directory (to read the failures)")
    args = ap.parse_args()

    labelled = read_labels(args.corpus, args.label)
    if args.exclude:
        rx = re.compile(args.exclude)
        labelled = [(r, l) for r, l in labelled if not rx.search(r)]
    if not labelled:
        sys.exit("score_detect: no labelled files under " + args.corpus)
    tools = []
    for spec in args.norm:
        name, _, path = spec.partition("=")
        tools.append((name, path))
    if not args.no_uchardet:
        tools.append(("uchardet", args.uchardet))

    tmp = tempfile.mkdtemp(prefix="score_detect.")
    sets = {}  # set name -> list of (path, label, data, label_text)
    whole = []
    shorts = []
    for rel, label in labelled:
        path = os.path.join(args.corpus, rel)
        with open(path, "rb") as f:
            data = f.read()
        text = decode(data, label)
        whole.append((path, label, data, text, rel))
        if args.short:
            seed = int(hashlib.sha1(rel.encode()).hexdigest()[:8], 16)
            rng = random.Random(seed)
            for i, b in enumerate(short_samples(data, label, text, args.short, args.min_bytes,
                                                args.max_bytes, rng)):
                sp = os.path.join(tmp, "s%05d.txt" % len(shorts))
                with open(sp, "wb") as f:
                    f.write(b)
                shorts.append((sp, label, b, decode(b, label), rel + "#%d" % i))
                if args.keep_samples:
                    kept = os.path.join(args.keep_samples, rel + "#%d" % i)
                    os.makedirs(os.path.dirname(kept), exist_ok=True)
                    with open(kept, "wb") as f:
                        f.write(b)
    if args.whole:
        sets["whole"] = whole
    if args.short:
        sets["short"] = shorts

    report = {"corpus": args.corpus, "label": args.label, "sets": {}}
    extra = args.norm_args.split()
    for set_name, items in sets.items():
        paths = [p for p, *_ in items]
        print("== %s: %d %s" % (args.corpus, len(items),
                                 "files" if set_name == "whole" else "short samples (%d-%d bytes)"
                                 % (args.min_bytes, args.max_bytes)))
        srep = report["sets"].setdefault(set_name, {"n": len(items), "tools": {}})
        per_label = collections.defaultdict(lambda: collections.Counter())
        for tool, binary in tools:
            if tool == "uchardet":
                answers, dt = run_uchardet(binary, paths)
            else:
                answers, dt = run_norm(binary, paths, extra)
            right = 0
            hi_n = hi_right = 0
            west_cjk = 0
            wrong = []
            for (path, label, data, text, rel), (ans, conf, src) in zip(items, answers):
                ok = is_right(data, label, ans, text)
                right += ok
                per_label[codec_key(label)][tool] += ok
                per_label[codec_key(label)]["n"] += 1 if tool == tools[0][0] else 0
                if conf is not None and conf >= 0.9:
                    hi_n += 1
                    hi_right += ok
                if family(codec_key(label)) == "western" and family(codec_key(ans)) == "cjk":
                    west_cjk += 1
                if not ok:
                    wrong.append((rel, label, ans, conf, src))
            line = "  %-10s %5.1f%% (%d/%d)" % (tool, 100.0 * right / max(1, len(items)), right,
                                               len(items))
            if hi_n:
                line += "  conf>=0.9: %d answers, %.1f%% right" % (hi_n, 100.0 * hi_right / hi_n)
            line += "  western->CJK: %d" % west_cjk
            line += "  %.0f files/s" % (len(items) / dt if dt > 0 else 0)
            print(line)
            srep["tools"][tool] = {"right": right, "n": len(items), "hi_n": hi_n,
                                   "hi_right": hi_right, "western_cjk": west_cjk,
                                   "files_per_s": len(items) / dt if dt > 0 else 0}
            if args.wrong:
                for rel, label, ans, conf, src in wrong:
                    c = "" if conf is None else " %.2f %s" % (conf, src)
                    print("    wrong %-10s %-45s %-14s -> %s%s" % (tool, rel[:45], label, ans, c))
        if args.by_label:
            names = [t for t, _ in tools]
            print("    %-16s %5s " % ("label", "n") + " ".join("%9s" % t[:9] for t in names))
            for key in sorted(per_label, key=str):
                c = per_label[key]
                print("    %-16s %5d " % (key, c["n"]) +
                      " ".join("%8.1f%%" % (100.0 * c[t] / max(1, c["n"])) for t in names))
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(report, f, indent=1)
    for p, *_ in shorts:
        os.unlink(p)
    os.rmdir(tmp)


if __name__ == "__main__":
    main()
