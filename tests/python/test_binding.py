"""The Python package: libnorm.normalize, normalize_batch, normalize_jsonl,
python3 -m libnorm.

Run by ctest with Debian's /usr/bin/python3, PYTHONPATH set to the build's
python/ folder and NORM_CLI to the norm binary (the oracle); and by
scripts/test.sh against the module pip installed into a fresh venv
(LIBNORM_EXPECT_PREFIX: the venv, where the module must come from)."""
import json
import os
import subprocess
import sys
import tempfile
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

    def test_result_has_text_report_encoding(self):
        r = libnorm.normalize("中文 *x*\n".encode("gbk"))
        self.assertIsInstance(r, libnorm.Result)
        self.assertEqual(r.text, "中文 *x*\n")
        self.assertIn(r.encoding, ("GBK", "GB18030"))
        self.assertEqual(r.encoding, r.report["decode"]["encoding"])
        self.assertIsNone(r.error)
        bad = libnorm.normalize_batch([b"ok", b"bad \xe9"], from_code="UTF-8",
                                      on_invalid="strict")[1]
        self.assertIsNone(bad.text)
        self.assertEqual(bad.error["byte_offset"], 4)

    def test_to_text_and_json(self):
        page = b"<h1>Head</h1><p>A <a href='https://x.y/'>link</a> and <em>more</em>.</p>"
        for to in ("text", "json"):
            self.assertEqual(libnorm.normalize(page, to=to).text,
                             cli(["--to=" + to], page).stdout.decode(), to)
        doc = json.loads(libnorm.normalize(page, to="json").text)
        self.assertEqual(doc["links"][0]["url"], "https://x.y/")
        with self.assertRaises(libnorm.Error):
            libnorm.normalize(b"x", to="yaml")

    def test_options_come_from_the_one_table(self):
        names = [name for name, _, _ in libnorm.options()]
        self.assertIn("to", names)
        self.assertIn("from-code", names)
        help_text = cli(["--help"], b"").stdout.decode()
        for name in names:
            self.assertIn("--" + name, help_text, name)
        self.assertIn("fix", [name for name, _ in libnorm.commands()])

    def test_jsonl_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            src, dst = os.path.join(tmp, "in.jsonl"), os.path.join(tmp, "out.jsonl")
            lines = [json.dumps({"id": i, "text": f"<p>rec {i}</p>"}) for i in range(25)]
            lines[3] = "{broken"
            with open(src, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            summary = libnorm.normalize_jsonl(src, dst, threads=2, chunk=10)
            self.assertEqual((summary.records, summary.written), (25, 24))
            self.assertEqual([n for n, _ in summary.rejects], [4])
            with open(src, "rb") as f:
                want = cli(["--jsonl"], f.read()).stdout
            with open(dst, "rb") as f:
                self.assertEqual(f.read(), want)

    def test_module_cli(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "page.html")
            with open(path, "wb") as f:
                f.write("<p>中文 <b>x</b></p>".encode("gbk"))
            got = subprocess.run([sys.executable, "-m", "libnorm", "--to=text", "--from-code=GBK",
                                  path], capture_output=True, check=False)
            self.assertEqual(got.returncode, 0, got.stderr)
            self.assertEqual(got.stdout, cli(["--to=text", "--from-code=GBK", path], b"").stdout)
            bad = os.path.join(tmp, "bad.txt")
            with open(bad, "wb") as f:
                f.write(b"caf\xe9")
            got = subprocess.run([sys.executable, "-m", "libnorm", "--from-code=UTF-8",
                                  "--on-invalid=strict", bad], capture_output=True, check=False)
            self.assertEqual(got.returncode, 1)
            self.assertIn(b"at byte 3", got.stderr)

    def test_installed_where_expected(self):
        prefix = os.environ.get("LIBNORM_EXPECT_PREFIX")
        if not prefix:
            self.skipTest("run from the build tree")
        self.assertTrue(os.path.realpath(libnorm.__file__).startswith(os.path.realpath(prefix)),
                        libnorm.__file__)
        stubs = os.path.join(os.path.dirname(libnorm.__file__), "_libnorm.pyi")
        self.assertTrue(os.path.exists(stubs))

    def test_normalizer_object(self):
        n = libnorm.Normalizer(nf="NFKC", steps="-boilerplate")
        docs = ["ｆｕｌｌ  width", "<p>ａ</p>"]
        want = [cli(["--nf=NFKC", "--steps=-boilerplate"], d.encode()).stdout.decode() for d in docs]
        self.assertEqual(n.normalize(docs[0])[0], want[0])
        self.assertEqual([t for t, _ in n.normalize_batch(docs)], want)


if __name__ == "__main__":
    unittest.main(verbosity=2)
