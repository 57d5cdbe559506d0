#!/usr/bin/python3
"""Generates the word unigram tables behind libnorm/src/model/word_model.h.

Run by CMake at build time with Debian's /usr/bin/python3 (standard library
only). Inputs, all from Debian packages:
  - python3-jieba  dict.txt: Simplified Chinese words with corpus counts;
  - rime-essay     essay.txt: Traditional Chinese words with corpus counts
                   (OpenCC's standard forms, 爲 and 裏; OpenCC's t2tw adds the
                   Taiwan forms 為 and 裡 of the same words);
  - opencc         bridges the scripts: jieba's words through s2t and s2tw
                   count as Traditional where essay lacks them, essay's
                   words through t2s count as Simplified where jieba lacks them.
A word's log-probability is log(count / total count of its source); a string
found on both sides (most words shared by the scripts, or one bridged) keeps
the larger. Kept: words of 2 to 4 BMP Han characters with a log-probability of
at least MIN_LOG_P, and every single character a source lists.

Output: word_model_data.{h,cpp}, one byte blob:
  single[65536]  uint8  -8 * log P(c as a one-character word), 255 = unlisted
  pairs[2^21/8]  bits   set at Hash >> 43 of every 2-character string below
  slots[N]       uint32 fingerprint << 10 | prefix << 9 | word << 8 | q, 0 = empty:
                 a word (q = -8 * log P(word)) and/or the first 2 or 3
                 characters of a longer word (prefix), so that a lattice
                 looks a longer word up only after a prefix of it
N slots of linear probing, the home slot (high half of Hash * N) >> 32, the
fingerprint the low 22 bits of Hash (1 when 0); Hash is
mix64(fold (h ^ c) * K over the code points), as in word_model.cpp.
"""
import argparse
import math
import os
import sys

from han_words import is_han_word, opencc, word_hash, write_blob

MIN_LOG_P = -17.0
PAIR_FILTER_LOG2 = 21
PAIR_FILTER_BITS = 1 << PAIR_FILTER_LOG2
MAX_LEN = 4
LOAD = 0.75


def read_counts(path, sep):
    words = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split(sep)
            if len(parts) < 2 or not parts[1].strip().isdigit():
                continue
            w, n = parts[0].strip(), int(parts[1])
            if n > 0 and w:
                words[w] = words.get(w, 0) + n
    return words


def convert(words, config, args):
    return opencc(words, config, args.opencc_dir, args.opencc_bin, "gen_word_model")


def log_probs(counts):
    total = sum(counts.values())
    return {w: math.log(n / total) for w, n in counts.items()}


