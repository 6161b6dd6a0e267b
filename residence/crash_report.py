"""What the log says about an unexpected error: where it happened and what kind it was, never
its message. A database error's message carries the SQL and its parameters — a resident's
name, a note — and the log's promise is that it never holds a resident's name."""

from __future__ import annotations

import traceback
from types import TracebackType


def describe(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> str:
    """The error's type and its frames (file, line, function), and the same for each error
    that caused it; no message, no values."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(trace if current is error else current.__traceback__)
        parts.append(_one(type(current) if current is not error else kind, frames))
        current = current.__cause__ or current.__context__
    return "\nwhich happened while handling, or was caused by:\n".join(parts)


def _one(kind: type[BaseException], frames: traceback.StackSummary) -> str:
    lines = [f"{kind.__module__}.{kind.__qualname__} (message left out: it may hold records)"]
    lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
    return "\n".join(lines)
