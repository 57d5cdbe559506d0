"""Type stubs of libnorm's native module (python/libnorm_py.cpp). Use the
package's API (``libnorm.normalize`` and friends); this is what it wraps."""
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

Data = Union[bytes, bytearray, str]

class Error(ValueError):
    """A rejected document or a bad option value. ``code`` names the Status
    code ("invalid-input", "too-large", "config"...); ``byte_offset`` is
    where in the input the problem is, or None."""

    code: str
    byte_offset: Optional[int]

def normalize(data: Data, **options: Any) -> Tuple[str, Dict[str, Any]]:
    """Normalizes one document; returns (output, report). Raises Error."""

def normalize_batch(docs: Iterable[Data], threads: int = 1,
                    **options: Any) -> List[Tuple[Optional[str], Dict[str, Any]]]:
    """Normalizes many documents without the GIL; a rejected one gives
    (None, report with an "error" entry)."""

def normalize_jsonl(lines: Iterable[Data], threads: int = 1,
                    **options: Any) -> Tuple[List[bytes], List[Tuple[int, str]]]:
    """`norm --jsonl` over lines: (output lines without newline, [(index,
    message)] of rejected lines). Takes text_key, id_key and report_key."""

def options() -> List[Tuple[str, str, str]]:
    """The one option table: [(name, arg, help)]; empty arg: a switch."""

def commands() -> List[Tuple[str, str]]:
    """The commands `command=` takes: [(name, summary)]."""

def version() -> str:
    """Versions of libnorm and the libraries it runs on."""

class Normalizer:
    """Options applied once; normalize and normalize_batch as above."""

    def __init__(self, **options: Any) -> None: ...
    def normalize(self, data: Data) -> Tuple[str, Dict[str, Any]]:
        """As normalize()."""
    def normalize_batch(self, docs: Iterable[Data],
                        threads: int = 1) -> List[Tuple[Optional[str], Dict[str, Any]]]:
        """As normalize_batch()."""