def useful(w):
    return is_han_word(w, MAX_LEN)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jieba", required=True)
    ap.add_argument("--essay", required=True)
    ap.add_argument("--opencc-dir", required=True)
    ap.add_argument("--opencc-bin", default="opencc")
    ap.add_argument("--out-dir", required=True)
    args = ap.parse_args()

    jieba = read_counts(args.jieba, " ")
    if len(jieba) < 100000:
        sys.exit("gen_word_model: %s looks truncated (%d words)" % (args.jieba, len(jieba)))
    if not os.path.exists(args.essay):
        sys.exit("gen_word_model: %s missing (Debian package rime-essay)" % args.essay)
    essay = read_counts(args.essay, "\t")
    if len(essay) < 100000:
        sys.exit("gen_word_model: %s looks truncated (%d words)" % (args.essay, len(essay)))
    simp = {w: lp for w, lp in log_probs(jieba).items() if lp >= MIN_LOG_P and useful(w)}
    trad = {w: lp for w, lp in log_probs(essay).items() if lp >= MIN_LOG_P and useful(w)}

    # Taiwan forms of essay's words, then the bridges between the scripts.
    tw = list(trad)
    for w, v in zip(tw, convert(tw, "t2tw.json", args)):
        if useful(v) and v not in trad:
            trad[v] = trad[w]
    bridged_t = bridged_s = 0
    sw = list(simp)
    for config in ("s2t.json", "s2tw.json"):
        for w, v in zip(sw, convert(sw, config, args)):
            if useful(v) and v not in trad and v not in simp:
                trad[v] = simp[w]
                bridged_t += 1
    tw = [w for w in trad if w in essay or w not in simp]
    for w, v in zip(tw, convert(tw, "t2s.json", args)):
        if useful(v) and v not in simp and v not in trad:
            simp[v] = trad[w]
            bridged_s += 1

    merged = dict(simp)
    for w, lp in trad.items():
        if w not in merged or merged[w] < lp:
            merged[w] = lp

    single = [255] * 65536
    entries = {}  # string -> [q or None, is a prefix of a longer word]
    for w, lp in merged.items():
        q = max(0, min(254, round(-lp * 8)))
        if len(w) == 1:
            single[ord(w)] = min(single[ord(w)], q)
            continue
        entries.setdefault(w, [None, False])[0] = q
        for k in range(2, len(w)):
            entries.setdefault(w[:k], [None, False])[1] = True
    size = int(len(entries) / LOAD) + 1
    slots = [0] * size
    collisions = 0
    for w in sorted(entries):
        q, prefix = entries[w]
        h = word_hash(w)
        slot = ((h >> 32) * size) >> 32
        fp = (h & 0x3FFFFF) or 1
        while slots[slot] and (slots[slot] >> 10) != fp:
            slot = slot + 1 if slot + 1 < size else 0
        if slots[slot]:
            collisions += 1  # the first (sorted) string keeps the slot
            continue
        slots[slot] = fp << 10 | (512 if prefix else 0) | (256 | q if q is not None else 0)
    words = [w for w, e in entries.items() if e[0] is not None]

    # A bit per hash of every 2-character string the slots hold (word or
    # prefix): most pairs a search tries are neither, and this 256 KB filter
    # answers them from cache.
    pair_bits = bytearray(PAIR_FILTER_BITS // 8)
    for w in entries:
        if len(w) == 2:
            b = word_hash(w) >> (64 - PAIR_FILTER_LOG2)
            pair_bits[b >> 3] |= 1 << (b & 7)

    blob = bytearray(single)
    pairs_offset = len(blob)
    blob += pair_bits
    keys_offset = len(blob)
    for v in slots:
        blob += v.to_bytes(4, "little")
    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "word_model_data.h"), "w") as f:
        f.write("// Generated by libnorm/data/gen_word_model.py; do not edit.\n#pragma once\n")
        f.write("#include <cstddef>\n#include <cstdint>\nnamespace norm::data {\n")
        f.write("inline constexpr size_t kWordModelPairsOffset = %d;\n" % pairs_offset)
        f.write("inline constexpr unsigned kWordModelPairBits = %d;\n" % PAIR_FILTER_LOG2)
        f.write("inline constexpr size_t kWordModelKeysOffset = %d;\n" % keys_offset)
        f.write("inline constexpr uint32_t kWordModelSlots = %d;\n" % size)
        f.write("inline constexpr size_t kWordModelWords = %d;\n" % len(words))
        f.write("inline constexpr int kWordModelMaxLength = %d;\n" % MAX_LEN)
        f.write("extern const unsigned char kWordModelBlob[];\n}  // namespace norm::data\n")
    with open(os.path.join(args.out_dir, "word_model_data.cpp"), "w") as f:
        f.write("// Generated by libnorm/data/gen_word_model.py from python3-jieba, rime-essay\n")
        f.write("// and opencc; do not edit.\n#include \"word_model_data.h\"\n")
        write_blob(f, "kWordModelBlob", blob)
    print("gen_word_model: %d words (%d bridged to Traditional, %d to Simplified), "
          "%d prefixes, %d single characters, %d slots (%d collisions), %d bytes"
          % (len(words), bridged_t, bridged_s, len(entries) - len(words),
             sum(1 for q in single if q < 255), size, collisions, len(blob)))


if __name__ == "__main__":
    main()
