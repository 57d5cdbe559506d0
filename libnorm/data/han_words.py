"""What the word-table generators share (gen_word_model.py, gen_word_bigrams.py).

The hash must match WordHash() in libnorm/src/model/word_model.cpp: both
tables are probed with it at run time.
"""
import os
import subprocess
import sys

M64 = (1 << 64) - 1


def word_hash(word):
    h = 0
    for ch in word:
        h = ((h ^ ord(ch)) * 0x9E3779B97F4A7C15) & M64
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & M64
    h ^= h >> 33
    return h


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF


def is_han_word(w, max_len):
    return 1 <= len(w) <= max_len and all(is_han(c) for c in w)


def opencc(words, config, opencc_dir, opencc_bin, who):
    """The words converted by OpenCC's `config`, one for one."""
    cfg = os.path.join(opencc_dir, config)
    res = subprocess.run([opencc_bin, "-c", cfg], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True)
    out = res.stdout.split("\n")
    if len(out) < len(words):
        sys.exit("%s: opencc returned %d lines for %d words" % (who, len(out), len(words)))
    return out[:len(words)]


def write_blob(f, name, blob):
    """`alignas(16) const unsigned char NAME[] = "...";` in norm::data."""
    f.write("namespace norm::data {\nalignas(16) const unsigned char %s[] =\n" % name)
    for i in range(0, len(blob), 64):
        f.write('"' + "".join("\\%03o" % b for b in blob[i:i + 64]) + '"\n')
    f.write(";\n}  // namespace norm::data\n")
