#!/usr/bin/python3
"""Generates the character plausibility tables behind libnorm/src/model/text_model.h.

Run by CMake at build time with Debian's /usr/bin/python3 (standard library
only). Inputs, all from Debian packages:
  - python3-jieba  dict.txt: 349k Chinese words with corpus frequencies. Every
    word is counted once as Simplified and, converted with OpenCC's s2t and
    s2tw configs (package opencc), once as Traditional: character unigram
    counts and word-internal character bigram counts.
  - unicode-data   UnicodeData.txt and Scripts.txt: general category and
    script of every BMP code point (the category-based part of the model);
    Unihan: the frequency tiers of Han characters that the jieba dictionary
    does not cover well (GB2312 levels, Big5 common/less-common, JIS X 0208
    levels, Joyo/Jinmeiyo kanji, kFrequency, kGradeLevel, KS X 1001 hanja).
  - opencc         the character, phrase and variant dictionaries (through
    opencc_dict): which Han characters only one Chinese script writes.
  - libchewing3-data  libchewing's Taiwan phrase list with frequencies: real
    Traditional usage, to tell the ambiguous characters apart (台 is
    Taiwan usage, 后 is not).
  - CPython's euc_kr codec: which Hangul syllables KS X 1001 chose as the
    2,350 syllables in common use.
  - the Korean message catalogues of Debian's Essential packages (the ones
    gen_lang_model.py reads, /usr/share/locale/ko): which of those 2,350
    Korean writes. About 730 of them make 94-98% of real Korean text
    (chardet's and the detection bench's EUC-KR, CP949 and Johab files);
    Chinese, Japanese and Thai bytes read as KS X 1001 land on the other
    1,600 three times in four.

Output: one C++ source with a single byte blob (little-endian) whose layout is
described by the constants in text_model_data.h (also generated):
  uni[65536]      int16  log P(c), units of 1/32 nat (all scripts)
  cls[65536]      uint8  character class (TextClass in text_model.h)
  backoff[65536]  int8   log P(word ends after c) for Han c, units of 1/16 nat
  keys[M]         uint32 open-addressing hash of (a << 16 | b), 0 = empty
  vals[M]         int8   log P(b | a) from word-internal pairs, 1/8 nat units
  script[65536]   uint8  HanClass (text_model.h): 0 either or not Han,
                         1/2 Simplified-/Traditional-only, 3/4 mostly,
                         5/6 shared (ambiguous, decided in context)
"""
import argparse
import bz2
import collections
import math
import os
import subprocess
import sys
import tempfile

# Character classes; must match TextClass in libnorm/src/model/text_model.h.
CLASSES = [
    "kOther", "kSpace", "kNewline", "kDigit", "kPunct", "kSymbol",
    "kLatinLower", "kLatinUpper", "kCyrillicLower", "kCyrillicUpper",
    "kGreekLower", "kGreekUpper", "kHebrew", "kArabic", "kThai", "kHan",
    "kHiragana", "kKatakana", "kHalfwidthKana", "kHangul", "kMark",
    "kControl", "kPrivateUse", "kOtherLetter", "kCjkPunct", "kFullwidth",
    "kInvalid", "kBoxDrawing",
]
C = {name: i for i, name in enumerate(CLASSES)}


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--jieba", required=True)
    p.add_argument("--unicode-dir", required=True)
    p.add_argument("--opencc-dir", required=True)
    p.add_argument("--opencc-bin", default="opencc")
    p.add_argument("--opencc-dict-bin", default="opencc_dict")
    p.add_argument("--chewing-dir", required=True)
    p.add_argument("--locale-dir", default="/usr/share/locale")
    p.add_argument("--out-dir", required=True)
    return p.parse_args()


