#!/usr/bin/env bash
# README command 1: install what is missing, build, and normalize the bundled
# sample (a GBK news page with navigation, ads, share links and mojibake).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh >/dev/null
exec build/tools/norm/norm --explain fixtures/sample/gbk-article/input.html
