"""--to=text and --to=json on real inputs: the seeds (../shared/seeds, when
present) and every fixture input. Text has no Markdown syntax and no
backslash escapes; JSON validates against docs/output.schema.json and its
offsets point into its text.

Run by ctest: /usr/bin/python3 test_to_text_json.py NORM SOURCE_DIR SEEDS_DIR
(needs Debian's python3-jsonschema; scripts/setup.sh installs it)."""
import glob
import json
import os
import re
import subprocess
import sys
import unittest

import jsonschema

NORM, SOURCE, SEEDS = sys.argv[1:4]
del sys.argv[1:4]
# Fixtures nest lists and quotes 100 deep (the reader's limit); jsonschema
# validates recursively, a few frames per level.
sys.setrecursionlimit(20000)

# What Markdown writes as syntax, and never plain text: a backslash before
# ASCII punctuation, block markers at a line's start, inline delimiters.
MARKDOWN = [
    ("backslash escape", re.compile(r"\\[!-/:-@\[-`{-~]")),
    ("heading marker", re.compile(r"^#{1,6}(?: |$)", re.M)),
    ("bullet", re.compile(r"^\s*[-*+] ", re.M)),
    ("ordered-list marker", re.compile(r"^\s*\d{1,9}[.)] ", re.M)),
    ("quote marker", re.compile(r"^\s*> ", re.M)),
    ("code fence", re.compile(r"^\s*(?:```|~~~)", re.M)),
    ("table row", re.compile(r"^\|.*\|$", re.M)),
    ("table delimiter row", re.compile(r"^\|?\s*:?-{3,}:?\s*\|", re.M)),
    ("thematic break or front matter", re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$", re.M)),
    ("link or image", re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")),
    ("autolink", re.compile(r"<(?:https?|mailto):[^>\s]*>")),
    ("strong or emphasis", re.compile(r"\*\*\S|\S\*\*|__\S|\S__")),
    ("strikethrough", re.compile(r"~~\S")),
    ("code span", re.compile(r"`[^`\n]+`")),
]


def markdown_in(text):
    found = []
    for name, pattern in MARKDOWN:
        m = pattern.search(text)
        if m:
            found.append((name, m.group(0)))
    return found


def inputs():
    seeds = sorted(glob.glob(os.path.join(SEEDS, "*"))) if os.path.isdir(SEEDS) else []
    fixtures = sorted(glob.glob(os.path.join(SOURCE, "fixtures", "*", "*", "input.*")))
    return seeds, fixtures


def norm(args, path):
    r = subprocess.run([NORM] + args + [path], capture_output=True, check=False)
    return r.returncode, r.stdout


def fixture_args(path):
    args_file = os.path.join(os.path.dirname(path), "args")
    if not os.path.exists(args_file):
        return []
    with open(args_file, encoding="utf-8") as f:
        return f.read().split()


class Output(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(SOURCE, "docs", "output.schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        cls.validator = jsonschema.Draft202012Validator(schema)
        cls.seeds, cls.fixtures = inputs()

    def test_seeds_are_present(self):
        if not os.path.isdir(SEEDS):
            self.skipTest(SEEDS + " absent")
        self.assertEqual(len(self.seeds), 5)

    def test_seed_text_has_no_markdown(self):
        for seed in self.seeds:
            code, out = norm(["--to=text"], seed)
            self.assertEqual(code, 0, seed)
            text = out.decode("utf-8")
            self.assertGreater(len(text), 200, seed)
            self.assertEqual(markdown_in(text), [], seed)

    def test_the_checker_finds_markdown(self):
        # The check above can fail: the Markdown of the same seeds has syntax.
        for seed in self.seeds:
            code, out = norm([], seed)
            self.assertEqual(code, 0, seed)
            self.assertNotEqual(markdown_in(out.decode("utf-8")), [], seed)

    def check_json(self, path, args):
        code, out = norm(args + ["--to=json"], path)
        if code != 0:
            return None  # rejected inputs (fixtures of errors) write nothing
        self.assertTrue(out.endswith(b"\n") and out.count(b"\n") == 1, path)
        doc = json.loads(out)
        errors = [e.message for e in self.validator.iter_errors(doc)]
        self.assertEqual(errors, [], path)
        # The text is --to=text's, and every offset points into it.
        code, text = norm(args + ["--to=text"], path)
        self.assertEqual(doc["text"].encode("utf-8"), text, path)
        raw = text

        def walk(blocks, lo, hi):
            last = lo
            for b in blocks:
                self.assertTrue(last <= b["start"] < b["end"] <= hi, (path, b))
                for end in (b["start"], b["end"]):  # on character boundaries
                    self.assertTrue(end == len(raw) or (raw[end] & 0xC0) != 0x80, (path, b))
                last = b["end"]
                for key in ("items", "blocks"):
                    if key in b:
                        walk(b[key], b["start"], b["end"])
        walk(doc["blocks"], 0, len(raw))
        for link in doc["links"]:
            self.assertTrue(0 <= link["start"] < link["end"] <= len(raw), (path, link))
        return doc

    def test_seed_json_validates(self):
        for seed in self.seeds:
            doc = self.check_json(seed, [])
            self.assertIsNotNone(doc, seed)
            self.assertIn("lang", doc["metadata"], seed)
            self.assertTrue(doc["blocks"], seed)

    def test_fixture_json_validates(self):
        checked = 0
        for path in self.fixtures:
            if self.check_json(path, fixture_args(path)) is not None:
                checked += 1
        self.assertGreater(checked, 50)


if __name__ == "__main__":
    unittest.main(verbosity=2)