def read_unicode_data(udir):
    """General category for every BMP code point (ranges expanded)."""
    cat = ["Cn"] * 65536
    first = None
    with open(os.path.join(udir, "UnicodeData.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.split(";")
            cp = int(fields[0], 16)
            name, gc = fields[1], fields[2]
            if name.endswith(", First>"):
                first = cp
                continue
            if name.endswith(", Last>") and first is not None:
                for c in range(first, min(cp, 0xFFFF) + 1):
                    cat[c] = gc
                first = None
                continue
            if cp < 65536:
                cat[cp] = gc
    return cat


def read_scripts(udir):
    script = ["Unknown"] * 65536
    with open(os.path.join(udir, "Scripts.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].strip()
            if not line:
                continue
            rng, name = [x.strip() for x in line.split(";")]
            if ".." in rng:
                a, b = [int(x, 16) for x in rng.split("..")]
            else:
                a = b = int(rng, 16)
            for c in range(a, min(b, 0xFFFF) + 1):
                script[c] = name
    return script


def read_unihan(udir, fields):
    out = collections.defaultdict(dict)
    for fname in ("Unihan_OtherMappings.txt.bz2", "Unihan_DictionaryLikeData.txt.bz2"):
        with bz2.open(os.path.join(udir, fname), "rt", encoding="utf-8") as f:
            for line in f:
                if not line.startswith("U+"):
                    continue
                cp, key, value = line.rstrip("\n").split("\t", 2)
                if key in fields:
                    out[int(cp[2:], 16)][key] = value
    return out


def opencc_convert(words, config, args):
    cfg = os.path.join(args.opencc_dir, config)
    res = subprocess.run([args.opencc_bin, "-c", cfg], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True)
    out = res.stdout.split("\n")
    if len(out) < len(words):
        sys.exit("gen_text_model: opencc returned %d lines for %d words" % (len(out), len(words)))
    return out[:len(words)]


def is_han(c):
    return 0x3400 <= c <= 0x4DBF or 0x4E00 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF

def read_opencc_dict(name, args):
    """One of OpenCC's dictionaries (NAME.ocd2) as {key: [values]}, through
    opencc_dict's text output."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, name + ".txt")
        subprocess.run([args.opencc_dict_bin, "-i", os.path.join(args.opencc_dir, name + ".ocd2"),
                        "-o", out, "-f", "ocd2", "-t", "text"], check=True, capture_output=True)
        d = {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 2:
                    d[parts[0]] = parts[1].split(" ")
    if len(d) < 30:
        sys.exit("gen_text_model: OpenCC dictionary %s looks truncated (%d entries)" % (name, len(d)))
    return d


def read_chewing(cdir):
    """libchewing's phrase list with its frequencies (Taiwan usage):
    dictionary.dat holds NUL-terminated UTF-8 phrases, index_tree.dat
    8-byte tree nodes; a leaf (key 0) holds a 3-byte phrase offset and a
    3-byte frequency, both little-endian."""
    with open(os.path.join(cdir, "dictionary.dat"), "rb") as f:
        text = f.read()
    with open(os.path.join(cdir, "index_tree.dat"), "rb") as f:
        tree = f.read()
    freq = {}
    for k in range(0, len(tree) - 7, 8):
        if tree[k] or tree[k + 1]:
            continue
        pos = int.from_bytes(tree[k + 2:k + 5], "little")
        end = text.find(b"\0", pos)
        if pos >= len(text) or end < 0:
            continue
        word = text[pos:end].decode("utf-8", "replace")
        freq[word] = max(freq.get(word, 0), int.from_bytes(tree[k + 5:k + 8], "little"))
    if len(freq) < 50000:
        sys.exit("gen_text_model: %s looks truncated (%d phrases)" % (cdir, len(freq)))
    return freq


# HanClass values (text_model.h).
SIMPLIFIED_ONLY, TRADITIONAL_ONLY = 1, 2
SIMPLIFIED_MOSTLY, TRADITIONAL_MOSTLY = 3, 4
SIMPLIFIED_SHARED, TRADITIONAL_SHARED = 5, 6
RARE_SHARE = 0.2  # the other form at least four times as common
COMMON_SHARE = 0.95  # the other form in fewer than one place in twenty


def kept_in_phrases(phrases, min_count=2):
    """Characters a phrase dictionary keeps in place (key and value agree at
    that position) in at least min_count phrases: 后 in 皇后, 于 in 淳于.
    One phrase is not enough: a few OpenCC entries are errors."""
    kept = collections.Counter()
    for k, vs in phrases.items():
        v = vs[0]
        if len(v) == len(k):
            for a, b in zip(k, v):
                if a == b:
                    kept[a] += 1
    return {c for c, n in kept.items() if n >= min_count}


def kept_share(pairs, chars):
    """For each character X of chars: of the positions where the image (the
    other script's form) is X, the weighted fraction where the text itself
    also writes X. pairs: (text word, image word, weight)."""
    kept, total = collections.Counter(), collections.Counter()
    for own, image, weight in pairs:
        if len(own) != len(image):
            continue
        for a, b in zip(own, image):
            if b in chars:
                total[b] += weight
                if a == b:
                    kept[b] += weight
    return {c: kept[c] / total[c] for c in total}


def han_classes(args, words, freqs, s2t_words, s2tw_words):
    """HanClass of every BMP code point.

    From OpenCC's character and phrase dictionaries: a Simplified character
    (a key of STCharacters) that no Traditional standard writes (not a value
    of STCharacters, TWVariants or HKVariants, not kept by two or more
    STPhrases) is Simplified-only (们, 这); one that some standard writes is
    ambiguous (准 for 準 and 准, 后 for 後 and 皇后, 户 in Hong Kong text).
    Likewise Traditional-only and ambiguous with TSCharacters and TSPhrases.

    Ambiguous characters are split by real usage: Simplified-mostly when
    Traditional writing keeps the character in fewer than a fifth of the
    places where Simplified writes it, in both Taiwan usage sources
    (libchewing's phrase frequencies; jieba's frequencies through OpenCC
    s2tw): 后, 于, 么. The others are shared (准, 里, 台, 制): their
    script shows only in context. Traditional-mostly likewise from jieba
    (Simplified usage) through s2t: 於, 瞭; shared: 乾, 覆."""
    st = read_opencc_dict("STCharacters", args)
    ts = read_opencc_dict("TSCharacters", args)
    trad_written = {v for vs in st.values() for v in vs}
    for name in ("TWVariants", "HKVariants"):
        trad_written |= {ch for vs in read_opencc_dict(name, args).values() for v in vs for ch in v}
    trad_written |= kept_in_phrases(read_opencc_dict("STPhrases", args))
    simp_written = {v for vs in ts.values() for v in vs}
    simp_written |= kept_in_phrases(read_opencc_dict("TSPhrases", args))
    s_amb = {c for c in st if len(c) == 1 and c in trad_written}
    t_amb = {c for c in ts if len(c) == 1 and (c in simp_written or c in st)}

    chewing = read_chewing(args.chewing_dir)
    chewing_words = sorted(w for w in chewing if w)
    chewing_s = opencc_convert(chewing_words, "t2s.json", args)
    tw_chewing = kept_share(((w, s, chewing[w] + 1) for w, s in zip(chewing_words, chewing_s)),
                            s_amb)
    tw_jieba = kept_share(zip(s2tw_words, words, freqs), s_amb)
    s_jieba = kept_share(zip(words, s2t_words, freqs), t_amb)

    def shares(c, sources):
        return [src[c] for src in sources if c in src]

    def ambiguous_class(c, sources, mostly, shared):
        x = shares(c, sources)
        if all(v < RARE_SHARE for v in x):
            return mostly
        if x and all(v > COMMON_SHARE for v in x):
            return 0  # 了 (瞭), 面 (麵): the other form is too rare to matter
        return shared

    cls = [0] * 65536
    for c in st:
        if len(c) != 1 or ord(c) >= 65536 or not is_han(ord(c)):
            continue
        if c not in s_amb:
            cls[ord(c)] = SIMPLIFIED_ONLY
        else:
            cls[ord(c)] = ambiguous_class(c, (tw_chewing, tw_jieba), SIMPLIFIED_MOSTLY,
                                          SIMPLIFIED_SHARED)
    for c in ts:
        if len(c) != 1 or ord(c) >= 65536 or not is_han(ord(c)):
            continue
        if cls[ord(c)] != 0:  # a key of both dictionaries: evidence of neither
            cls[ord(c)] = 0
            continue
        if c not in t_amb:
            cls[ord(c)] = TRADITIONAL_ONLY
        else:
            cls[ord(c)] = ambiguous_class(c, (s_jieba,), TRADITIONAL_MOSTLY, TRADITIONAL_SHARED)
    return cls, st, ts, chewing, (tw_chewing, s_jieba)


WORD_SALT = {"traditional": 1, "simplified": 2}


def word_hash(word, salt):
    """FNV-1a over the code points, salted by script; never 0 (empty slot).
    Must match HanWordHash in libnorm/src/model/han_words.cpp."""
    h = 0xCBF29CE484222325
    for ch in word:
        h ^= ord(ch)
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    h ^= (salt * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    return h or 1


def write_han_words(args, cls, st, ts, chewing, words, freqs, kept):
    """Word evidence for the zh stage's script consistency (han_words.h):
    the frequencies of the words (2 to 6 characters) that hold an ambiguous
    character (the -mostly and -shared classes) or one of its other forms,
    in Traditional usage (libchewing) and Simplified usage (jieba); and each
    ambiguous character's other forms (OpenCC STCharacters/TSCharacters)."""
    amb_s = {chr(c) for c in range(65536) if cls[c] in (SIMPLIFIED_MOSTLY, SIMPLIFIED_SHARED)}
    amb_t = {chr(c) for c in range(65536) if cls[c] in (TRADITIONAL_MOSTLY, TRADITIONAL_SHARED)}
    # Other forms: OpenCC's, and their Taiwan and Hong Kong variants (里 -> 裏,
    # 裡).
    variants = {}
    for name in ("TWVariants", "HKVariants"):
        for k, vs in read_opencc_dict(name, args).items():
            variants.setdefault(k, []).extend(v for v in vs if len(v) == 1)
    alts = {}
    for c in amb_s:
        forms = []
        for v in st[c]:
            for f in [v] + variants.get(v, []):
                if f != c and len(f) == 1 and f not in forms:
                    forms.append(f)
        alts[c] = forms
    for c in amb_t:
        alts[c] = [v for v in ts[c] if v != c and len(v) == 1]
    want_t = set(amb_s) | {a for c in amb_s for a in alts[c]}
    want_s = set(amb_t) | {a for c in amb_t for a in alts[c]}
    entries = {}
    for w, f in chewing.items():
        if 2 <= len(w) <= 6 and f > 0 and any(ch in want_t for ch in w):
            k = word_hash(w, WORD_SALT["traditional"])
            entries[k] = max(entries.get(k, 0), f)
    for w, f in zip(words, freqs):
        if 2 <= len(w) <= 6 and f > 0 and any(ch in want_s for ch in w):
            k = word_hash(w, WORD_SALT["simplified"])
            entries[k] = max(entries.get(k, 0), f)
    bits = max(10, (2 * len(entries) - 1).bit_length())
    size = 1 << bits
    keys = [0] * size
    vals = [0] * size
    for k, f in entries.items():
        h = k >> (64 - bits)
        while keys[h] != 0:
            h = (h + 1) & (size - 1)
        keys[h] = k
        vals[h] = min(f, 0xFFFFFFFF)
    with open(os.path.join(args.out_dir, "han_words_data.h"), "w") as f:
        f.write("// Generated by libnorm/data/gen_text_model.py; do not edit.\n#pragma once\n")
        f.write("#include <cstdint>\nnamespace norm::data {\n")
        f.write("inline constexpr unsigned kHanWordBits = %d;\n" % bits)
        f.write("extern const uint64_t kHanWordKeys[];\nextern const uint32_t kHanWordFreqs[];\n")
        f.write("// Ambiguous characters, the percentage of places where their own script\n")
        f.write("// keeps them, and their other forms: \"X\\tPERCENT\\tALTS\\n\" lines.\n")
        f.write("extern const char kHanAlternatives[];\n}  // namespace norm::data\n")
    with open(os.path.join(args.out_dir, "han_words_data.cpp"), "w") as f:
        f.write("// Generated by libnorm/data/gen_text_model.py from libchewing3-data,\n")
        f.write("// python3-jieba and opencc; do not edit.\n#include \"han_words_data.h\"\n")
        f.write("namespace norm::data {\nconst uint64_t kHanWordKeys[] = {\n")
        for i in range(0, size, 4):
            f.write(" ".join("0x%016xULL," % k for k in keys[i:i + 4]) + "\n")
        f.write("};\nconst uint32_t kHanWordFreqs[] = {\n")
        for i in range(0, size, 8):
            f.write(" ".join("%du," % v for v in vals[i:i + 8]) + "\n")
        f.write("};\nconst char kHanAlternatives[] =\n")
        for c in sorted(alts):
            if alts[c]:
                share = (kept[0] if c in amb_s else kept[1]).get(c, 0.5)
                f.write('"%s\\t%d\\t%s\\n"\n' % (c, round(100 * share), "".join(alts[c])))
        f.write(";\n}  // namespace norm::data\n")
    print("gen_text_model: %d words of evidence for %d ambiguous characters, %d-slot hash"
          % (len(entries), len(alts), size))

def read_jieba(path):
    """jieba's dict.txt as ([word], [frequency]), in its order."""
    words, freqs = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                words.append(parts[0])
                freqs.append(int(parts[1]))
    if len(words) < 100000:
        sys.exit("%s: %s looks truncated (%d words)"
                 % (os.path.basename(sys.argv[0]), path, len(words)))
    return words, freqs


def written_hangul(locale_dir):
    """The Hangul syllables Korean catalogues write at least twice (one use
    may be a name); gen_lang_model.py's reader and catalogue list."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import gen_lang_model
    text = gen_lang_model.read_text(locale_dir, "ko")
    counts = collections.Counter(c for c in text if 0xAC00 <= ord(c) <= 0xD7A3)
    if sum(counts.values()) < gen_lang_model.MIN_LETTERS:
        sys.exit("gen_text_model: too little Korean text under %s/ko" % locale_dir)
    return {ord(c) for c, n in counts.items() if n >= 2}


def main():
    args = parse_args()
    words, freqs = read_jieba(args.jieba)

    variants = [words, opencc_convert(words, "s2t.json", args),
                opencc_convert(words, "s2tw.json", args)]

    # Unigram and word-internal bigram counts, per script variant; the
    # Traditional variants are merged by max so that a character shared by
    # s2t and s2tw is not counted twice.
    uni_s = collections.Counter()
    uni_t = collections.Counter()
    bi_s = collections.Counter()
    bi_t = collections.Counter()
    for vi, ws in enumerate(variants):
        uni = uni_s if vi == 0 else collections.Counter()
        bi = bi_s if vi == 0 else collections.Counter()
        for w, fr in zip(ws, freqs):
            cps = [ord(ch) for ch in w]
            for i, c in enumerate(cps):
                if c < 65536 and is_han(c):
                    uni[c] += fr
                    if i + 1 < len(cps) and cps[i + 1] < 65536 and is_han(cps[i + 1]):
                        bi[(c, cps[i + 1])] += fr
        if vi > 0:
            for k, v in uni.items():
                if v > uni_t[k]:
                    uni_t[k] = v
            for k, v in bi.items():
                if v > bi_t[k]:
                    bi_t[k] = v

    total_s = sum(uni_s.values())
    total_t = sum(uni_t.values())
    # Han log-probabilities: the better of the Simplified and the Traditional
    # estimate, floored by the Unihan frequency tiers for characters that
    # Japanese, Korean or Hong Kong text uses more than mainland Chinese.
    han_lp = {}
    for c in set(uni_s) | set(uni_t):
        p = max(uni_s[c] / total_s, uni_t[c] / total_t)
        han_lp[c] = math.log(p)
    ranked = sorted(han_lp.values(), reverse=True)

    def rank_lp(r):
        return ranked[min(r, len(ranked) - 1)]

    unihan = read_unihan(args.unicode_dir, {"kGB0", "kBigFive", "kJis0", "kJoyoKanji",
                                             "kJinmeiyoKanji", "kFrequency", "kGradeLevel",
                                             "kKSC0"})
    tier_common = rank_lp(2500)   # GB2312 level 1, Big5 common, JIS level 1, Joyo
    tier_less = rank_lp(6000)     # GB2312 level 2, Big5 less common, JIS level 2
    tier_rare = rank_lp(len(ranked) - 1) - 2.0  # any other Han character
    for c, f in unihan.items():
        if c >= 65536:
            continue
        floor = tier_rare
        gb = f.get("kGB0")
        if gb:
            floor = max(floor, tier_common if int(gb[:2]) <= 55 else tier_less)
        b5 = f.get("kBigFive")
        if b5:
            floor = max(floor, tier_common if int(b5, 16) <= 0xC67E else tier_less)
        jis = f.get("kJis0")
        if jis:
            floor = max(floor, tier_common if int(jis[:2]) <= 47 else tier_less)
        if "kJoyoKanji" in f or "kGradeLevel" in f:
            floor = max(floor, tier_common)
        if "kJinmeiyoKanji" in f or "kKSC0" in f:
            floor = max(floor, tier_less)
        fq = f.get("kFrequency")
        if fq:
            floor = max(floor, tier_common if int(fq) <= 3 else tier_less)
        han_lp[c] = max(han_lp.get(c, -1e9), floor)
    # Renormalise the Han distribution (the floors and the max() add mass).
    z = math.log(sum(math.exp(v) for v in han_lp.values()))
    for c in han_lp:
        han_lp[c] -= z
    han_unlisted = tier_rare - z - 2.0  # Han characters no source mentions

    # KS X 1001's 2,350 Hangul syllables: the ones in common use.
    # Python's euc_kr also spells every other syllable as an 8-byte jamo
    # sequence (KS X 1001 annex 3): only the 2-byte codes are the 2,350.
    ksx = set()
    for c in range(0xAC00, 0xD7A4):
        try:
            if len(chr(c).encode("euc_kr")) == 2:
                ksx.add(c)
        except UnicodeEncodeError:
            pass
    if len(ksx) != 2350:
        sys.exit("gen_text_model: expected KS X 1001's 2,350 Hangul syllables from Python's "
                 "euc_kr codec, found %d" % len(ksx))
    korean = written_hangul(args.locale_dir)

    # Which script a Han character belongs to (HanClass in text_model.h),
    # from OpenCC's own dictionaries, cross-checked against real usage.
    han_script, st, ts, chewing, kept = han_classes(args, words, freqs, variants[1], variants[2])
    write_han_words(args, han_script, st, ts, chewing, words, freqs, kept)

    gc = read_unicode_data(args.unicode_dir)
    script = read_scripts(args.unicode_dir)

    cls = [C["kOther"]] * 65536
    uni = [-18.0] * 65536
    # Category-based log-probabilities (nats) for everything that is not Han.
    # These are coarse class priors, the "simple script/category score": what
    # separates real text from mis-decoded bytes is mostly which classes occur
    # and how they follow each other (see Transition() in text_model.cpp).
    ascii_punct_common = set(".,'\"-:;()!?")
    for c in range(65536):
        g, s, ch = gc[c], script[c], chr(c)
        k, lp = C["kOther"], -18.0
        if c in (0x0A, 0x0D):
            k, lp = C["kNewline"], -4.0
        elif c in (0x09, 0x20):
            k, lp = C["kSpace"], -2.5 if c == 0x20 else -6.0
        elif c in (0xA0, 0x3000) or g == "Zs":
            k, lp = C["kSpace"], -7.0
        elif c in (0xFFFD,) or g in ("Cs",) or (0xFDD0 <= c <= 0xFDEF) or c >= 0xFFFE:
            k, lp = C["kInvalid"], -18.0
        elif g == "Cc":
            k, lp = C["kControl"], -18.0 if 0x80 <= c <= 0x9F else -16.0
        elif g == "Co":
            k, lp = C["kPrivateUse"], -16.0
        elif g == "Cn":
            k, lp = C["kInvalid"], -18.0
        elif g in ("Cf",):
            k, lp = C["kControl"], -10.0
        elif is_han(c) and g == "Lo":
            k, lp = C["kHan"], han_lp.get(c, han_unlisted)
            if 0xF900 <= c <= 0xFAFF:
                lp = min(lp, tier_rare - z)  # compatibility ideographs
        elif 0xFF61 <= c <= 0xFF9F:
            k, lp = C["kHalfwidthKana"], -10.0
        elif s == "Hiragana" or c in (0x30FC,):
            k = C["kHiragana"]
            lp = -4.5 if 0x3041 <= c <= 0x3093 or c == 0x30FC else -9.0
        elif s == "Katakana":
            k = C["kKatakana"]
            lp = -5.0 if 0x30A1 <= c <= 0x30F6 else -9.0
        elif s == "Hangul":
            k = C["kHangul"]
            if 0xAC00 <= c <= 0xD7A3:
                lp = (-6.2 if c in korean else -9.0) if c in ksx else -13.0
            else:
                lp = -12.0  # jamo: rare in running text
        elif 0x2500 <= c <= 0x259F:
            k, lp = C["kBoxDrawing"], -11.0
        elif 0xFF01 <= c <= 0xFF5E:
            if ch in "！（），：；？":
                k, lp = C["kCjkPunct"], -5.0
            else:
                k, lp = C["kFullwidth"], -8.0
        elif 0x3001 <= c <= 0x303F or 0xFE30 <= c <= 0xFE4F:
            k = C["kCjkPunct"]
            lp = -4.5 if c in (0x3001, 0x3002) else -6.0 if c <= 0x3011 else -9.0
        elif g.startswith("M"):
            k, lp = C["kMark"], -8.0
            if s == "Hebrew":
                k, lp = C["kHebrew"], -8.0
            elif s == "Arabic":
                k, lp = C["kArabic"], -7.0
            elif s == "Thai":
                k, lp = C["kMark"], -4.5  # vowel signs and tone marks need a base
        elif g == "Nd":
            k, lp = C["kDigit"], -4.0 if c < 0x80 else -8.0
        elif g.startswith("P"):
            k = C["kPunct"]
            if c < 0x80:
                lp = -5.0 if ch in ascii_punct_common else -7.0
            elif 0x2010 <= c <= 0x2027:
                lp = -6.0
            elif c in (0xAB, 0xBB, 0xB7, 0xBF, 0xA1):
                lp = -8.0
            else:
                lp = -11.0
        elif g.startswith("S") or g.startswith("N"):
            k = C["kSymbol"]
            if c < 0x80:
                lp = -7.0
            elif c in (0xA9, 0xAE, 0xB0, 0xB1, 0x20AC, 0x2122, 0xD7):
                lp = -8.0
            elif c < 0x100:
                lp = -11.0
            else:
                lp = -10.0
        elif s == "Latin":
            lower = g == "Ll" or g == "Lo" or g == "Lm"
            k = C["kLatinLower"] if lower else C["kLatinUpper"]
            if c < 0x80:
                lp = -3.3 if lower else -4.8
            elif c < 0x250 or 0x1E00 <= c <= 0x1EFF:
                lp = -6.5 if lower else -8.5
                if c in (0xAA, 0xBA, 0xDF) or 0x1E00 <= c <= 0x1EFF:
                    lp -= 1.0
            else:
                lp = -12.0
        elif s == "Cyrillic":
            lower = g == "Ll"
            k = C["kCyrillicLower"] if lower else C["kCyrillicUpper"]
            if 0x410 <= c <= 0x44F or c in (0x401, 0x451):
                lp = -3.6 if lower else -5.6
            elif 0x400 <= c <= 0x45F or c in (0x490, 0x491):
                lp = -6.5 if lower else -8.5
            else:
                lp = -12.0
        elif s == "Greek":
            lower = g == "Ll"
            k = C["kGreekLower"] if lower else C["kGreekUpper"]
            lp = (-3.6 if lower else -5.6) if 0x386 <= c <= 0x3CE else -11.0
        elif s == "Hebrew":
            k, lp = C["kHebrew"], -3.4 if 0x5D0 <= c <= 0x5EA else -9.0
        elif s == "Arabic":
            k = C["kArabic"]
            if 0x621 <= c <= 0x64A:
                lp = -3.5
            elif c in (0x67E, 0x686, 0x698, 0x6AF, 0x6CC, 0x6A9, 0x6C1, 0x6D2, 0x679, 0x688, 0x691):
                lp = -6.0
            elif 0xFB50 <= c <= 0xFEFF:
                lp = -12.0  # presentation forms
            else:
                lp = -9.0
        elif s == "Thai":
            k, lp = C["kThai"], -3.8
        elif g.startswith("L"):
            k, lp = C["kOtherLetter"], -8.0
        cls[c] = k
        uni[c] = lp

    # Han bigrams: log P(b | a) = log(count(ab inside words) / count(a)), plus
    # the backoff mass of a (occurrences of a that end a word).
    first_mass = collections.Counter()
    pairs = {}
    for (bi, tot) in ((bi_s, uni_s), (bi_t, uni_t)):
        for (a, b), n in bi.items():
            lp = math.log(n / tot[a])
            if lp < -12.0 or n < 20:
                continue
            key = (a << 16) | b
            if key not in pairs or pairs[key] < lp:
                pairs[key] = lp
    for key, lp in pairs.items():
        first_mass[key >> 16] += math.exp(lp)
    backoff = [0] * 65536
    for c in han_lp:
        if c < 65536:
            rest = max(1.0 - min(first_mass.get(c, 0.0), 0.95), 0.05)
            backoff[c] = max(-128, min(0, round(math.log(rest) * 16)))

    bits = max(10, math.ceil(math.log2(len(pairs) * 2 + 1)))
    size = 1 << bits
    keys = [0] * size
    vals = [0] * size
    for key in sorted(pairs):
        h = ((key * 0x9E3779B1) & 0xFFFFFFFF) >> (32 - bits)
        while keys[h]:
            h = (h + 1) & (size - 1)
        keys[h] = key
        vals[h] = max(-128, min(0, round(pairs[key] * 8)))

    blob = bytearray()
    for v in uni:
        blob += int(max(-32768, min(0, round(v * 32)))).to_bytes(2, "little", signed=True)
    blob += bytes(cls)
    blob += bytes((b & 0xFF) for b in backoff)
    for k in keys:
        blob += k.to_bytes(4, "little")
    blob += bytes((v & 0xFF) for v in vals)
    script_offset = len(blob)
    blob += bytes(han_script)

    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "text_model_data.h"), "w") as f:
        f.write("// Generated by libnorm/data/gen_text_model.py; do not edit.\n#pragma once\n")
        f.write("#include <cstddef>\n#include <cstdint>\nnamespace norm::data {\n")
        f.write("inline constexpr size_t kTextModelUniOffset = 0;\n")
        f.write("inline constexpr size_t kTextModelClassOffset = %d;\n" % (65536 * 2))
        f.write("inline constexpr size_t kTextModelBackoffOffset = %d;\n" % (65536 * 3))
        f.write("inline constexpr size_t kTextModelKeysOffset = %d;\n" % (65536 * 4))
        f.write("inline constexpr size_t kTextModelValsOffset = %d;\n" % (65536 * 4 + size * 4))
        f.write("inline constexpr size_t kTextModelScriptOffset = %d;\n" % script_offset)
        f.write("inline constexpr unsigned kTextModelHashBits = %d;\n" % bits)
        f.write("inline constexpr size_t kTextModelBigrams = %d;\n" % len(pairs))
        f.write("inline constexpr size_t kTextModelHanChars = %d;\n" % len(han_lp))
        f.write("inline constexpr size_t kTextModelBlobSize = %d;\n" % len(blob))
        f.write("extern const unsigned char kTextModelBlob[];\n}  // namespace norm::data\n")
    with open(os.path.join(args.out_dir, "text_model_data.cpp"), "w") as f:
        f.write("// Generated by libnorm/data/gen_text_model.py from python3-jieba, opencc\n")
        f.write("// and unicode-data; do not edit.\n#include \"text_model_data.h\"\n")
        f.write("namespace norm::data {\nalignas(16) const unsigned char kTextModelBlob[] =\n")
        for i in range(0, len(blob), 64):
            chunk = blob[i:i + 64]
            f.write('"' + "".join("\\%03o" % b for b in chunk) + '"\n')
        f.write(";\n}  // namespace norm::data\n")
    print("gen_text_model: %d Han characters (%d Simplified-only, %d Traditional-only), "
          "%d bigrams, %d-slot hash, %d bytes"
          % (len(han_lp), han_script.count(SIMPLIFIED_ONLY) + han_script.count(SIMPLIFIED_MOSTLY),
             han_script.count(TRADITIONAL_ONLY) + han_script.count(TRADITIONAL_MOSTLY), len(pairs),
             size, len(blob)))


if __name__ == "__main__":
    main()
