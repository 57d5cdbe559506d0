#!/usr/bin/env bash
# Copies every fixture input (fixtures/**/input.*) into DIR as a fuzz seed,
# named after its case, so the harnesses start from real documents.
# Usage: fuzz/seed-corpus.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: fuzz/seed-corpus.sh DIR}
mkdir -p "$dir"
find fixtures -type f -name 'input*' -print0 | while IFS= read -r -d '' f; do
  name=$(dirname "${f#fixtures/}" | tr '/' '_')
  cp "$f" "$dir/$name"
done
# A few hand-made shapes the fixtures may lack.
printf -- '---\ntitle: "x"\n---\n# h\n\n- a\n  - b\n\n> q\n\n| a | b |\n| - | - |\n| 1 | 2 |\n' \
  >"$dir/shape_markdown"
printf '<html><head><title>t</title></head><body><p>a <b>b</b> <a href="u">c</a></p><ul><li>x</li></ul><table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table></body></html>' \
  >"$dir/shape_html"
printf '\xd6\xd0\xce\xc4\xa3\xac\xc4\xe3\xba\xc3\n' >"$dir/shape_gbk"
