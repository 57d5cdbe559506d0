#!/usr/bin/env bash
# Rewrites fixtures/*/*/expected.* (and stderr, exit-status where a case has
# them) from the current build after an intended change. Review the diff (git diff fixtures/) before committing it.
# Usage: scripts/regen-fixtures.sh [AREA/CASE...]
set -euo pipefail
cd "$(dirname "$0")/.."
norm=${NORM:-build/tools/norm/norm}
[[ -x $norm ]] || { echo "regen-fixtures: build first (scripts/build.sh)" >&2; exit 2; }
cases=("$@")
if ((${#cases[@]} == 0)); then
  mapfile -t cases < <(find fixtures -mindepth 2 -type f -name 'expected.*' -printf '%h\n' | sed 's|^fixtures/||' | sort)
fi
for c in "${cases[@]}"; do
  dir=fixtures/$c
  input=$(find "$dir" -maxdepth 1 -name 'input*' | head -n1)
  expected=$(find "$dir" -maxdepth 1 -name 'expected*' | head -n1)
  expected=${expected:-$dir/expected.md}
  args=()
  if [[ -f $dir/args ]]; then
    while IFS= read -r line; do
      [[ -z $line || $line == \#* ]] && continue
      args+=("$line")
    done <"$dir/args"
  fi
  # A case pins stderr and a non-zero exit status only when it has the file.
  status=0
  "$norm" "${args[@]}" "$input" >"$expected" 2>"$dir/.stderr" || status=$?
  if [[ -f $dir/stderr ]]; then
    sed "s|$input|${input##*/}|g" "$dir/.stderr" >"$dir/stderr"
  fi
  rm -f "$dir/.stderr"
  if [[ -f $dir/exit-status ]]; then
    echo "$status" >"$dir/exit-status"
  elif ((status != 0)); then
    echo "regen-fixtures: $c: norm exited $status (add an exit-status file if meant)" >&2
    exit 1
  fi
  echo "regenerated $expected"
done
