#!/usr/bin/python3
"""Generates the per-language letter model (libnorm/src/lang_model.h): for
each language with enough translated text installed, its alphabet (the
letters of its script it uses) and log P(next | letter) over that alphabet,
a word boundary and "another letter of the script".

The text: the message catalogues of Debian's Essential and build packages
(coreutils, grep, sed, tar, findutils, diffutils, dpkg, bash, util-linux,
shadow, libc: /usr/share/locale/LANG/LC_MESSAGES/DOMAIN.mo), translated by
people. Format directives and ASCII-only option names are dropped.

Languages those catalogues miss (no Essential package is translated into
Icelandic or Albanian; Dutch catalogues hardly leave ASCII) learn from the
word list of their Debian spell-checking package instead (WORD_LISTS, used
when the catalogues are not usable()): each stem of the hunspell dictionary
once, its affix flags dropped, capitalised names and words with letters the
language does not use left out. Only Latin-script ones: learned so, a Hebrew
and an Arabic model scored running text below the generic character model
(docs/accuracy.md). Languages with under MIN_LETTERS letters of text are left
out (the detector then falls back to its generic character model for them).

Standard library only. Output: lang_model_data.h/.cpp in --out-dir.
"""
import argparse
import collections
import glob
import gettext
import math
import os
import re
import sys
import unicodedata

DOMAINS = ["coreutils", "grep", "sed", "tar", "findutils", "diffutils", "gzip", "libc",
           "dpkg", "bash", "util-linux", "shadow"]
MIN_LETTERS = 20000
MAX_ALPHABET = 62      # symbols 0 (boundary) and 63 (other letter of the script) are reserved
SCALE = 8              # log-probabilities stored as int8 eighths of a nat
FORMAT = re.compile(r"%[-+ #0-9.*'$]*[hlLqjzt]*[a-zA-Z%]|\$\{?\w+\}?|--?[a-zA-Z][\w-]*|<[^>]*>")

# Language -> (Debian package, hunspell dictionary): word lists for the
# Latin-script languages of the legacy code pages the catalogues above miss
# (the Afrikaans and Basque word lists fall under the 0.5% non-ASCII floor).
WORD_LISTS = {
    "is": ("hunspell-is", "is_IS"),
    "lv": ("hunspell-lv", "lv_LV"),
    "nl": ("hunspell-nl", "nl"),
    "sq": ("myspell-sq", "sq_AL"),
}

# Romanian's s and t with comma below are one letter with its s and t with
# cedilla: the cedilla ones were typed wherever the code page lacked the
# comma (windows-1250, ISO-8859-2; ISO-8859-16 has the comma), and the two
# readings of the same bytes spell the same words. lang_model.cpp folds the
# same way.
SAME_LETTER = {0x0219: 0x015F, 0x021B: 0x0163}

# Scripts with a letter model; the numbering is shared with lang_model.cpp.
SCRIPTS = ["Latin", "Cyrillic", "Greek", "Hebrew", "Arabic", "Thai", "Georgian", "Armenian"]


# Catalan's ela geminada ("col·lecció") puts a middle dot inside a word:
# between two Latin letters it counts as a letter of the word (the letter
# model learns it where a language writes it), elsewhere as punctuation.
# lang_model.cpp reads it the same way.
MIDDLE_DOT = "\u00b7"
LONE_MIDDLE_DOT = re.compile(r"\u00b7(?![^\W\d_])|(?<![^\W\d_])\u00b7")


def script_of(c):
    o = ord(c)
    if c == MIDDLE_DOT:
        return 0
    if not unicodedata.category(c).startswith("L"):
        return None
    if o < 0x250 or 0x1E00 <= o <= 0x1EFF:
        return 0
    if 0x400 <= o <= 0x52F:
        return 1
    if 0x370 <= o <= 0x3FF:
        return 2
    if 0x590 <= o <= 0x5FF:
        return 3
    if 0x600 <= o <= 0x6FF:
        return 4
    if 0xE00 <= o <= 0xE7F:
        return 5
    if 0x10A0 <= o <= 0x10FF:
        return 6
    if 0x530 <= o <= 0x58F:
        return 7
    return None


