#!/usr/bin/env bash
# GNU parallel --pipe over `norm --jsonl` (and -z) must give the same bytes
# as one `norm` process: the docs/scale-out.md recipe, run small.
# Usage: gnu_parallel_test.sh NORM_BINARY
set -euo pipefail
norm=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 2000 JSONL records, about 1 MB, with escapes, non-ASCII and extra members.
awk 'BEGIN {
  split("alpha|caf\\u00e9|中文|<b>bold</b>|a  b|Ωμέγα|\\t|x\\\\y|\\\"q\\\"", w, "|");
  srand(5);
  for (i = 0; i < 2000; i++) {
    t = "";
    n = 5 + int(rand() * 60);
    for (k = 0; k < n; k++) t = t w[1 + int(rand() * 9)] (rand() < 0.1 ? "\\n\\n\\n" : " ");
    printf "{\"id\":%d, \"text\":\"%s\",\"meta\":{\"k\":[%d,null]}}\n", i, t, i;
  }
}' >"$tmp/corpus.jsonl"

"$norm" --jsonl "$tmp/corpus.jsonl" >"$tmp/want"
parallel --will-cite --pipe --keep-order --block 64k -j2 "$norm" --jsonl \
  <"$tmp/corpus.jsonl" >"$tmp/got"
test "$(wc -l <"$tmp/want")" -eq 2000
cmp "$tmp/want" "$tmp/got"

# NUL-separated records: --recend '\0' keeps records whole.
tr '\n' '\0' <"$tmp/corpus.jsonl" >"$tmp/corpus.z"
"$norm" -z "$tmp/corpus.z" >"$tmp/want.z"
parallel --will-cite --pipe --keep-order --recend '\0' --block 64k -j2 "$norm" -z \
  <"$tmp/corpus.z" >"$tmp/got.z"
cmp "$tmp/want.z" "$tmp/got.z"
echo "gnu parallel: 1 passed, 0 failed"
