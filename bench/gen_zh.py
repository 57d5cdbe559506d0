#!/usr/bin/python3
"""Writes a deterministic Simplified-Chinese Markdown-free text of about SIZE
bytes for the zh benchmarks: jieba's dictionary words drawn by frequency,
joined into sentences with full-width punctuation, some ASCII and numbers,
paragraphs separated by blank lines.

usage: gen_zh.py SIZE_MB OUT [DICT]
"""
import bisect
import random
import sys

size = int(float(sys.argv[1]) * 1024 * 1024)
out = sys.argv[2]
dict_path = sys.argv[3] if len(sys.argv) > 3 else "/usr/lib/python3/dist-packages/jieba/dict.txt"

words, cum = [], []
total = 0
with open(dict_path, encoding="utf-8") as f:
    for line in f:
        parts = line.split()
        if len(parts) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in parts[0]):
            continue
        total += int(parts[1])
        words.append(parts[0])
        cum.append(total)

rng = random.Random(20261122)
ascii_words = ["OpenCC", "Unicode", "GPU", "AI", "2026", "3.5", "iPhone", "USB-C", "Linux"]
clause = ["，", "，", "，", "、", "；", "："]
ends = ["。", "。", "。", "！", "？"]
written = 0
with open(out, "w", encoding="utf-8") as f:
    while written < size:
        para = []
        for _ in range(rng.randint(2, 6)):
            sent = []
            for _ in range(rng.randint(1, 4)):
                n = rng.randint(3, 9)
                ws = []
                for _ in range(n):
                    if rng.random() < 0.03:
                        ws.append(" " + rng.choice(ascii_words) + " ")
                    else:
                        ws.append(words[bisect.bisect_left(cum, rng.random() * total)])
                sent.append("".join(ws))
            para.append(rng.choice(clause).join(sent) + rng.choice(ends))
        text = "".join(para) + "\n\n"
        f.write(text)
        written += len(text.encode("utf-8"))
