#!/usr/bin/python3
"""Generates the word-pair table behind word_model::PairGain (word_model.h).

Run by CMake at build time with Debian's /usr/bin/python3 (standard library
only). Input: Debian package sunpinyin-data, the open-gram statistical
language model of Simplified Chinese (a back-off word trigram model):
  - pydict_sc.bin  the lexicon: a header of three uint32 (word count, trie
                   node count, offset of the strings), then at that offset
                   one NUL-terminated UCS-4 string per word id;
  - lm_sc.t3g      the model ("thread" format): uint32 N, uint32 use-log-pr,
                   uint32 level sizes[N + 1]; float pr[65536], bow[16384];
                   then the levels. Levels 0..N-1 are 12-byte nodes, bit
                   fields from the low end: word id 18, bow index 14 | pr
                   index 16, first child low 16 | back-off node 23, back-off
                   level 2, first child high 7; level N is 8-byte leaves.
                   A node's children run to the next node's first child; each
                   level ends with a sentinel node.
Kept: the words of 1 to MAX_LEN Han characters at least as likely as
exp(MIN_LOG_P), each with the log of its back-off weight; and the explicit
bigrams (level 2 under level 1) between two such words whose pointwise mutual
information log P(w | v) - log P(w) differs from v's back-off weight by at
least MIN_PMI nats (elsewhere the back-off estimate stands in for it). The
lattice adds log P(w | v) - log P(w): the pair's PMI where kept, else v's
back-off weight; so every candidate after v is scored by the same model and
more word boundaries earn no bonus by themselves. Traditional: the words through
OpenCC s2t and s2tw, pairs and weights added under the converted strings too
(the open-gram corpus is Simplified only).

Output: word_bigram_data.{h,cpp}, one blob: the words' back-off weights (W
slots, keyed by word_hash(v): 120 KB, stays in cache), the pairs' PMIs (P
slots, keyed by pair_hash(word_hash(v), word_hash(w))), then a bit filter of
the pair keys. Slots are uint32 of linear probing: fingerprint (the low 24
bits of the key, 1 when 0) << 8 | q, q the value times SCALE as a signed
byte, 0 = empty; the home slot (high half of key * size) >> 32. As in
word_model.cpp.
Without the package (--lm missing) the tables are empty and every gain is 0.
"""
import argparse
import math
import os
import struct
import sys

from han_words import M64, is_han_word, opencc, word_hash, write_blob

MAX_LEN = 4
MIN_PMI = 0.5
# Words rarer than this (log P in the model) are left out, with their pairs:
# a pair seen once or twice beside a rare word has a large, noisy PMI.
MIN_LOG_P = -12.0
LOAD = 0.7
# A bit per pair key (at its top FILTER_LOG2 bits): most pairs a search tries
# are not in the table, and this 1 MB filter answers most of them from cache.
FILTER_LOG2 = 23
SCALE = 8.0


def pair_hash(hv, hw):
    # Must match PairHash() in word_model.cpp.
    h = (hv * 0xC2B2AE3D27D4EB4F ^ hw) & M64
    h ^= h >> 29
    h = (h * 0x94D049BB133111EB) & M64
    h ^= h >> 32
    return h


def useful(w):
    return is_han_word(w, MAX_LEN)


