#!/usr/bin/env bash
# Whole-process comparison: `norm zh --zh=CONFIG` against `opencc -c CONFIG.json`
# on the same generated Simplified-Chinese file, alternating runs, with
# /usr/bin/time -v for wall time and peak RSS. Prints one line per run and the
# medians. Usage: bench/zh_vs_opencc.sh [SIZE_MB=20] [RUNS=3] [CONFIG=s2t]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-20} runs=${2:-3} config=${3:-s2t}
norm=${NORM:-build/tools/norm/norm}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 bench/gen_zh.py "$size" "$tmp/in.txt"
measure() {  # label, command...
  local label=$1; shift
  /usr/bin/time -v "$@" 2>"$tmp/time" >/dev/null
  local wall rss
  wall=$(awk -F': ' '/Elapsed/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tmp/time")
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$tmp/time")
  echo "$label wall_s=$wall peak_rss_kb=$rss"
}
for ((i = 0; i < runs; i++)); do
  measure opencc opencc -c "$config.json" -i "$tmp/in.txt" -o "$tmp/out.opencc"
  measure norm "$norm" zh --zh="$config" -o "$tmp/out.norm" "$tmp/in.txt"
done | tee "$tmp/runs"
for tool in opencc norm; do
  awk -v t="$tool" '$1 == t {split($2,w,"="); split($3,r,"="); print w[2], r[2]}' "$tmp/runs" |
    sort -n | awk -v t="$tool" '{w[NR]=$1; r[NR]=$2} END {m=int((NR+1)/2); print t, "median wall_s=" w[m], "peak_rss_kb=" r[m]}'
done
# Same bytes? (opencc converts in 1 MiB blocks, so a phrase cut by a block
# edge may differ; report the count of differing lines.)
echo "differing lines: $(diff "$tmp/out.opencc" "$tmp/out.norm" | grep -c '^<' || true)"
