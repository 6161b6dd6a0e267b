"""Checks for any text a user can type: kept as typed (trimmed), or refused with a reason."""

from __future__ import annotations

import unicodedata


def clean(value: str) -> str:
    """Trim the spaces around a value; everything inside is kept exactly."""
    return value.strip()


def text_problem(value: str, *, max_length: int, multiline: bool = False) -> str | None:
    """Why ``value`` can't be stored, or None when it can."""
    if len(value) > max_length:
        return f"is too long ({len(value)} characters; at most {max_length})"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains characters that can't be stored; retype it"
    allowed = "\n\r\t" if multiline else ""
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value):
        return "contains line breaks or control characters; keep it on one line"
    return None


def fold(value: str) -> str:
    """A name for matching: case, accents and spacing ignored (José ~ jose)."""
    # Case is folded on each side of the compatibility decomposition: letters such as
    # 𝐉 or ᴬ only turn into plain capitals once decomposed.
    decomposed = unicodedata.normalize("NFD", value)
    for _ in range(2):
        decomposed = unicodedata.normalize("NFKD", decomposed.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


# Letters that are a letter of their own in Unicode, not a plain one with an accent, so that
# decomposing them leaves them as they are; a reader files them with the plain letter.
_AS_PLAIN = str.maketrans(
    {"ł": "l", "đ": "d", "ð": "d", "ø": "o", "ħ": "h", "ŧ": "t", "ı": "i", "ŀ": "l"}
    | {"æ": "ae", "œ": "oe", "þ": "th", "ß": "ss", "ĳ": "ij"}
)


def sort_text(value: str) -> str:
    """``value`` as people file it: case and accents ignored, Łucja with the L's, Émile with
    the E's (for a sort that can only compare strings, such as a Qt table's)."""
    return fold(value).translate(_AS_PLAIN)


def sort_key(value: str) -> tuple[str, str]:
    """The key for a list a person reads: as people file it, then the text itself, so the
    order is total and the same on every computer and database."""
    return sort_text(value), value
