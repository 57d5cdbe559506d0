"""The Python binding: libnorm.normalize, normalize_batch, normalize_jsonl.

Run by ctest with Debian's /usr/bin/python3, PYTHONPATH set to the build's
python/ folder and NORM_CLI to the norm binary (the oracle)."""
import json
import os
import subprocess
import sys
import threading
import time
import unittest

import libnorm

NORM = os.environ["NORM_CLI"]


def cli(args, data):
    return subprocess.run([NORM] + args, input=data, capture_output=True, check=False)


class Binding(unittest.TestCase):
    def test_bytes_and_str_give_cli_output(self):
        doc = "Title\n=====\n\ncafé   au  lait\n\n\n* one\n* two\n"
        want = cli([], doc.encode()).stdout.decode()
        text, report = libnorm.normalize(doc.encode())
        self.assertEqual(text, want)
        self.assertEqual(libnorm.normalize(doc)[0], want)
        self.assertIsInstance(report, dict)
        self.assertEqual(report["decode"]["encoding"], "UTF-8")

    def test_options_are_cli_flags(self):
        gbk = "中文 *x*\n".encode("gbk")
        text, report = libnorm.normalize(gbk, from_code="GBK")
        self.assertEqual(text, cli(["--from-code=GBK"], gbk).stdout.decode())
        self.assertIn(report["decode"]["encoding"], ("GBK", "GB18030"))  # superset decoding
        html = b"<p>a<img src='x.png' alt='pic'></p>"
        self.assertEqual(libnorm.normalize(html, images=False)[0],
                         cli(["--no-images"], html).stdout.decode())
        with self.assertRaises(TypeError):
            libnorm.normalize(b"x", no_such_option=1)
        with self.assertRaises(TypeError):
            libnorm.normalize(b"x", output="/tmp/x")
        with self.assertRaises(libnorm.Error):
            libnorm.normalize(b"x", on_invalid="maybe")

    def test_commands_are_cli_commands(self):
        data = "caf\u00c3\u00a9 *x*\n".encode()
        for command in ("fix", "decode", "html2md"):
            self.assertEqual(libnorm.normalize(data, command=command)[0],
                             cli([command], data).stdout.decode(), command)
        text, report = libnorm.normalize(b"plain", command="detect")
        self.assertEqual((text, report["decode"]["source"]), ("", "utf8"))
        with self.assertRaises(libnorm.Error):
            libnorm.normalize(b"x", command="check")  # the CLI's own

    def test_rejection_raises_with_offset(self):
        with self.assertRaises(libnorm.Error) as ctx:
            libnorm.normalize(b"caf\xe9 ok", from_code="UTF-8", on_invalid="strict")
        self.assertIsInstance(ctx.exception, ValueError)
        self.assertEqual(ctx.exception.code, "invalid-input")
        self.assertEqual(ctx.exception.byte_offset, 3)

    def test_batch_keeps_order_and_reports_errors_in_place(self):
        docs = [f"doc {i}\n\n\n{'x' * i}  y\n".encode() for i in range(50)]
        docs[7] = b"bad \xe9"
        out = libnorm.normalize_batch(docs, threads=3, from_code="UTF-8", on_invalid="strict")
        self.assertEqual(len(out), 50)
        self.assertIsNone(out[7][0])
        self.assertEqual(out[7][1]["error"]["byte_offset"], 4)
        for i, (text, report) in enumerate(out):
            if i != 7:
                self.assertEqual(text, libnorm.normalize(docs[i])[0])
                self.assertNotIn("error", report)

    def test_batch_releases_the_gil(self):
        docs = ["<p>" + "word " * 4000 + "</p>"] * 200
        ticks = []
        stop = threading.Event()

        def ticker():
            while not stop.is_set():
                ticks.append(time.monotonic())
                time.sleep(0.001)

        t = threading.Thread(target=ticker)
        t.start()
        start = time.monotonic()
        libnorm.normalize_batch(docs, threads=2)
        elapsed = time.monotonic() - start
        stop.set()
        t.join()
        during = [x for x in ticks if start <= x <= start + elapsed]
        # With the GIL held the ticker could not run at all during the call.
        self.assertGreater(len(during), 5, f"{len(during)} ticks in {elapsed:.3f}s")

    def test_jsonl_matches_cli(self):
        lines = []
        for i in range(40):
            rec = {"id": i, "text": f"Record {i}\n\n\n<b>bold</b>   é", "meta": {"k": [i]}}
            lines.append(json.dumps(rec, ensure_ascii=i % 2 == 0))
        lines.insert(5, "{broken")
        data = ("\n".join(lines) + "\n").encode()
        want = cli(["--jsonl", "--report-key", "norm"], data)
        out, rejects = libnorm.normalize_jsonl(data.splitlines(), threads=2, report_key="norm")
        self.assertEqual(b"".join(x + b"\n" for x in out), want.stdout)
        self.assertEqual(rejects, [(5, "malformed JSON: expected a member name at byte 1")])
        with self.assertRaises(TypeError):
            libnorm.normalize(b"x", text_key="body")

    def test_normalizer_object(self):
        n = libnorm.Normalizer(nf="NFKC", steps="-boilerplate")
        docs = ["ｆｕｌｌ  width", "<p>ａ</p>"]
        want = [cli(["--nf=NFKC", "--steps=-boilerplate"], d.encode()).stdout.decode() for d in docs]
        self.assertEqual(n.normalize(docs[0])[0], want[0])
        self.assertEqual([t for t, _ in n.normalize_batch(docs)], want)


if __name__ == "__main__":
    unittest.main(verbosity=2)
