#!/usr/bin/python3
"""Extracts clean real text, one line per text line, from installed Debian
packages: translated manual pages (/usr/share/man/LANG), fortune files
(/usr/share/games/fortunes) and gettext catalogs (/usr/share/locale, the
translations only). Called by bench/make_clean_text.sh, which installs the
packages first.

  /usr/bin/python3 bench/clean_text_extract.py OUT_DIR [MAX_BYTES_PER_LANGUAGE]

Writes OUT_DIR/LANG.txt for every language found: the distinct lines that
hold at least one non-ASCII character (ASCII lines cannot exercise the
repair filters), in a stable order; a language with more than
MAX_BYTES_PER_LANGUAGE (default 800,000) keeps an even sample of its lines. Files that are not valid UTF-8 are
skipped and listed: this corpus must be text that is known to be clean.
Lines of sources that hold real damage (KNOWN_DAMAGED, found by reviewing
every line the filters changed) and lines with C1 control characters go to
OUT_DIR/damaged/LANG.txt instead.
"""
import fnmatch
import gettext
import glob
import gzip
import os
import re
import sys

MAN_ESCAPES = {
    "em": "\u2014", "en": "\u2013", "aq": "'", "dq": '"', "lq": "\u201c", "rq": "\u201d",
    "oq": "\u2018", "cq": "\u2019", "bu": "\u2022", "co": "\u00a9", "rg": "\u00ae",
    "tm": "\u2122", "hy": "-", "mi": "-", "pl": "+", "<=": "\u2264", ">=": "\u2265",
    "ti": "~", "ha": "^", "rs": "\\", "dg": "\u2020", "Fo": "\u00ab", "Fc": "\u00bb",
    "fo": "\u2039", "fc": "\u203a", "ga": "`", "aa": "\u00b4", "de": "\u00b0", "mu": "\u00d7",
}
ESCAPE_RE = re.compile(r"\\(\(..|\[[^\]]*\]|f.|[*n]\(..|[*n]\[[^\]]*\]|[*n].|s[-+]?\d|.)")


# Sources found (by reading every line the repair filters changed) to hold
# real mojibake or C1 control characters: their lines go to
# OUT_DIR/damaged/ instead, as real damage, not as clean text.
KNOWN_DAMAGED = [
    ("/usr/share/man/es/man1/fakeroot*", "UTF-8 read as Latin-1 throughout"),
    ("/usr/share/man/es/man1/faked*", "UTF-8 read as Latin-1 throughout"),
    ("/usr/share/man/it/man7/*8859*1.7.gz", "altresÃ¬: UTF-8 read as Latin-1"),
    ("/usr/share/man/it/man7/latin1.7.gz", "altresÃ¬: UTF-8 read as Latin-1"),
    ("/usr/share/man/sv/man1/ps.1.gz", "C1 controls of a UTF-8 em dash read as Latin-1"),
    ("/usr/share/man/uk/man1/pslog.1.gz", "’ followed by the C1 controls U+0080 U+0099"),
    ("/usr/share/locale/ast/LC_MESSAGES/sed.mo", "guiÃ³n: UTF-8 read as Latin-1"),
    ("/usr/share/locale/nb/LC_MESSAGES/tar.mo", "vÃ¦re: UTF-8 read as Latin-1"),
    ("/usr/share/games/fortunes*/luke", "PapeÃ±a, CÃ©line: UTF-8 read as Latin-1"),
    ("/usr/share/games/fortunes*/italia", "CarrÃ mba: UTF-8 read as Latin-1"),
    ("/usr/share/games/fortunes*/paolotedeschi", "90Â°: UTF-8 read as Latin-1"),
    ("/usr/share/games/fortunes*/zuse", "giÃ¹, FranÃ§ois: UTF-8 read as Latin-1"),
]


def known_damage(path):
    return next((why for pat, why in KNOWN_DAMAGED if fnmatch.fnmatch(path, pat)), None)


def man_line(line):
    def repl(m):
        e = m.group(1)
        if e.startswith("(") and len(e) == 3:
            return MAN_ESCAPES.get(e[1:], "")
        if e.startswith("[") and e.endswith("]"):
            return MAN_ESCAPES.get(e[1:-1], "")
        if e in ("-", "e", "\\"):
            return "-" if e == "-" else "\\"
        if e in (" ", "~", "0"):
            return " "
        return ""
    return ESCAPE_RE.sub(repl, line).strip()


