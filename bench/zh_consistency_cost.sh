#!/bin/bash
# Whole-process cost of the zh stage's script consistency (docs/accuracy.md):
#   bench/zh_consistency_cost.sh NORM FILE [RUNS [COMMAND]]
# runs `NORM [COMMAND] --format=text FILE` with and without
# --no-zh-consistency RUNS times (default 5), alternating, and prints both
# medians and their ratio. COMMAND `zh` times the zh stage alone (norm zh:
# read, zh, write), none the whole default pipeline.
N=$1; F=$2; R=${3:-5}; C=${4:-}
on=(); off=()
for i in $(seq $R); do
  s=$(date +%s.%N); $N $C --format=text "$F" > /dev/null 2>&1; e=$(date +%s.%N); on+=($(echo "$e - $s" | bc))
  s=$(date +%s.%N); $N $C --format=text --no-zh-consistency "$F" > /dev/null 2>&1; e=$(date +%s.%N); off+=($(echo "$e - $s" | bc))
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
m1=$(med "${on[@]}"); m0=$(med "${off[@]}")
echo "$(basename $F): with $m1 s, without $m0 s, ratio $(echo "scale=3; $m1 / $m0" | bc)"