def letters_of(c):
    """Thai vowel signs and tone marks are marks (Mn), but spell words."""
    o = ord(c)
    return 0xE31 <= o <= 0xE4E


def read_text(locale_dir, lang):
    parts = []
    for domain in DOMAINS:
        path = os.path.join(locale_dir, lang, "LC_MESSAGES", domain + ".mo")
        if not os.path.exists(path):
            continue
        try:
            with open(path, "rb") as f:
                cat = gettext.GNUTranslations(f)._catalog
        except Exception:
            continue
        for key, value in cat.items():
            if not isinstance(value, str) or key == "" or "Content-Type:" in value:
                continue
            parts.append(FORMAT.sub(" ", value))
    return unicodedata.normalize("NFC", "\n".join(parts)).lower()


def read_words(hunspell_dir, lang):
    """One word a line: the dictionary's stems in its own encoding (the .aff
    file's SET line), flags after '/' and morphology after a tab dropped."""
    package, name = WORD_LISTS[lang]
    dic = os.path.join(hunspell_dir, name + ".dic")
    aff = os.path.join(hunspell_dir, name + ".aff")
    if not os.path.exists(dic) or not os.path.exists(aff):
        sys.exit("gen_lang_model: %s missing: install Debian package %s (scripts/setup.sh)"
                 % (dic, package))
    encoding = "utf-8"
    with open(aff, "rb") as f:
        for line in f:
            if line.startswith(b"SET "):
                encoding = line[4:].strip().decode("ascii")
                break
    words = []
    with open(dic, "rb") as f:
        next(f)  # the word count
        for raw in f:
            word = raw.decode(encoding, "replace").split("/")[0].split()[0:1]
            if not word or not word[0][:1].islower():
                continue
            words.append(unicodedata.normalize("NFC", word[0]).lower())
    # Loanwords spell with letters the language does not use ("café" in an
    # Icelandic list): kept, they teach that a run of foreign letters is
    # likely (log P(other | other) -3 nats instead of the floor's -9), and
    # a misreading full of them wins. Only words of the language's own
    # letters (the alphabet main() would pick) are kept.
    counts = collections.Counter(c for w in words for c in w if script_of(c) is not None)
    n = sum(counts.values())
    own = {c for c, v in counts.items() if v >= max(3, n * 1e-4)}
    return "\n".join(w for w in words if all(c in own for c in w if script_of(c) is not None))


