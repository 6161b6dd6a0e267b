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
    if hidden := invisible(value):
        return (
            f"contains an invisible or direction-changing character ({hidden}), which can make "
            "it show as something else; retype it"
        )
    return None


# Unicode's Bidi_Control and Default_Ignorable_Code_Point sets (Unicode 15): characters that
# print as nothing, or reverse the text after them, so "Ann" and "Ann\u200b" or a name with a
# right-to-left override look alike on screen and on paper while being different records.
_INVISIBLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)  # fmt: skip
_JOINERS = "\u200c\u200d"  # ZWNJ and ZWJ shape Persian, Indic and Sinhala words between letters


def invisible(value: str) -> str:
    """The first invisible or direction-changing character in ``value`` as U+XXXX, or ""."""
    for n, ch in enumerate(value):
        code = ord(ch)
        if not any(low <= code <= high for low, high in _INVISIBLE):
            continue
        if ch in _JOINERS and _between_letters(value, n):
            continue
        if _in_emoji(value, n):
            continue
        return f"U+{code:04X}"
    return ""


def _in_emoji(value: str, n: int) -> bool:
    """A variation selector or joiner after a pictograph (👍️, 👩‍🍳): part of the emoji."""
    if n == 0 or not (0xFE00 <= ord(value[n]) <= 0xFE0F or value[n] == "\u200d"):
        return False
    before = value[n - 1]
    return unicodedata.category(before).startswith("S") or before == "\ufe0f"


def _between_letters(value: str, n: int) -> bool:
    """A joiner inside a word of a script that needs it: letters (not Latin) on both sides."""
    if n == 0 or n == len(value) - 1:
        return False
    sides = (value[n - 1], value[n + 1])
    return all(ch.isalpha() or unicodedata.category(ch).startswith("M") for ch in sides) and not (
        any(ord(ch) < 0x250 for ch in sides)
    )


# Letters that are a letter of their own in Unicode, not a plain one with an accent, so that
# decomposing them leaves them as they are; a reader types and files them as the plain letter
# (lukasz finds Łukasz, dang finds Đặng).
_AS_PLAIN = str.maketrans(
    {"ł": "l", "đ": "d", "ð": "d", "ø": "o", "ħ": "h", "ŧ": "t", "ı": "i", "ŀ": "l"}
    | {"æ": "ae", "œ": "oe", "þ": "th", "ß": "ss", "ĳ": "ij"}
)


def fold(value: str) -> str:
    """A name for matching: case, accents and spacing ignored (José ~ jose, Łukasz ~ lukasz)."""
    # Case is folded on each side of the compatibility decomposition: letters such as
    # 𝐉 or ᴬ only turn into plain capitals once decomposed.
    decomposed = unicodedata.normalize("NFD", value)
    for _ in range(2):
        decomposed = unicodedata.normalize("NFKD", decomposed.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.translate(_AS_PLAIN).split())


def sort_text(value: str) -> str:
    """``value`` as people file it: case and accents ignored, Łucja with the L's, Émile with
    the E's (for a sort that can only compare strings, such as a Qt table's)."""
    return fold(value)


def sort_key(value: str) -> tuple[str, str]:
    """The key for a list a person reads: as people file it, then the text itself, so the
    order is total and the same on every computer and database."""
    return sort_text(value), value
