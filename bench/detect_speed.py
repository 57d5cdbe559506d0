#!/usr/bin/python3
"""Detection speed: N small files (cuts of 200 B - 4 kB of a labelled corpus)
detected in one `norm detect` call and in one `uchardet` call, each run
REPEAT times in turn; prints the median files/s of both and their ratio.
Also times one small file per process (start-up included).

Usage: bench/detect_speed.py CORPUS --norm build/tools/norm/norm [--files 600]
"""
import argparse
import os
import random
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
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - t0

    norm_t, ud_t, norm_one, ud_one = [], [], [], []
    for _ in range(args.repeat):
        norm_t.append(timed([args.norm, "detect"] + paths))
        ud_t.append(timed([args.uchardet] + paths))
        norm_one.append(timed([args.norm, "detect", paths[0]]))
        ud_one.append(timed([args.uchardet, paths[0]]))
    n, u = statistics.median(norm_t), statistics.median(ud_t)
    print("%d small files in one call: norm %.0f files/s, uchardet %.0f files/s, ratio %.2fx"
          % (len(paths), len(paths) / n, len(paths) / u, u / n))
    print("one small file per process: norm %.1f ms, uchardet %.1f ms"
          % (1000 * statistics.median(norm_one), 1000 * statistics.median(ud_one)))
    for p in paths:
        os.unlink(p)
    os.rmdir(tmp)


if __name__ == "__main__":
    main()
