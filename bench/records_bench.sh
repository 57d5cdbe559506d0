#!/usr/bin/env bash
# Batch and record throughput of the `norm` binary (docs/performance.md,
# section "Records, batches and threads"). Whole-process comparisons with
# hyperfine; peers measured in the same run. Usage:
#   bench/records_bench.sh [NORM] [DOCS] [RSS_MB]
# NORM defaults to build/tools/norm/norm, DOCS (corpus size) to 2000, RSS_MB
# (size of the streamed JSONL for the memory check; 0 skips it) to 1024.
set -euo pipefail
norm=$(realpath "${1:-build/tools/norm/norm}")
docs=${2:-2000}
rss_mb=${3:-1024}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Many documents, 2-12 KB each: mixed-language prose with damage to repair
# (runs of spaces, excess blank lines, full-width letters), some as HTML.
/usr/bin/python3 - "$tmp" "$docs" <<'PY'
import json, os, random, sys
out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(3)
words = ("the quick brown fox jumps over a lazy dog while 中文 文本 需要 正規化 "
         "Ελληνικά κείμενα καθαρά café naïve résumé ｆｕｌｌ ＷＩＤＴＨ").split()
os.makedirs(f"{out}/docs", exist_ok=True)
with open(f"{out}/corpus.jsonl", "w", encoding="utf-8") as jl:
    for i in range(n):
        paras = []
        for _ in range(rng.randrange(4, 24)):
            s = " ".join(rng.choice(words) for _ in range(rng.randrange(20, 80)))
            paras.append(s.replace(" a ", "   a  ") + ".")
        html = i % 4 == 0
        text = ("<html><body>" + "".join(f"<p>{p}</p>" for p in paras) + "</body></html>"
                if html else "\n\n\n".join(paras) + "\n")
        name = f"{out}/docs/{i // 100:03d}/doc{i:05d}." + ("html" if html else "txt")
        os.makedirs(os.path.dirname(name), exist_ok=True)
        with open(name, "w", encoding="utf-8") as f:
            f.write(text)
        jl.write(json.dumps({"id": i, "text": text, "url": f"https://example.org/{i}"},
                            ensure_ascii=False) + "\n")
PY
echo "corpus: $docs documents, $(du -sb "$tmp/docs" | cut -f1) bytes as files," \
     "$(stat -c %s "$tmp/corpus.jsonl") bytes as JSONL"

hyperfine --warmup 1 --runs 5 --export-json "$tmp/threads.json" \
  -n "j1" "$norm -r -j 1 $tmp/docs" \
  -n "j2" "$norm -r -j 2 $tmp/docs" >/dev/null
hyperfine --warmup 1 --runs 5 --export-json "$tmp/jsonl.json" \
  -n "whole files" "$norm -r -j 1 $tmp/docs" \
  -n "jsonl" "$norm --jsonl -j 1 $tmp/corpus.jsonl" \
  -n "jsonl-j2" "$norm --jsonl -j 2 $tmp/corpus.jsonl" >/dev/null
/usr/bin/python3 - "$tmp/threads.json" "$tmp/jsonl.json" <<'PY'
import json, sys
for path in sys.argv[1:]:
    res = json.load(open(path))["results"]
    base = res[0]["median"]
    for r in res:
        print(f"{r['command']:>14}: median {r['median']:.3f} s  "
              f"(min {r['min']:.3f}, max {r['max']:.3f}, {len(r['times'])} runs)  "
              f"ratio to '{res[0]['command']}': {r['median'] / base:.3f}")
PY

if [[ $rss_mb -gt 0 ]]; then
  # Streamed memory: repeat the corpus up to RSS_MB MB and record peak RSS.
  big=$tmp/big.jsonl
  while [[ $(stat -c %s "$big" 2>/dev/null || echo 0) -lt $((rss_mb * 1000000)) ]]; do
    cat "$tmp/corpus.jsonl" >>"$big"
  done
  /usr/bin/time -v "$norm" --jsonl -j 2 "$big" 2>"$tmp/time.txt" >/dev/null
  echo "streamed $(stat -c %s "$big") bytes of JSONL with -j 2:" \
       "$(grep -E 'Maximum resident' "$tmp/time.txt" | sed 's/^\s*//')," \
       "$(grep -E 'Elapsed' "$tmp/time.txt" | sed 's/^\s*//')"
fi