def usable(text):
    """Enough letters, and for Latin enough beyond ASCII (as main() asks)."""
    latin = [c for c in text if script_of(c) == 0]
    letters = sum(script_of(c) is not None for c in text)
    if letters < MIN_LETTERS:
        return False
    return len(latin) < letters / 2 or sum(ord(c) >= 0x80 for c in latin) >= len(latin) * 0.005


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--locale-dir", default="/usr/share/locale")
    ap.add_argument("--hunspell-dir", default="/usr/share/hunspell")
    ap.add_argument("--out-dir", required=True)
    args = ap.parse_args()

    langs = []
    names = {os.path.basename(p) for p in glob.glob(os.path.join(args.locale_dir, "*"))}
    for lang in sorted(names | set(WORD_LISTS)):
        if "@" in lang or lang.startswith("en"):
            continue
        text = read_text(args.locale_dir, lang)
        if lang in WORD_LISTS and not usable(text):
            text = read_words(args.hunspell_dir, lang)
        text = LONE_MIDDLE_DOT.sub(" ", text.translate(SAME_LETTER))
        scripts = collections.Counter()
        for c in text:
            s = script_of(c)
            if s is not None:
                scripts[s] += 1
        if not scripts:
            continue
        script, n = scripts.most_common(1)[0]
        # A Latin-script language must use letters beyond ASCII, or ASCII
        # text tells nothing about its code page.
        if n < MIN_LETTERS:
            continue
        counts = collections.Counter(c for c in text
                                     if script_of(c) == script or
                                     (script == 5 and letters_of(c)))
        if script == 0 and sum(v for c, v in counts.items() if ord(c) >= 0x80) < n * 0.005:
            continue
        alphabet = [c for c, v in counts.most_common(MAX_ALPHABET) if v >= max(3, n * 1e-4)]
        index = {c: i + 1 for i, c in enumerate(alphabet)}
        other = MAX_ALPHABET + 1
        size = MAX_ALPHABET + 2
        big = [[0] * size for _ in range(size)]
        prev = 0
        for c in text:
            if c in index:
                cur = index[c]
            elif script_of(c) == script or (script == 5 and letters_of(c)):
                cur = other
            else:
                cur = 0
            if not (prev == 0 and cur == 0):
                big[prev][cur] += 1
            prev = cur
        uni = [sum(big[a][b] for a in range(size)) + 1 for b in range(size)]
        total = sum(uni)
        rows = []
        for a in range(size):
            row_total = sum(big[a])
            alpha = 20.0
            probs = [(big[a][b] + alpha * uni[b] / total) / (row_total + alpha)
                     for b in range(size)]
            # A letter outside the alphabet gets at least 1e-4, and a letter
            # of the alphabet at least as much as one outside it (else a
            # misreading that yields a foreign letter beats the right
            # reading's rare pair: "déẫus" over "déçus").
            probs[other] = max(probs[other], 1e-4)
            for b in range(1, len(alphabet) + 1):
                probs[b] = max(probs[b], probs[other])
            rows.append([max(-127, min(0, round(math.log(p) * SCALE))) for p in probs])
        langs.append((lang, script, alphabet, rows, n))

    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "lang_model_data.h"), "w") as f:
        f.write("// Generated by libnorm/data/gen_lang_model.py; do not edit.\n#pragma once\n")
        f.write("#include <cstddef>\n#include <cstdint>\nnamespace norm::data {\n")
        f.write("struct LangModel {\n  const char* lang;\n  uint8_t script;\n"
                "  uint8_t letters;\n  const char32_t* alphabet;\n"
                "  const int8_t* log_next;  // [64][64], eighths of a nat\n};\n")
        f.write("inline constexpr int kLangModelScale = %d;\n" % SCALE)
        f.write("inline constexpr int kLangModelOther = %d;\n" % (MAX_ALPHABET + 1))
        f.write("inline constexpr size_t kLangModelCount = %d;\n" % len(langs))
        f.write("extern const LangModel kLangModels[];\n}  // namespace norm::data\n")
    with open(os.path.join(args.out_dir, "lang_model_data.cpp"), "w") as f:
        f.write("// Generated by libnorm/data/gen_lang_model.py from the message catalogues\n"
                "// of Debian's Essential packages; do not edit.\n")
        f.write('#include "lang_model_data.h"\nnamespace norm::data {\nnamespace {\n')
        for i, (lang, script, alphabet, rows, n) in enumerate(langs):
            f.write("constexpr char32_t kAlphabet%d[] = {%s};\n"
                    % (i, ", ".join("0x%X" % ord(c) for c in alphabet)))
            f.write("constexpr int8_t kNext%d[] = {\n" % i)
            for row in rows:
                f.write("  " + ",".join(str(v) for v in row) + ",\n")
            f.write("};\n")
        f.write("}  // namespace\n")
        if langs:
            f.write("const LangModel kLangModels[] = {\n")
            for i, (lang, script, alphabet, rows, n) in enumerate(langs):
                f.write('  {"%s", %d, %d, kAlphabet%d, kNext%d},\n'
                        % (lang, script, len(alphabet), i, i))
            f.write("};\n")
        else:
            f.write("const LangModel kLangModels[] = {{nullptr, 0, 0, nullptr, nullptr}};\n")
        f.write("}  // namespace norm::data\n")
    print("gen_lang_model: %d languages (%s), %d bytes of tables"
          % (len(langs), " ".join(l[0] for l in langs), len(langs) * 64 * 64), file=sys.stderr)


if __name__ == "__main__":
    main()
