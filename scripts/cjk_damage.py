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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--codec", choices=["gbk", "big5"], default="gbk")
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--punct", action="store_true")
    ap.add_argument("--straddle", type=int, default=0)
    ap.add_argument("sentences")
    args = ap.parse_args()
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
