#!/usr/bin/env bash
# Installs the peer tools bench/compare.py measures norm against. Not needed
# for building or testing.
set -euo pipefail
sudo=""; [[ $(id -u) -ne 0 ]] && sudo=sudo
$sudo apt-get install -y -qq --no-install-recommends \
  libc-bin icu-devtools uchardet opencc pandoc python3-html2text hyperfine >/dev/null
