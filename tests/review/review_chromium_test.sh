#!/usr/bin/env bash
# `norm review` in a real browser: the page of the five seeds plus a
# mojibake fixture (the seeds hold removals but few repairs) is rendered by
# headless Chromium (Debian's chromium); its self-test (review.html#selftest)
# counts the repair marks and removal strike-throughs that have a visible box.
# Every one the page holds must be visible, and there must be some of each.
# Usage: review_chromium_test.sh NORM CHROMIUM SOURCE_DIR SEEDS_DIR
set -euo pipefail
norm=$1 chromium=$2 source=$3 seeds=$4
# The seeds are Chinese: without a CJK font (scripts/setup.sh installs
# fonts-wqy-microhei) a person would see boxes where the text should be.
for lang in zh ja ko; do
  if [[ -z $(fc-list ":lang=$lang" family 2>/dev/null) ]]; then
    echo "no font for $lang: CJK renders as boxes (apt-get install fonts-wqy-microhei)" >&2
    exit 1
  fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inputs=("$source"/fixtures/mojibake/*/input.* "$source"/fixtures/html/*/input.html)
if [[ -d $seeds ]]; then inputs=("$seeds"/* "${inputs[@]}"); fi
status=0
"$norm" review -o "$tmp/review.html" "${inputs[@]}" 2>"$tmp/err" || status=$?
if ((status > 1)); then cat "$tmp/err" >&2; exit 1; fi
if grep -qE '<(script|img|iframe|video|audio|source)[^>]+src=|<link[^>]+href=|@import|url\(' \
  "$tmp/review.html"; then
  echo "review.html loads something from outside the page" >&2
  exit 1
fi
dom=$(timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
  --user-data-dir="$tmp/profile" --window-size=1400,1000 --virtual-time-budget=5000 \
  --dump-dom "file://$tmp/review.html#selftest" 2>/dev/null)
attr() { sed -n "s/.*<body[^>]* data-$1=\"\\([0-9]*\\)\".*/\\1/p" <<<"$dom" | head -n1; }
repairs=$(attr repairs) removals=$(attr removals)
visible_repairs=$(attr visible-repairs) visible_removals=$(attr visible-removals)
echo "repairs $visible_repairs/$repairs visible, removals $visible_removals/$removals visible"
[[ -n $repairs && -n $removals ]] || { echo "the page's self-test did not run" >&2; exit 1; }
((repairs > 0 && removals > 0)) || { echo "no repairs or no removals marked" >&2; exit 1; }
((visible_repairs == repairs && visible_removals == removals)) || exit 1
for s in "$seeds"/*; do
  grep -q "data-name=\"$s\"" <<<"$dom" || { echo "no section for $s" >&2; exit 1; }
done
echo "review page: ok"