def man_lines(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")  # raises on legacy encodings: skipped
    for raw in text.split("\n"):
        if raw.startswith((".", "'")):
            # Macro arguments of .SH/.SS/.TP/.B/.I lines are text too.
            m = re.match(r"\.(SH|SS|B|I|BI|IB|BR|RB|IR|RI)\s+(.*)", raw)
            if not m:
                continue
            raw = m.group(2).replace('"', "")
        line = man_line(raw)
        if line:
            yield line


def fortune_lines(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    for raw in text.split("\n"):
        line = raw.rstrip()
        if line and line != "%":
            yield line


def mo_lines(path):
    with open(path, "rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog  # noqa: SLF001 (read-only use)
    for key, value in catalog.items():
        if key == "" or not isinstance(value, str):
            continue
        for raw in value.split("\n"):
            line = raw.strip()
            if line:
                yield line


def lang_of_locale(name):
    return name.split("@")[0].replace("_", "-")


def main():
    out_dir = sys.argv[1]
    cap = int(sys.argv[2]) if len(sys.argv) > 2 else 800_000
    os.makedirs(out_dir, exist_ok=True)
    sources = []  # (lang, kind, path)
    for d in sorted(glob.glob("/usr/share/man/*/")):
        lang = os.path.basename(d.rstrip("/"))
        if lang.startswith("man"):
            continue
        for p in sorted(glob.glob(d + "man*/*")):
            sources.append((lang_of_locale(lang), "man", p))
    fort = "/usr/share/games/fortunes"
    for p in sorted(glob.glob(fort + "/*/*")):
        if p.endswith((".dat", ".u8")) or os.path.islink(p):
            continue
        sources.append((os.path.basename(os.path.dirname(p)), "fortune", p))
    for name in ("chinese", "tang300", "song100", "brasil", "italia", "definizioni", "leggi"):
        p = os.path.join(fort, name)
        if os.path.isfile(p):
            lang = {"chinese": "zh", "tang300": "zh", "song100": "zh", "brasil": "pt-BR"}.get(
                name, "it")
            sources.append((lang, "fortune", p))
    for p in sorted(glob.glob("/usr/share/locale/*/LC_MESSAGES/*.mo")):
        base = os.path.basename(p)
        if base.split(".")[0] not in ("iso_3166-1", "iso_3166-2", "iso_639-3", "iso_15924",
                                      "iso_4217", "coreutils", "dpkg", "apt", "bash", "tar",
                                      "sed", "grep", "findutils", "diffutils"):
            continue
        sources.append((lang_of_locale(p.split("/")[4]), "gettext", p))

    lines = {}
    damaged = {}
    skipped = []
    readers = {"man": man_lines, "fortune": fortune_lines, "gettext": mo_lines}
    for lang, kind, path in sources:
        try:
            got = list(readers[kind](path))
        except (UnicodeDecodeError, OSError, EOFError) as e:
            skipped.append((path, type(e).__name__))
            continue
        bucket = lines.setdefault(lang, {})
        bad = damaged.setdefault(lang, {})
        damage = known_damage(path)
        for line in got:
            if not any(ord(c) > 127 for c in line):
                continue
            # C1 controls are not text: a line holding one is damaged.
            if damage or any(0x80 <= ord(c) < 0xA0 for c in line):
                bad.setdefault(line, None)
            else:
                bucket.setdefault(line, None)
    total = 0
    for lang, bucket in sorted(lines.items()):
        if not bucket:
            continue
        size = sum(len(line.encode("utf-8")) + 1 for line in bucket)
        if size > cap:
            keep = list(bucket)
            step = size / cap
            bucket = [keep[int(i * step)] for i in range(int(len(keep) / step))]
        with open(os.path.join(out_dir, lang + ".txt"), "w", encoding="utf-8") as f:
            for line in bucket:
                f.write(line + "\n")
        size = sum(len(line.encode("utf-8")) + 1 for line in bucket)
        total += size
    os.makedirs(os.path.join(out_dir, "damaged"), exist_ok=True)
    for lang, bad in sorted(damaged.items()):
        if bad:
            with open(os.path.join(out_dir, "damaged", lang + ".txt"), "w", encoding="utf-8") as f:
                f.writelines(line + "\n" for line in bad)
    langs = sum(1 for b in lines.values() if b)
    print(f"{total / 1e6:.1f} MB of clean lines in {langs} languages in {out_dir}; "
          f"{len(skipped)} files skipped (not UTF-8)")
    for path, why in skipped[:50]:
        print(f"  skipped {path}: {why}")


if __name__ == "__main__":
    main()
