#!/usr/bin/python3
"""Detection speed: N small files (cuts of 200 B - 4 kB of a labelled corpus)
detected in one `norm detect` call and in one `uchardet` call, each run
REPEAT times in turn; prints the median files/s of both and their ratio, in
wall time and in CPU time (user + system of the child: steadier on a shared
machine). Also times one small file per process (start-up included).

Usage: bench/detect_speed.py CORPUS --norm build/tools/norm/norm [--files 600]
"""
import argparse
import os
import random
import resource
import statistics
import subprocess
import tempfile
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--norm", required=True)
    ap.add_argument("--uchardet", default="uchardet")
    ap.add_argument("--files", type=int, default=600)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    sources = []
    for root, _, names in os.walk(args.corpus):
        sources += [os.path.join(root, n) for n in sorted(names)]
    sources.sort()
    rng = random.Random(600)
    tmp = tempfile.mkdtemp(prefix="detect_speed.")
    paths = []
    for i in range(args.files):
        data = open(rng.choice(sources), "rb").read()
        size = min(len(data), int(200 * 20 ** rng.random()))
        start = rng.randrange(0, max(1, len(data) - size))
        p = os.path.join(tmp, "f%04d.txt" % i)
        with open(p, "wb") as f:
            f.write(data[start:start + size])
        paths.append(p)

    def timed(cmd):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        return wall, cpu

    runs = {"norm": [], "uchardet": [], "norm1": [], "uchardet1": []}
    for _ in range(args.repeat):
        runs["norm"].append(timed([args.norm, "detect"] + paths))
        runs["uchardet"].append(timed([args.uchardet] + paths))
        runs["norm1"].append(timed([args.norm, "detect", paths[0]]))
        runs["uchardet1"].append(timed([args.uchardet, paths[0]]))

    def med(name, i):
        return statistics.median(r[i] for r in runs[name])

    for i, what in ((0, "wall"), (1, "CPU")):
        n, u = med("norm", i), med("uchardet", i)
        print("%d small files in one call (%s): norm %.0f files/s, uchardet %.0f files/s, "
              "ratio %.2fx" % (len(paths), what, len(paths) / n, len(paths) / u, u / n))
        print("one small file per process (%s): norm %.1f ms, uchardet %.1f ms"
              % (what, 1000 * med("norm1", i), 1000 * med("uchardet1", i)))
    for p in paths:
        os.unlink(p)
    os.rmdir(tmp)


if __name__ == "__main__":
    main()
