#!/usr/bin/env bash
# Builds a clean real-text corpus (>= 10 MB, >= 15 languages) for the
# never-worse check of the repair filters (bench/clean_text_check.py):
# Debian's translated manual pages, fortune files and gettext catalogs.
#
#   bench/make_clean_text.sh OUT_DIR [MAX_BYTES_PER_LANGUAGE]
#
# Installs the packages it reads (as root, or with sudo); the corpus stays
# outside the repository.
set -euo pipefail
out=${1:?usage: make_clean_text.sh OUT_DIR}
langs="de fr ja zh pl ru cs da el es fi hu id it mk nb nl pt-br ro sr sv uk vi tr"
fortunes="bg br cs de es it pl ru zh ga eo"
pkgs="iso-codes coreutils dpkg apt bash tar sed grep findutils diffutils"
for l in $langs; do pkgs="$pkgs manpages-$l"; done
for f in $fortunes; do pkgs="$pkgs fortunes-$f"; done
missing=$(dpkg-query -W -f='${Package} ${Status}\n' $pkgs 2>/dev/null |
  awk '$NF != "installed" {print $1}')
for p in $pkgs; do dpkg-query -W "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "${missing// /}" ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y --no-install-recommends $missing
fi
/usr/bin/python3 "$(dirname "$0")/clean_text_extract.py" "$out" "${2:-800000}"
