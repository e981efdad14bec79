"""Regular expressions compiled when first used: a build that reads no essay never pays for them."""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """A pattern with the methods of ``re.Pattern`` that presswork uses, compiled on first use."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern."""
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        """As ``re.Pattern.search``."""
        return self.compiled.search(text, *args)

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        """As ``re.Pattern.match``."""
        return self.compiled.match(text, *args)

    def finditer(self, text: str, *args: int) -> Any:
        """As ``re.Pattern.finditer``."""
        return self.compiled.finditer(text, *args)

    def findall(self, text: str, *args: int) -> list[Any]:
        """As ``re.Pattern.findall``."""
        return self.compiled.findall(text, *args)

    def sub(self, replacement: Any, text: str, count: int = 0) -> str:
        """As ``re.Pattern.sub``."""
        return self.compiled.sub(replacement, text, count)
