#!/usr/bin/python3
"""Builds the mixed mojibake bench: real lines (Debian fortunes in several
languages, plus any extra clean line files), most left clean and the rest
damaged with one of 15 recipes, with the clean line kept alongside.

  /usr/bin/python3 bench/make_mixed_bench.py OUT_PREFIX [--fortunes DIR]
      [--extra FILE ...] [--mb 20] [--clean-share 0.56] [--seed 1]

Writes OUT_PREFIX.txt (the bench input, one line per line, no blank lines:
one long paragraph), OUT_PREFIX.expected.txt (the clean line for every input
line) and OUT_PREFIX.recipe.txt (the recipe of every line, `clean` for an
untouched one). Deterministic for given arguments. Score with
bench/score_mixed_bench.py.

Sources that hold real mojibake (clean_text_extract.KNOWN_DAMAGED) are left
out, so that a clean line is clean. The recipes are what real mix-ups look like (Python's codecs; bytes a
single-byte code page leaves undefined decode as the C1 control of the same
value, as browsers do, except in the lossy recipes):
  utf8-as-cp1252, utf8-as-cp1252-x2, utf8-as-latin1, utf8-as-cp1250,
  utf8-as-cp1251, utf8-as-cp1257, utf8-as-macroman, utf8-as-cp437,
  utf8-as-cp1252-nbsp-lost (every U+00A0 of the mojibake became a space),
  utf8-as-cp1252-lossy-fffd / -lossy-qmark (undefined bytes became U+FFFD
  or '?'), utf8-as-gbk and utf8-as-big5 (invalid pairs became U+FFFD),
  utf8-as-sjis-or-euckr (Japanese / Korean lines), gbk-big5-crossed
  (Chinese lines: GBK read as Big5, Big5 read as GBK, or GBK read as
  Latin-1).
"""
import argparse
import glob
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clean_text_extract import known_damage  # noqa: E402  (sources with real mojibake)

C1 = {b: chr(b) for b in range(0x80, 0xA0)}


def decode_sloppy(data, codec):
    """Decodes like a browser: bytes undefined in the code page become the
    Latin-1 character of the same value."""
    out = []
    for b in data:
        ch = bytes([b]).decode(codec, errors="replace") if b >= 0x80 else chr(b)
        out.append(C1.get(b, chr(b)) if ch == "\ufffd" else ch)
    return "".join(out)


def utf8_as(codec, lossy=None):
    def f(line, rng):
        data = line.encode("utf-8")
        if lossy is None:
            return decode_sloppy(data, codec)
        text = data.decode(codec, errors="replace")
        return text if lossy == "\ufffd" else text.replace("\ufffd", lossy)
    return f


def twice(line, rng):
    once = utf8_as("cp1252")(line, rng)
    return utf8_as("cp1252")(once, rng)


def nbsp_lost(line, rng):
    return utf8_as("cp1252")(line, rng).replace("\u00a0", " ")


def is_cjk(ch):
    o = ord(ch)
    return 0x3040 <= o <= 0x30FF or 0x4E00 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF


def kana_or_hangul(line):
    ja = any(0x3040 <= ord(c) <= 0x30FF for c in line)
    ko = any(0xAC00 <= ord(c) <= 0xD7AF for c in line)
    return "ja" if ja else "ko" if ko else None


def sjis_or_euckr(line, rng):
    kind = kana_or_hangul(line)
    if kind is None:
        return None
    return line.encode("utf-8").decode("shift_jis" if kind == "ja" else "euc_kr",
                                       errors="replace")


def crossed(line, rng):
    if not any(0x4E00 <= ord(c) <= 0x9FFF for c in line):
        return None
    pick = rng.randrange(3)
    try:
        if pick == 0:
            return line.encode("gbk").decode("big5", errors="replace")
        if pick == 1:
            return line.encode("big5").decode("gbk", errors="replace")
        return line.encode("gbk").decode("latin-1")
    except UnicodeEncodeError:
        return None


