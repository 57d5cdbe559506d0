#!/usr/bin/env bash
# Installs the peer tools bench/compare.py and bench/score_extraction.py
# measure norm against (python3-readability: readability-lxml; python3-lxml:
# the page-text yardstick of bench/real_pages.py; python3-wcwidth: what the
# fetched python-ftfy source, the peer of `norm fix`, imports). Not needed
# for building or testing.
set -euo pipefail
sudo=""; [[ $(id -u) -ne 0 ]] && sudo=sudo
$sudo apt-get install -y -qq --no-install-recommends \
  libc-bin icu-devtools uchardet opencc pandoc python3-html2text hyperfine \
  python3-lxml python3-readability python3-wcwidth >/dev/null
