#!/usr/bin/env bash
# Installs every Debian package libnorm needs to build, test and benchmark.
# Idempotent: packages already present are not touched, so a warm machine
# spends no time here. Needs root (or sudo) on Debian 12.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libicu-dev icu-devtools
  libopencc-dev opencc
  libuchardet-dev uchardet
  libxml2-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev libjemalloc-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  clang libclang-rt-14-dev
  python3 python3-jieba rime-essay sunpinyin-data unicode-data bzip2 time
  # Word lists the letter model learns Icelandic, Latvian, Albanian and Dutch
  # from (libnorm/data/gen_lang_model.py: the Essential packages' catalogues
  # miss them).
  hunspell-is hunspell-lv myspell-sq hunspell-nl
  webext-ublock-origin-firefox
  libchewing3-data
  pybind11-dev python3-dev python3-distributed parallel hyperfine
  python3-jsonschema python3-setuptools python3-pip python3-venv
  # The review page's browser test (tests/review/) and its screenshot in
  # docs/: without a CJK font, Chinese, Japanese and Korean text renders as
  # boxes on a fresh machine (WenQuanYi covers hanzi, kana and hangul;
  # fontconfig's fc-list lets the test check for it).
  chromium fonts-wqy-microhei fontconfig
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# --no-install-recommends: webext-ublock-origin-firefox would otherwise pull
# in a whole browser; we only read its EasyList files.
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
