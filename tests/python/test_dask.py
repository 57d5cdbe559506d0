"""A real Dask distributed run (Debian's python3-distributed): a LocalCluster
of two worker processes bound to 127.0.0.1 normalizes a generated JSONL
corpus with the binding; its output must equal `norm --jsonl`'s byte for
byte. This is the docs/scale-out.md recipe, run small and bounded in time."""
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import unittest

import libnorm  # noqa: F401  (fail early if the binding is missing)

NORM = os.environ["NORM_CLI"]


def make_corpus(directory, files=4, records=150):
    rng = random.Random(11)
    words = ["alpha", "café", "中文", "naïve", "<b>bold</b>", "&amp;", "ｆｕｌｌ", "  ", "\t", "Ωμέγα"]
    paths = []
    n = 0
    for f in range(files):
        path = os.path.join(directory, f"part-{f:03d}.jsonl")
        with open(path, "w", encoding="utf-8") as out:
            for _ in range(records):
                paras = ["".join(rng.choice(words) + " " for _ in range(rng.randrange(1, 30)))
                         for _ in range(rng.randrange(1, 4))]
                rec = {"id": n, "text": "\n\n\n".join(paras), "lang": "und", "n": [n, 1.5]}
                out.write(json.dumps(rec, ensure_ascii=rng.random() < 0.5) + "\n")
                n += 1
            if f == 2:
                out.write('{"id": "broken", "text": \n')  # one malformed record
        paths.append(path)
    return paths


def normalize_partition(lines):
    import libnorm
    out, rejects = libnorm.normalize_jsonl([line.encode("utf-8") for line in lines])
    return [o.decode("utf-8") for o in out]


class DaskLocalCluster(unittest.TestCase):
    def test_equals_norm_jsonl(self):
        import dask.bag as db
        from distributed import Client, LocalCluster

        with tempfile.TemporaryDirectory() as tmp:
            paths = make_corpus(tmp)
            with open(os.path.join(tmp, "all.jsonl"), "wb") as out:
                for p in paths:
                    with open(p, "rb") as f:
                        out.write(f.read())
            want = subprocess.run([NORM, "--jsonl", os.path.join(tmp, "all.jsonl")],
                                  capture_output=True, check=False)
            self.assertEqual(want.returncode, 1, want.stderr)  # the malformed record
            self.assertEqual(want.stdout.count(b"\n"), 600)

            start = time.monotonic()
            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                              host="127.0.0.1", dashboard_address=None,
                              local_directory=tmp) as cluster, Client(cluster) as client:
                bag = db.read_text(paths, encoding="utf-8")
                lines = bag.map_partitions(normalize_partition).compute()
                self.assertEqual(len(client.scheduler_info()["workers"]), 2)
            got = "".join(line + "\n" for line in lines).encode("utf-8")
            self.assertEqual(got, want.stdout)
            self.assertLess(time.monotonic() - start, 180)


if __name__ == "__main__":
    unittest.main(verbosity=2)