RECIPES = [
    ("utf8-as-cp1252", utf8_as("cp1252"), "any"),
    ("utf8-as-cp1252-x2", twice, "any"),
    ("utf8-as-latin1", utf8_as("latin-1"), "any"),
    ("utf8-as-cp1250", utf8_as("cp1250"), "any"),
    ("utf8-as-cp1251", utf8_as("cp1251"), "any"),
    ("utf8-as-cp1257", utf8_as("cp1257"), "any"),
    ("utf8-as-macroman", utf8_as("mac_roman"), "any"),
    ("utf8-as-cp437", utf8_as("cp437"), "any"),
    ("utf8-as-cp1252-nbsp-lost", nbsp_lost, "any"),
    ("utf8-as-cp1252-lossy-fffd", utf8_as("cp1252", "\ufffd"), "any"),
    ("utf8-as-cp1252-lossy-qmark", utf8_as("cp1252", "?"), "any"),
    ("utf8-as-gbk", utf8_as("gbk", "\ufffd"), "cjk"),
    ("utf8-as-big5", utf8_as("big5", "\ufffd"), "cjk"),
    ("utf8-as-sjis-or-euckr", sjis_or_euckr, "jako"),
    ("gbk-big5-crossed", crossed, "zh"),
]


def fortune_lines(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []
    return [line.rstrip() for line in text.split("\n") if line.strip() and line.strip() != "%"]


def usable(line):
    # Control characters (ANSI colour escapes in some fortune files) are
    # not text to repair.
    return not any(ord(c) < 0x20 and c != "\t" or 0x7F <= ord(c) < 0xA0 for c in line)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_prefix")
    ap.add_argument("--fortunes", default="/usr/share/games/fortunes")
    ap.add_argument("--extra", nargs="*", default=[])
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--clean-share", type=float, default=0.56)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    pool = {}
    langs = set()
    for p in sorted(glob.glob(os.path.join(args.fortunes, "*", "*"))) + sorted(
            os.path.join(args.fortunes, n) for n in ("chinese", "tang300", "song100", "brasil",
                                                      "italia")):
        if (p.endswith((".dat", ".u8")) or os.path.islink(p) or not os.path.isfile(p) or
                known_damage(p)):
            continue
        rel = os.path.relpath(p, args.fortunes)
        lang = rel.split(os.sep)[0] if os.sep in rel else rel
        for line in fortune_lines(p):
            if usable(line) and any(ord(c) > 127 for c in line):
                pool.setdefault(line, None)
                langs.add(lang)
    for p in args.extra:
        for line in fortune_lines(p):
            if usable(line) and any(ord(c) > 127 for c in line):
                pool.setdefault(line, None)
        langs.add(os.path.basename(p))
    lines = list(pool)
    rng = random.Random(args.seed)
    rng.shuffle(lines)
    cjk_lines = [l for l in lines if any(is_cjk(c) for c in l)]
    print(f"{len(lines)} distinct non-ASCII lines ({len(cjk_lines)} CJK) from {len(langs)} "
          f"sources")

    target = int(args.mb * 1e6)
    size = 0
    counts = {}
    with open(args.out_prefix + ".txt", "w", encoding="utf-8") as fin, \
            open(args.out_prefix + ".expected.txt", "w", encoding="utf-8") as fexp, \
            open(args.out_prefix + ".recipe.txt", "w", encoding="utf-8") as frec:
        i = 0
        while size < target:
            if rng.random() < args.clean_share:
                line, recipe, out = lines[i % len(lines)], "clean", None
                out = line
                i += 1
            else:
                name, fn, scope = RECIPES[rng.randrange(len(RECIPES))]
                src = cjk_lines if scope != "any" else lines
                line = src[rng.randrange(len(src))]
                out = fn(line, rng)
                if out is None or out == line or "\n" in out or "\r" in out:
                    continue
                recipe = name
            fin.write(out + "\n")
            fexp.write(line + "\n")
            frec.write(recipe + "\n")
            counts[recipe] = counts.get(recipe, 0) + 1
            size += len(out.encode("utf-8")) + 1
    total = sum(counts.values())
    print(f"{size / 1e6:.1f} MB, {total} lines, clean {counts.get('clean', 0) / total:.0%}")
    for k, v in sorted(counts.items()):
        print(f"  {k}: {v}")


if __name__ == "__main__":
    main()
