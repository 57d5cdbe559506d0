#!/usr/bin/env bash
# Builds realign's evaluation sets from real Chinese prose outside the repo:
#   OUT/prose/*.txt          clean paragraphs (bench/zh_prose.py)
#   OUT/{tune,heldout}/SET/  004-style damaged documents (scripts/cjk_damage.py --doc)
# Sources: Simplified news (immortal-autumn+Chinese-Web-Content-Extraction-Dataset
# cleaned/), native Traditional blogs (chardet's Big5 test files, readability's
# pixnet page), Traditional news made from the Simplified news with OpenCC s2twp
# (derived text: no native Traditional news corpus is at hand), and Debian's
# manpages-zh and fortunes-zh for the clean-text check. The paragraphs of each
# source are split by position: the first 55% feed `tune`, the rest `heldout`
# (different documents, different random seeds). Score with bench/score_realign.py.
# Usage: bench/realign_sets.sh CORPORA_DIR OUT_DIR
set -euo pipefail
corpora=${1:?corpora dir}
out=${2:?out dir}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
mkdir -p "$out/prose"
p=$out/prose
$py "$here/zh_prose.py" "$corpora/immortal-autumn+Chinese-Web-Content-Extraction-Dataset/cleaned" >"$p/hans-news.txt"
$py "$here/zh_prose.py" "$corpora/chardet+chardet/tests/Big5" \
  "$corpora/mozilla+readability/test/test-pages/pixnet/expected.html" >"$p/hant-native.txt"
opencc -c s2twp.json -i "$p/hans-news.txt" -o "$p/hant-news.txt"
$py "$here/zh_prose.py" /usr/share/man/zh_CN >"$p/hans-man.txt"
$py "$here/zh_prose.py" /usr/share/man/zh_TW >"$p/hant-man.txt"
$py "$here/zh_prose.py" /usr/share/games/fortunes/chinese /usr/share/games/fortunes/tang300 \
  /usr/share/games/fortunes/song100 >"$p/hans-fortunes.txt"
$py "$here/zh_prose.py" "$corpora/chardet+chardet/tests/GB2312" >"$p/hans-gb2312.txt"

split() {  # FILE -> FILE.tune FILE.heldout
  local n
  n=$(wc -l <"$1")
  head -n $((n * 55 / 100)) "$1" >"$1.tune"
  tail -n +$((n * 55 / 100 + 1)) "$1" >"$1.heldout"
}
for s in hans-news hant-native hant-news; do split "$p/$s.txt"; done

damage() {  # PART SET CODEC SOURCE DOCS PARAS
  $py "$here/../scripts/cjk_damage.py" --doc "$out/$1/$2" --codec "$3" --docs "$5" \
    --paras-per-doc "$6" --punct --related --seed "$1" --prefix "$2-" "$p/$4.txt.$1"
}
for part in tune heldout; do
  damage $part hans-gbk gbk hans-news 12 6
  damage $part hant-gbk gbk hant-news 12 6
  damage $part hant-big5 big5 hant-news 12 6
  damage $part hant-native-big5 big5 hant-native 8 6
done
