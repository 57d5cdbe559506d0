#!/usr/bin/python3
"""Damages clean Chinese sentences the way seed 004 was damaged, for the
realign / ruby / cjk-punct tests and measurements.

For every input line (and several seeds per line):
  1. encode with the codec (gbk or big5);
  2. annotate: pick about a third of the Han characters; a byte-level
     find-and-replace that tries every byte offset writes "(reading)" after
     each occurrence of their bytes, so an occurrence that straddles two
     characters puts the reading inside a character (gbk: tone-marked
     pinyin; big5: tone-numbered pinyin, as Big5 has no tone letters);
     with --straddle N, N more annotations go at character-straddling
     offsets whose two bytes spell a Han character with a reading;
  3. decode lossily: an invalid pair becomes '?' and swallows both bytes,
     a user-defined pair is dropped, as the decoder behind seed 004 did;
  4. optionally (--punct) fold ，；：！？（） to ASCII and put a stray ','
     before most clause marks.
Output, one line per damaged sentence, tab-separated:
  damaged, original, misaligned (original characters not decoded in step).
Usage: cjk_damage.py --codec gbk|big5 [--seeds N] [--punct] SENTENCES > OUT.tsv
Deterministic: the same arguments give the same output.
"""
import argparse
import bz2
import random
import re
import sys

UNIHAN = "/usr/share/unicode/Unihan_Readings.txt.bz2"
TONED = {"ā": ("a", 1), "á": ("a", 2), "ǎ": ("a", 3), "à": ("a", 4),
         "ē": ("e", 1), "é": ("e", 2), "ě": ("e", 3), "è": ("e", 4),
         "ī": ("i", 1), "í": ("i", 2), "ǐ": ("i", 3), "ì": ("i", 4),
         "ō": ("o", 1), "ó": ("o", 2), "ǒ": ("o", 3), "ò": ("o", 4),
         "ū": ("u", 1), "ú": ("u", 2), "ǔ": ("u", 3), "ù": ("u", 4),
         "ǖ": ("v", 1), "ǘ": ("v", 2), "ǚ": ("v", 3), "ǜ": ("v", 4), "ü": ("v", 5)}


def mandarin(chars):
    out = {}
    with bz2.open(UNIHAN, "rt", encoding="utf-8") as f:
        for line in f:
            if "\tkMandarin\t" not in line:
                continue
            cp, _, value = line.rstrip("\n").split("\t")
            ch = chr(int(cp[2:], 16))
            if chars is None or ch in chars:
                out[ch] = value.split()[0]
    return out


def numbered(reading):
    base, tone = "", 5
    for c in reading:
        if c in TONED:
            b, t = TONED[c]
            base += b
            tone = t if t != 5 else tone
        else:
            base += c
    return base + str(tone)


def is_han(c):
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def lossy_decode(data, codec, origin):
    """Decodes like the converter behind seed 004. Returns the text and, for
    each original character index, whether it was decoded in step."""
    out = []
    in_step = set()
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if i + 1 >= n or b == 0x80 or b == 0xFF:
            out.append("?")
            i += 1
            continue
        pair = data[i:i + 2]
        try:
            ch = pair.decode(codec)
            if len(ch) != 1 or "\ue000" <= ch <= "\uf8ff":
                ch = ""  # user-defined area: dropped
        except UnicodeDecodeError:
            alt = pair.decode("gb18030" if codec == "gbk" else "cp950", errors="replace")
            if len(alt) == 1 and "\ue000" <= alt <= "\uf8ff":
                ch = ""
            else:
                ch = "?"
        out.append(ch)
        if ch and ch != "?" and origin[i] is not None and origin[i][1] == 0 and \
                origin[i + 1] is not None and origin[i + 1] == (origin[i][0], 1):
            in_step.add(origin[i][0])
        i += 2
    return "".join(out), in_step