def read_lexicon(path):
    with open(path, "rb") as f:
        data = f.read()
    count, _, offset = struct.unpack_from("<III", data, 0)
    words = []
    p = offset
    for _ in range(count):
        e = p
        while e + 4 <= len(data) and data[e:e + 4] != b"\0\0\0\0":
            e += 4
        words.append("".join(chr(c) for c in struct.unpack_from("<%dI" % ((e - p) // 4), data, p)))
        p = e + 4
    return words


def read_pairs(path, words):
    """(v, w) -> PMI in nats over the model's explicit bigrams, and
    word -> log of its back-off weight."""
    with open(path, "rb") as f:
        d = f.read()
    n, use_log = struct.unpack_from("<II", d, 0)
    sizes = struct.unpack_from("<%dI" % (n + 1), d, 8)
    if n < 2 or len(sizes) < 3:
        sys.exit("gen_word_bigrams: %s holds no bigrams" % path)
    off = 8 + 4 * (n + 1)
    pr = struct.unpack_from("<65536f", d, off)
    off += 4 * (65536 + 16384)
    lv1 = off + 12 * sizes[0]
    lv2 = lv1 + 12 * sizes[1]

    def prob(i):
        return math.exp(-pr[i]) if use_log else pr[i]

    bow = struct.unpack_from("<16384f", d, off - 4 * 16384)

    def log_bow(i):
        return -bow[i] if use_log else math.log(max(bow[i], 1e-30))

    uni = []  # (word id, first child, P index, bow index)
    for i in range(sizes[1]):
        a, b, c = struct.unpack_from("<III", d, lv1 + 12 * i)
        uni.append((a & 0x3FFFF, (b >> 16) | (((c >> 25) & 0x7F) << 16), b & 0xFFFF, a >> 18))
    p_uni = {wid: prob(p) for wid, _, p, _ in uni[:-1]}
    backoff = {}
    for wid, _, p, bw in uni[:-1]:
        if wid < len(words) and useful(words[wid]) and p_uni[wid] >= math.exp(MIN_LOG_P):
            backoff[words[wid]] = log_bow(bw)
    pairs = {}
    for i in range(len(uni) - 1):
        v = uni[i][0]
        if v >= len(words) or not useful(words[v]):
            continue
        for j in range(uni[i][1], uni[i + 1][1]):
            a, b = struct.unpack_from("<II", d, lv2 + 12 * j)
            w = a & 0x3FFFF
            if w >= len(words) or not useful(words[w]) or p_uni.get(w, 0) <= 0:
                continue
            if words[v] not in backoff or words[w] not in backoff:
                continue
            # Where the back-off estimate is close, the pair need not be kept.
            pmi = math.log(prob(b & 0xFFFF)) - math.log(p_uni[w])
            if abs(pmi - backoff[words[v]]) >= MIN_PMI:
                pairs[(words[v], words[w])] = pmi
    return pairs, backoff


def convert(words, config, args):
    return opencc(words, config, args.opencc_dir, args.opencc_bin, "gen_word_bigrams")


def write(out_dir, word_slots, pair_slots, pair_keys, note):
    blob = bytearray()
    for v in word_slots:
        blob += v.to_bytes(4, "little")
    pairs_offset = len(blob)
    for v in pair_slots:
        blob += v.to_bytes(4, "little")
    filter_offset = len(blob)
    bits = bytearray((1 << FILTER_LOG2) // 8 if pair_keys else 1)
    for h in pair_keys:
        b = h >> (64 - FILTER_LOG2)
        bits[b >> 3] |= 1 << (b & 7)
    blob += bits
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "word_bigram_data.h"), "w") as f:
        f.write("// Generated by libnorm/data/gen_word_bigrams.py; do not edit.\n#pragma once\n")
        f.write("#include <cstddef>\n#include <cstdint>\nnamespace norm::data {\n")
        f.write("inline constexpr uint32_t kWordBigramWordSlots = %d;\n" % len(word_slots))
        f.write("inline constexpr size_t kWordBigramPairsOffset = %d;\n" % pairs_offset)
        f.write("inline constexpr uint32_t kWordBigramPairSlots = %d;\n" % len(pair_slots))
        f.write("inline constexpr size_t kWordBigramFilterOffset = %d;\n" % filter_offset)
        f.write("inline constexpr unsigned kWordBigramFilterBits = %d;\n"
                % (FILTER_LOG2 if pair_keys else 0))
        f.write("inline constexpr double kWordBigramScale = %r;\n" % (1.0 / SCALE))
        f.write("extern const unsigned char kWordBigramBlob[];\n}  // namespace norm::data\n")
    with open(os.path.join(out_dir, "word_bigram_data.cpp"), "w") as f:
        f.write("// Generated by libnorm/data/gen_word_bigrams.py (%s); do not edit.\n" % note)
        f.write("#include \"word_bigram_data.h\"\n")
        write_blob(f, "kWordBigramBlob", blob)


def build_slots(entries):
    """Linear-probing slots of (key, value) entries, and the collisions."""
    size = int(len(entries) / LOAD) + 1
    slots = [0] * size
    collisions = 0
    for h, value in entries:
        slot = ((h >> 32) * size) >> 32
        fp = (h & 0xFFFFFF) or 1
        while slots[slot] and (slots[slot] >> 8) != fp:
            slot = slot + 1 if slot + 1 < size else 0
        if slots[slot]:
            collisions += 1
            continue
        slots[slot] = fp << 8 | (max(-127, min(127, round(value * SCALE))) & 0xFF)
    return slots, collisions


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lm", required=True)
    ap.add_argument("--lexicon", required=True)
    ap.add_argument("--opencc-dir", required=True)
    ap.add_argument("--opencc-bin", default="opencc")
    ap.add_argument("--out-dir", required=True)
    args = ap.parse_args()

    if not (os.path.exists(args.lm) and os.path.exists(args.lexicon)):
        print("gen_word_bigrams: %s not found (Debian package sunpinyin-data): "
              "no word-pair table, realign scores words alone" % args.lm)
        write(args.out_dir, [0], [0], [], "empty: sunpinyin-data missing")
        return
    words = read_lexicon(args.lexicon)
    pairs, backoff = read_pairs(args.lm, words)
    if len(pairs) < 10000:
        sys.exit("gen_word_bigrams: %s looks truncated (%d pairs)" % (args.lm, len(pairs)))
    simp = sorted({w for pair in pairs for w in pair})
    for config in ("s2t.json", "s2tw.json"):
        conv = dict(zip(simp, convert(simp, config, args)))
        for (v, w), pmi in list(pairs.items()):
            tv, tw = conv.get(v, v), conv.get(w, w)
            if (tv, tw) != (v, w) and useful(tv) and useful(tw):
                pairs.setdefault((tv, tw), pmi)
        for v, lb in list(backoff.items()):
            tv = conv.get(v, v)
            if tv != v and useful(tv):
                backoff.setdefault(tv, lb)

    pair_entries = [(pair_hash(word_hash(v), word_hash(w)), pmi)
                    for (v, w), pmi in sorted(pairs.items())]
    word_entries = [(word_hash(v), lb) for v, lb in sorted(backoff.items())]
    word_slots, word_collisions = build_slots(word_entries)
    pair_slots, pair_collisions = build_slots(pair_entries)
    write(args.out_dir, word_slots, pair_slots, [h for h, _ in pair_entries],
          "from sunpinyin-data and opencc")
    print("gen_word_bigrams: %d words (%d collisions), %d word pairs (%d collisions), %d bytes"
          % (len(backoff), word_collisions, len(pairs), pair_collisions,
             4 * (len(word_slots) + len(pair_slots)) + (1 << FILTER_LOG2) // 8))


if __name__ == "__main__":
    main()
