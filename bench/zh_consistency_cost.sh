#!/bin/bash
# Cost of the zh stage's script consistency (docs/accuracy.md):
#   bench/zh_consistency_cost.sh NORM FILE [RUNS [COMMAND]]
# runs `NORM [COMMAND] --format=text FILE` with and without
# --no-zh-consistency RUNS times (default 5), alternating, and prints both
# medians and their ratio, in CPU milliseconds (perf stat's task-clock: on a
# shared machine wall time mostly measures the other processes). COMMAND `zh`
# times the zh stage alone (norm zh: read, zh, write), none the whole
# default pipeline.
N=$1; F=$2; R=${3:-5}; C=${4:-}
cpu() { perf stat -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ {print $1}'; }
on=(); off=()
for i in $(seq $R); do
  on+=($(cpu $N $C --format=text "$F"))
  off+=($(cpu $N $C --format=text --no-zh-consistency "$F"))
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
m1=$(med "${on[@]}"); m0=$(med "${off[@]}")
echo "$(basename $F): with $m1 ms, without $m0 ms, difference $(echo "$m1 - $m0" | bc) ms, ratio $(echo "scale=3; $m1 / $m0" | bc)"