def damage(sentence, codec, rng, readings, punct, straddle, all_readings):
    chars = list(sentence)
    han = [c for c in set(chars) if is_han(c) and c in readings]
    han.sort()
    annotated = set(rng.sample(han, max(1, len(han) // 3))) if han else set()
    data = bytearray()
    origin = []
    for idx, c in enumerate(chars):
        b = c.encode(codec)
        data += b
        origin += [(idx, k) for k in range(len(b))]
    patterns = {}
    for c in annotated:
        r = readings[c] if codec == "gbk" else numbered(readings[c])
        patterns[c.encode(codec)] = ("(" + r + ")").encode(codec)
    # Offsets between two double-byte characters whose straddling bytes
    # spell a Han character with a reading.
    fmt = (lambda r: r) if codec == "gbk" else numbered
    spots = {}
    for i in range(1, len(data) - 1):
        if origin[i][1] != 1 or origin[i + 1][1] != 0 or i + 2 >= len(data) or \
                origin[i + 2] != (origin[i + 1][0], 1):
            continue
        try:
            ch = bytes(data[i:i + 2]).decode(codec)
        except UnicodeDecodeError:
            continue
        if len(ch) == 1 and ch in all_readings:
            spots[i] = ("(" + fmt(all_readings[ch]) + ")").encode(codec)
    chosen = set(rng.sample(sorted(spots), min(straddle, len(spots))))
    out = bytearray()
    out_origin = []
    i = 0
    while i < len(data):
        pair = bytes(data[i:i + 2])
        if len(pair) == 2 and (pair in patterns or i in chosen):
            out += pair
            out_origin += origin[i:i + 2]
            ann = spots[i] if i in chosen else patterns[pair]
            out += ann
            out_origin += [None] * len(ann)
            i += 2
        else:
            out.append(data[i])
            out_origin.append(origin[i])
            i += 1
    text, in_step = lossy_decode(bytes(out), codec, out_origin)
    misaligned = sum(1 for idx, c in enumerate(chars) if len(c.encode(codec)) == 2
                     and idx not in in_step)
    if punct:
        wide = {"，": ",", "；": ";", "：": ":", "！": "!", "？": "?", "（": "(", "）": ")"}
        folded = []
        for c in text:
            if c in "。、；，" and rng.random() < 0.7:
                folded.append(",")
            folded.append(wide.get(c, c))
        text = "".join(folded)
    return text, misaligned


# ---------------------------------------------------------------------------
# Document mode (--doc OUTDIR): whole 004-style documents.


def icu_pairs(codec):
    """The decoder's view of every double-byte pair, from ICU itself (uconv, the
    tables libnorm's realign uses): {pair: text}, where a user-defined pair
    maps to "" (lossy decoders drop it) and an invalid pair is absent."""
    import subprocess
    name = "GBK" if codec == "gbk" else "windows-950"
    pairs = [bytes([a, b]) for a in range(0x81, 0xFF) for b in range(0x40, 0xFF) if b != 0x7F]
    data = b"\n".join(pairs) + b"\n"
    out = subprocess.run(["uconv", "-f", name, "-t", "UTF-8", "--callback", "substitute"],
                         input=data, capture_output=True, check=True).stdout.decode("utf-8")
    table = {}
    for pair, text in zip(pairs, out.split("\n")):
        if len(text) != 1 or text in "\ufffd\x1a" or ord(text) < 0x80:
            continue
        table[pair] = "" if "\ue000" <= text <= "\uf8ff" else text
    return table


def icu_decode_line(data, table, marker):
    """Decodes one line as the converter behind seed 004 did: an invalid pair
    becomes the marker and swallows both bytes, a user-defined pair is dropped,
    a lone byte at the end becomes the marker."""
    out = []
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
        elif i + 1 >= n or b == 0x80 or b == 0xFF:
            out.append(marker)
            i += 1
        else:
            out.append(table.get(bytes(data[i:i + 2]), marker))
            i += 2
    return "".join(out)


def zhuyin_of(reading):
    """Tone-marked pinyin to zhuyin, as a Taiwanese annotating tool writes it."""
    initials = ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
                "j", "q", "x", "r", "z", "c", "s"]
    ini_z = dict(zip(initials, "ㄓㄔㄕㄅㄆㄇㄈㄉㄊㄋㄌㄍㄎㄏㄐㄑㄒㄖㄗㄘㄙ"))
    finals = {"a": "ㄚ", "o": "ㄛ", "e": "ㄜ", "ai": "ㄞ", "ei": "ㄟ", "ao": "ㄠ", "ou": "ㄡ",
              "an": "ㄢ", "en": "ㄣ", "ang": "ㄤ", "eng": "ㄥ", "er": "ㄦ", "i": "ㄧ",
              "ia": "ㄧㄚ", "ie": "ㄧㄝ", "iao": "ㄧㄠ", "iu": "ㄧㄡ", "ian": "ㄧㄢ",
              "in": "ㄧㄣ", "iang": "ㄧㄤ", "ing": "ㄧㄥ", "iong": "ㄩㄥ", "u": "ㄨ",
              "ua": "ㄨㄚ", "uo": "ㄨㄛ", "uai": "ㄨㄞ", "ui": "ㄨㄟ", "uan": "ㄨㄢ",
              "un": "ㄨㄣ", "uang": "ㄨㄤ", "ong": "ㄨㄥ", "v": "ㄩ", "ve": "ㄩㄝ",
              "van": "ㄩㄢ", "vn": "ㄩㄣ", "ueng": "ㄨㄥ"}
    num = numbered(reading)
    base, tone = num[:-1], int(num[-1])
    ini = next((i for i in initials if base.startswith(i)), "")
    fin = base[len(ini):]
    if ini in ("j", "q", "x") and fin.startswith("u"):
        fin = "v" + fin[1:]
    if not ini:
        if base.startswith("y"):
            fin = base[1:]
            fin = {"u": "v", "ue": "ve", "uan": "van", "un": "vn", "ong": "iong"}.get(fin, fin)
            if not fin.startswith(("i", "v")):
                fin = "i" + fin
        elif base.startswith("w"):
            fin = base[1:]
            fin = fin if fin.startswith("u") else "u" + fin
    if ini in ("zh", "ch", "sh", "r", "z", "c", "s") and fin == "i":
        z = ini_z[ini]
    else:
        if fin not in finals:
            return None
        z = ini_z.get(ini, "") + finals[fin]
    return ("˙" + z) if tone == 5 else z + {1: "", 2: "ˊ", 3: "ˇ", 4: "ˋ"}[tone]


def opencc(text, config):
    import subprocess
    return subprocess.run(["opencc", "-c", config], input=text, capture_output=True,
                          text=True, check=True).stdout


def related_block(rng, pool):
    """A truncated teaser and 2-3 timestamped titles glued to their times, as
    at the end of seed 004."""
    teaser = rng.choice(pool)
    han = [i for i, c in enumerate(teaser) if is_han(c) and i > 15]
    cut = han[len(han) * 2 // 3] if han else len(teaser) - 1
    lines = [teaser[:cut + 1]]
    day = rng.randint(3, 28)  # titles go back up to two days: never day 0
    for k in range(rng.randint(2, 3)):
        p = rng.choice(pool)
        title = re.split("[，。；！？,.]", p)[0][:28]
        lines.append("2024-%02d-%02d %02d:%02d:%02d%s" % (
            rng.randint(1, 12), day - k, rng.randint(0, 23), rng.randint(0, 59),
            rng.randint(0, 59), title))
    return lines


def damage_document(paras, related, codec, rng, readings, table, args):
    """Returns (damaged text, line records (damaged, original, misaligned))."""
    text_lines = paras + related
    full = "\n".join(text_lines)
    reading_style = args.reading
    if reading_style == "auto":
        reading_style = "pinyin" if codec == "gbk" else rng.choice(["zhuyin", "numbered"])
    marker = {"question": "?", "fffd": "\ufffd"}.get(args.marker) or rng.choice(["?", "\ufffd"])
    # Which characters get annotated: in a Traditional text the ones OpenCC's
    # t2s changes (seed 004: "every converted character"), else a third.
    han = sorted({c for c in full if is_han(c) and c in readings})
    simplified = opencc("".join(han), "t2s.json").strip()
    converted = [c for c, s in zip(han, simplified) if c != s]
    if len(converted) >= max(5, len(han) // 20):
        annotated = set(converted)
    else:
        annotated = set(rng.sample(han, max(1, len(han) // 3))) if han else set()

    def annotation(ch):
        r = readings.get(ch)
        if not r:
            return None
        if reading_style == "zhuyin":
            r = zhuyin_of(r)
        elif reading_style == "numbered":
            r = numbered(r)
        if not r:
            return None
        try:
            return ("(" + r + ")").encode(codec)
        except UnicodeEncodeError:
            return None

    patterns = {}
    for c in annotated:
        a = annotation(c)
        if a:
            patterns[c.encode(codec)] = a
    out_text, records = [], []
    for line in text_lines:
        data = bytearray()
        origin = []
        for idx, c in enumerate(line):
            b = c.encode(codec)
            data += b
            origin += [(idx, k) for k in range(len(b))]
        # Lost lead bytes: deleted, or replaced by an ASCII '?'.
        lead_pos = [i for i in range(len(data)) if origin[i][1] == 0 and data[i] >= 0x81]
        lost = set()
        for pos in lead_pos:
            if rng.random() < args.lost_rate:
                lost.add(pos)
        # The find-and-replace over every byte offset (straddles included).
        out = bytearray()
        i = 0
        while i < len(data):
            if i in lost:
                if rng.random() < 0.5:
                    out += b"?"
                i += 1
                continue
            pair = bytes(data[i:i + 2])
            if len(pair) == 2 and pair in patterns and not (i + 1) in lost:
                out += pair + patterns[pair]
                i += 2
            else:
                out.append(data[i])
                i += 1
        decoded = icu_decode_line(bytes(out), table, marker)
        # Misaligned characters: the edit distance to the line as it would
        # read with the in-step annotations only.
        clean_ann = icu_decode_line(bytes(_annotate_only(data, origin, patterns)), table, marker)
        misaligned = _misaligned(line, decoded, clean_ann)
        if args.punct:
            decoded = fold_punct(decoded, rng)
        out_text.append(decoded)
        records.append((decoded, line, misaligned))
    return "\n".join(out_text) + "\n", records


def _annotate_only(data, origin, patterns):
    """The line with the annotations that fall on character boundaries only."""
    out = bytearray()
    i = 0
    while i < len(data):
        pair = bytes(data[i:i + 2])
        if len(pair) == 2 and pair in patterns and origin[i][1] == 0:
            out += pair + patterns[pair]
            i += 2
        else:
            out.append(data[i])
            i += 1
    return out


def _misaligned(original, decoded, reference):
    """Characters of the original not read in step: the edit distance between
    the decoded line and the line with only in-step annotations, a stand-in
    for the span the realign filter has to restore (0 when undamaged)."""
    if decoded == reference:
        return 0
    a, b = decoded, reference
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
        prev = cur
    return max(1, prev[len(b)])


def fold_punct(text, rng):
    """Seed 004's punctuation damage: a stray ',' before about 70% of the
    clause marks 。、；， (a ， itself folded, so ，→ ',,'), every other
    ，；：！？（） folded to ASCII."""
    wide = {"，": ",", "；": ";", "：": ":", "！": "!", "？": "?", "（": "(", "）": ")"}
    out = []
    for c in text:
        if c in "。、；，" and rng.random() < 0.7:
            out.append("," + ("," if c == "，" else c))
        else:
            out.append(wide.get(c, c))
    return "".join(out)


def doc_main(args):
    import os
    codec = "gbk" if args.codec == "gbk" else "cp950"
    paras = []
    for l in open(args.sentences, encoding="utf-8"):
        l = l.strip()
        # Whole paragraphs of prose: hard-wrapped lines and titles are left out.
        if len(l) < 25 or l[-1] not in "。！？”」』）…":
            continue
        try:
            l.encode(codec)
        except UnicodeEncodeError:
            continue
        paras.append(l)
    all_readings = mandarin(None)
    table = icu_pairs(args.codec)
    os.makedirs(args.doc, exist_ok=True)
    per = args.paras_per_doc
    ndocs = min(args.docs, len(paras) // per)
    for d in range(ndocs):
        rng = random.Random(f"doc:{args.codec}:{args.seed}:{d}")
        body = paras[d * per:(d + 1) * per]
        others = paras[:d * per] + paras[(d + 1) * per:]
        related = related_block(rng, others) if args.related else []
        text, records = damage_document(body, related, codec, rng, all_readings, table, args)
        name = f"{args.prefix}{d:03d}"
        with open(os.path.join(args.doc, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(args.doc, name + ".clean.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(body) + "\n")
        with open(os.path.join(args.doc, name + ".lines.tsv"), "w", encoding="utf-8") as f:
            for damaged, original, mis in records:
                f.write(f"{damaged}\t{original}\t{mis}\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--codec", choices=["gbk", "big5"], default="gbk")
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--punct", action="store_true")
    ap.add_argument("--straddle", type=int, default=0)
    ap.add_argument("--doc", metavar="OUTDIR",
                    help="write whole documents: NAME.txt (damaged), NAME.clean.txt, "
                         "NAME.lines.tsv; SENTENCES then holds one paragraph per line")
    ap.add_argument("--docs", type=int, default=20, help="--doc: documents to write")
    ap.add_argument("--paras-per-doc", type=int, default=6)
    ap.add_argument("--seed", default="0", help="--doc: seed of the random choices")
    ap.add_argument("--prefix", default="doc", help="--doc: file name prefix")
    ap.add_argument("--lost-rate", type=float, default=0.004,
                    help="--doc: share of lead bytes lost (half of them leave an ASCII '?')")
    ap.add_argument("--related", action="store_true",
                    help="--doc: glue a teaser and timestamped related titles at the end")
    ap.add_argument("--reading", choices=["auto", "pinyin", "numbered", "zhuyin"],
                    default="auto")
    ap.add_argument("--marker", choices=["auto", "question", "fffd"], default="auto",
                    help="--doc: what the decoder writes for an invalid pair")
    ap.add_argument("sentences")
    args = ap.parse_args()
    if args.doc:
        return doc_main(args)
    codec = "gbk" if args.codec == "gbk" else "cp950"
    lines = [l.strip() for l in open(args.sentences, encoding="utf-8") if l.strip()]
    all_readings = mandarin(None)
    readings = {c: r for c, r in all_readings.items() if c in set("".join(lines))}
    for seed in range(args.seeds):
        for n, line in enumerate(lines):
            try:
                line.encode(codec)
            except UnicodeEncodeError:
                continue
            rng = random.Random(f"{args.codec}:{seed}:{n}")
            text, misaligned = damage(line, codec, rng, readings, args.punct, args.straddle,
                                     all_readings)
            sys.stdout.write(f"{text}\t{line}\t{misaligned}\n")


if __name__ == "__main__":
    main()
