#!/bin/bash
# Script-consistency evaluation of the zh stage (docs/accuracy.md, "Chinese
# script consistency"): builds the prose sets and scores a norm binary on them.
#
#   bench/zh_consistency_eval.sh prepare DATA CWCED GNE ROOTS
#   bench/zh_consistency_eval.sh run NORM DAMAGE DATA OUT
#
# prepare writes the sets into DATA (outside the repository):
#   CWCED    the Chinese Web Content Extraction Dataset (its cleaned/*.txt)
#   GNE      GeneralNewsExtractor (its 72 pages, */*.html)
#   ROOTS    roots holding the Debian packages' files, colon-separated, the
#            first that has a path wins: fortunes-zh, manpages-zh,
#            libreoffice-help-zh-tw, debian-reference-zh-tw, maint-guide-zh-tw
#            (`/` when installed; else `apt-get download` them and
#            `dpkg-deb -x` each into one directory: DIR:/). The zh_TW gettext
#            catalogues are read from /usr/share/locale.
# Sets: hans-all (real Simplified: CWCED, fortunes, zh_CN man pages; converted:
# OpenCC t2s of the LibreOffice help), hant-all (real Traditional: LibreOffice
# help, Debian reference, maint-guide, gettext; converted: the zh_TW man
# pages), split by line (MD5 of the line mod 10 < 3: held out); gne; the clean
# OpenCC conversions s2tw, s2twp, s2hk of hans-heldout and t2s of
# hant-heldout; hans-real and hant-real (the real parts alone: the cost files).
#
# run damages each set (norm-damage --kind zh-switch --seed 7), runs
# `NORM zh --format=text` on the damaged and the clean text, and prints one
# scorer line per set (bench/zh_consistency_score.py); everything it writes
# goes to OUT.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3

# The first of the roots (colon-separated) that holds PATH.
at() {
  local r
  IFS=: read -ra rs <<<"$roots"
  for r in "${rs[@]}"; do
    [ -e "$r$1" ] && { echo "$r$1"; return; }
  done
  echo "zh_consistency_eval: $1 not found under $roots" >&2
  exit 1
}

prepare() {
  local data=$1 cwced=$2 gne=$3
  roots=$4
  mkdir -p "$data"
  local prose="$py $here/zh_consistency_prose.py"
  local lo fortunes debref
  lo=$(at /usr/share/libreoffice/help/zh-TW)
  fortunes=$(at /usr/share/games/fortunes/tang300.u8)
  fortunes=${fortunes%/*}
  debref=$(at /usr/share/debian-reference/index.zh-tw.html)
  debref=${debref%/*}
  local mos=(/usr/share/locale/zh_TW/LC_MESSAGES/*.mo)
  $prose "$cwced/cleaned" "$fortunes"/{chinese,tang300,song100}.u8 \
    "$(at /usr/share/man/zh_CN)" >"$data/hans-real.txt"
  $prose "$lo" "$debref"/*.zh-tw.html "$(at /usr/share/doc/maint-guide-zh-tw/html)" \
    "${mos[@]}" >"$data/hant-real.txt"
  $prose "$lo" | opencc -c t2s.json >"$data/hans-conv.txt"
  $prose "$(at /usr/share/man/zh_TW)" >"$data/hant-conv.txt"
  find "$gne" -name '*.html' | sort | xargs $prose >"$data/gne.txt"
  cat "$data/hans-real.txt" "$data/hans-conv.txt" >"$data/hans-all.txt"
  cat "$data/hant-real.txt" "$data/hant-conv.txt" >"$data/hant-all.txt"
  for s in hans hant; do
    $py - "$data/$s-all.txt" "$data/$s-dev.txt" "$data/$s-heldout.txt" <<'EOF'
import hashlib, sys
src, dev, held = sys.argv[1:]
with open(src, encoding="utf-8") as f, open(dev, "w", encoding="utf-8") as d, \
        open(held, "w", encoding="utf-8") as h:
    for line in f:
        key = int(hashlib.md5(line.rstrip("\n").encode("utf-8")).hexdigest(), 16)
        (h if key % 10 < 3 else d).write(line)
EOF
  done
  for c in s2tw s2twp s2hk; do
    opencc -c $c.json -i "$data/hans-heldout.txt" -o "$data/$c.txt"
  done
  opencc -c t2s.json -i "$data/hant-heldout.txt" -o "$data/t2s.txt"
  wc -c "$data"/*.txt
}

run() {
  local norm=$1 damage=$2 data=$3 out=$4
  mkdir -p "$out"
  for s in hans-dev hans-heldout hant-dev hant-heldout gne; do
    "$damage" --kind zh-switch --seed 7 "$data/$s.txt" >"$out/$s.dmg"
    "$norm" zh --format=text "$out/$s.dmg" >"$out/$s.res"
    "$norm" zh --format=text "$data/$s.txt" >"$out/$s.clean"
    echo "$s damaged: $($py "$here/zh_consistency_score.py" "$data/$s.txt" "$out/$s.dmg" "$out/$s.res" | sed -n 1p)"
    echo "$s clean:   $($py "$here/zh_consistency_score.py" "$data/$s.txt" "$data/$s.txt" "$out/$s.clean" | sed -n 1p)"
  done
  for s in s2tw s2twp s2hk t2s; do
    "$norm" zh --format=text "$data/$s.txt" >"$out/$s.clean"
    echo "$s clean:   $($py "$here/zh_consistency_score.py" "$data/$s.txt" "$data/$s.txt" "$out/$s.clean" | sed -n 1p)"
  done
}

case ${1:-} in
  prepare) shift; prepare "$@" ;;
  run) shift; run "$@" ;;
  *) sed -n '2,25p' "$0"; exit 2 ;;
esac
