"""libnorm: damaged multilingual text in, clean UTF-8 Markdown (or plain text,
or JSON) out.

    >>> import libnorm
    >>> r = libnorm.normalize(open("page.html", "rb").read(), to="text")
    >>> r.text, r.encoding, r.report["decode"]["confidence"]

Options are the `norm` command's long flags with ``_`` for ``-`` (the
library's one option table, see :func:`options`): ``from_code="GBK"``,
``on_invalid="strict"``, ``to="json"``, ``steps="-boilerplate"``,
``zh="s2t"``, ``nf="NFKC"``, ``max_size="64M"``. A switch takes ``True``
(``binary=True``, ``explain=True``); ``images=False`` and
``boilerplate=False`` give its ``no-`` form. ``command="fix"`` (``decode``,
``detect``, ``html2md``, ``zh``) runs one of `norm`'s commands instead of the
whole pipeline.

A rejected document raises :class:`Error` (a ``ValueError``) whose
``byte_offset`` says where in the input; a bad option raises ``TypeError``
(unknown name) or :class:`Error` (bad value). The batch calls release the
GIL and run on native threads sharing one normalizer.
"""
from __future__ import annotations

import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from . import _libnorm
from ._libnorm import Error

__all__ = [
    "Error",
    "JsonlSummary",
    "Normalizer",
    "Result",
    "commands",
    "normalize",
    "normalize_batch",
    "normalize_jsonl",
    "options",
    "version",
]

Data = Union[bytes, bytearray, str]
PathLike = Union[str, bytes, "os.PathLike[str]"]


class Result:
    """One document's outcome.

    ``text`` is the output (Markdown, or what ``to=`` names), ``report`` the
    Report as a dict (what each filter counted; ``report["decode"]`` holds
    the encoding facts), ``encoding`` the input encoding the decoder chose.
    In :func:`normalize_batch` a rejected document has ``text`` None and
    ``error`` set (``{"code", "message", "byte_offset"}``).

    For code written against the tuple API, a Result also unpacks as
    ``(text, report)``.
    """

    __slots__ = ("text", "report", "encoding", "error")

    def __init__(self, text: Optional[str], report: Dict[str, Any]) -> None:
        self.text = text
        self.report = report
        self.encoding: Optional[str] = report.get("decode", {}).get("encoding")
        self.error: Optional[Dict[str, Any]] = report.get("error")

    def __iter__(self) -> Iterator[Any]:
        return iter((self.text, self.report))

    def __getitem__(self, i: int) -> Any:
        return (self.text, self.report)[i]

    def __len__(self) -> int:
        return 2

    def __repr__(self) -> str:
        shown = self.text if self.text is None or len(self.text) <= 60 else self.text[:57] + "..."
        return f"Result(text={shown!r}, encoding={self.encoding!r}, error={self.error!r})"


class JsonlSummary:
    """What :func:`normalize_jsonl` did to a file: ``records`` read,
    ``written`` records, and ``rejects`` as ``[(line_number, message)]``
    (1-based line numbers of the input)."""

    __slots__ = ("records", "written", "rejects")

    def __init__(self) -> None:
        self.records = 0
        self.written = 0
        self.rejects: List[Tuple[int, str]] = []

    def __repr__(self) -> str:
        return (f"JsonlSummary(records={self.records}, written={self.written}, "
                f"rejects={len(self.rejects)})")


def normalize(data: Data, **options: Any) -> Result:
    """Normalizes one document: ``bytes`` in any encoding (detected unless
    ``from_code=`` names it), or ``str``. Raises :class:`Error` with
    ``byte_offset`` when the input is rejected (``on_invalid="strict"``,
    ``max_size=``, binary input)."""
    text, report = _libnorm.normalize(data, **options)
    return Result(text, report)


def normalize_batch(docs: Iterable[Data], threads: int = 1, **options: Any) -> List[Result]:
    """Normalizes many documents on ``threads`` native threads (0: one per
    core), without the GIL; results in input order. Never raises for one
    document: a rejected one gives a Result with ``text`` None and
    ``error`` set."""
    return [Result(t, r) for t, r in _libnorm.normalize_batch(docs, threads, **options)]


def _is_path(x: Any) -> bool:
    return isinstance(x, (str, bytes, os.PathLike))


def normalize_jsonl(source: Union[PathLike, Iterable[Data]], out_path: Optional[PathLike] = None,
                    threads: int = 1, text_key: str = "text", id_key: str = "id",
                    report_key: Optional[str] = None, chunk: int = 10000,
                    **options: Any) -> Any:
    """``norm --jsonl``: each line a JSON object whose ``text_key`` string is
    normalized in place; every other byte of the line is kept.

    With paths, ``normalize_jsonl(in_path, out_path, ...)`` streams the
    file ``chunk`` lines at a time and returns a :class:`JsonlSummary`;
    rejected records are left out of the output and listed with their line
    numbers. With an iterable of lines (bytes or str, trailing newline
    optional) it returns ``(output lines as bytes without newline,
    [(index, message)])``."""
    keys: Dict[str, Any] = {"text_key": text_key, "id_key": id_key}
    if report_key is not None:
        keys["report_key"] = report_key
    if not _is_path(source):
        if out_path is not None:
            raise TypeError("libnorm.normalize_jsonl: out_path needs in_path to be a path")
        return _libnorm.normalize_jsonl(source, threads, **keys, **options)
    if out_path is None:
        raise TypeError("libnorm.normalize_jsonl: in_path needs an out_path")
    summary = JsonlSummary()
    with open(source, "rb") as fin, open(out_path, "wb") as fout:
        batch: List[bytes] = []

        def flush() -> None:
            out, rejects = _libnorm.normalize_jsonl(batch, threads, **keys, **options)
            for line in out:
                fout.write(line + b"\n")
            summary.written += len(out)
            base = summary.records - len(batch)
            summary.rejects.extend((base + i + 1, message) for i, message in rejects)
            batch.clear()

        for line in fin:
            batch.append(line)
            summary.records += 1
            if len(batch) >= chunk:
                flush()
        if batch:
            flush()
    return summary


class Normalizer:
    """A normalizer built once from options and reused (thread-safe): the
    same calls as the module's functions, without rebuilding per call."""

    def __init__(self, **options: Any) -> None:
        self._native = _libnorm.Normalizer(**options)

    def normalize(self, data: Data) -> Result:
        """As :func:`normalize` with this normalizer's options."""
        text, report = self._native.normalize(data)
        return Result(text, report)

    def normalize_batch(self, docs: Iterable[Data], threads: int = 1) -> List[Result]:
        """As :func:`normalize_batch` with this normalizer's options."""
        return [Result(t, r) for t, r in self._native.normalize_batch(docs, threads)]


def options() -> List[Tuple[str, str, str]]:
    """The options every call takes, from the library's one option table:
    ``[(name, arg, help)]`` with `norm`'s spelling (``from-code``; pass it
    as ``from_code``); an empty ``arg`` marks a switch."""
    return _libnorm.options()


def commands() -> List[Tuple[str, str]]:
    """The commands ``command=`` takes: ``[(name, summary)]``."""
    return _libnorm.commands()


def version() -> str:
    """Versions of libnorm and the libraries it runs on, one per line."""
    return _libnorm.version()
