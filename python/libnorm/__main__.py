"""``python3 -m libnorm [OPTIONS] FILE...``: a small `norm`.

Normalizes each FILE (``-`` or none: stdin) and writes the output to stdout.
The options are the library's, from its one option table (``--to=text``,
``--from-code=GBK``, ``--steps=-boilerplate``...), plus ``--command`` and
``--stats`` (each Report as one JSON line on stderr). A rejected input
prints ``FILE: message at byte N`` on stderr; the exit status is then 1.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import List, Optional

import libnorm


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python3 -m libnorm",
                                description="Normalize damaged multilingual text (libnorm).")
    p.add_argument("files", nargs="*", metavar="FILE", help="input files; - or none: stdin")
    p.add_argument("--command", choices=[name for name, _ in libnorm.commands()],
                   help="run one of norm's commands instead of the whole pipeline")
    p.add_argument("--stats", action="store_true", help="print each Report as JSON on stderr")
    for name, arg, text in libnorm.options():
        dest = "opt_" + name.replace("-", "_")
        if arg:
            p.add_argument("--" + name, dest=dest, metavar=arg, help=text)
        else:
            p.add_argument("--" + name, dest=dest, action="store_true", help=text)
    return p


def main(argv: Optional[List[str]] = None) -> int:
    args = parser().parse_args(argv)
    options = {}
    for name, arg, _ in libnorm.options():
        value = getattr(args, "opt_" + name.replace("-", "_"))
        if arg and value is not None:
            options[name.replace("-", "_")] = value
        elif not arg and value:
            # A switch by its own name; the no- ones by their positive name.
            key = name[3:] if name.startswith("no-") else name
            options[key.replace("-", "_")] = not name.startswith("no-")
    if args.command:
        options["command"] = args.command
    try:
        normalizer = libnorm.Normalizer(**options)
    except (libnorm.Error, TypeError) as e:
        print(f"libnorm: {e}", file=sys.stderr)
        return 2
    status = 0
    for path in args.files or ["-"]:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError as e:
                print(f"libnorm: {path}: {e.strerror}", file=sys.stderr)
                status = 2
                continue
        try:
            result = normalizer.normalize(data)
        except libnorm.Error as e:
            print(f"libnorm: {path}: {e}", file=sys.stderr)
            status = max(status, 1)
            continue
        sys.stdout.write(result.text)
        if args.stats:
            print(json.dumps(result.report, ensure_ascii=False), file=sys.stderr)
    sys.stdout.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
