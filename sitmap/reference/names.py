"""One place-name normaliser: every matcher (gazetteer lookup and search, extraction, map search) folds
names through `normalise_name`, so a spelling that matches in one place matches in all.

Latin names are folded to ASCII with `anyascii` (Ţafas -> tafas), then case, apostrophes, hyphens, the
Arabic article (al-/el-/ad-/ar-/as-/ash-/at-/az-...), Tell/Tal/Tel, doubled letters and common
transliteration pairs (ou/u, ou before a vowel/w, ee/i, ei/ay, q/k, final -eh/-ah) are folded. Arabic
script keeps its letters (hamza forms of alef, ta marbuta, short vowels and the attached article ال are
folded). The result is a fixed point: ``normalise_name(normalise_name(x)) == normalise_name(x)``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# ... and the French-style "ej", "ech" of Lebanon's names ("Meiss ej Jabal", "Zawtar ech Charqiyeh").
ARTICLES = frozenset(
    {"al", "el", "il", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er", "es", "et"}
    | {"ez", "en", "adh", "ath", "l", "ej", "ech"}
)
_TELL = frozenset({"tell", "tel", "tal", "tall", "til", "tl"})
_APOSTROPHES = "'`´‘’ʻʼʽʾʿ′\""
_AR_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c-\u200f]")
_AR_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك"})
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# Transliteration variants folded to one spelling, applied in order to each Latin token.
_FOLDS = (
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "ai"),
    ("ey", "ai"),
    ("ay", "ai"),
    ("y", "i"),
    ("q", "k"),
    ("ck", "k"),
)


# French-style transliteration writes و before a vowel as "ou" (Zouan, Souayda, Ouadi): the consonant w,
# which the consonant skeleton must keep ("Ain al-Zouan" is OCHA's Ein Zywan), not the vowel u.
_OU_CONSONANT = re.compile(r"ou(?=[aeiy])")
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_AH = re.compile(r"(?<=..)[ae]h$")
_NO_APOSTROPHES = {ord(c): None for c in _APOSTROPHES}
_PARTS = re.compile(r"[\s\-_/,.;:()\[\]]+")
_NON_WORD = re.compile(r"[^\w]+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _fold_latin(token: str) -> str:
    token = _OU_CONSONANT.sub("w", token)
    for old, new in _FOLDS:
        token = token.replace(old, new)
    token = _DOUBLED.sub(r"\1", token)  # doubled letters: Tell/Tel, Jassim/Jasim
    return _FINAL_AH.sub("a", token)  # final -ah/-eh: Arnabah/Arnaba/Arnabeh


def _token_ascii(token: str) -> str:
    """A non-Arabic token in ASCII: diacritics and other scripts' letters transliterated."""
    return token if token.isascii() else anyascii(token).casefold()


def _step(s: str) -> str:
    text = unicodedata.normalize("NFKC", s)
    text = _AR_DIACRITICS.sub("", text).translate(_AR_LETTERS).casefold()
    out: list[str] = []
    raw: list[str] = []
    for part in _PARTS.split(text):
        if not part:
            continue
        if _ARABIC.search(part):
            for tok in _NON_WORD.split(part.translate(_NO_APOSTROPHES)):
                if not tok:
                    continue
                if tok.startswith("ال") and len(tok) > 3:  # the article attached to the word
                    tok = tok[2:]
                raw.append(tok)
                out.append(tok)
            continue
        ascii_part = _token_ascii(part).translate(_NO_APOSTROPHES)
        for tok in _NON_ALNUM.split(ascii_part.casefold()):
            if not tok:
                continue
            raw.append(tok)
            if tok in ARTICLES:
                continue
            out.append("tel" if tok in _TELL else _fold_latin(tok))
    if not out:  # a name made only of articles ("As") keeps itself
        out = [t if _ARABIC.search(t) else _fold_latin(t) for t in raw]
    return " ".join(out)


@lru_cache(maxsize=65_536)  # the gazetteer's ~15k names and every sentence's spans, folded once each
def normalise_name(s: str | None) -> str:
    """Fold a place name so spelling variants compare equal (idempotent).

    ``normalise_name("Tal al-Mal") == normalise_name("Tell el Mal") == "tel mal"``;
    ``normalise_name("Ţafas") == normalise_name("Tafas")``.
    """
    text = s or ""
    for _ in range(8):  # folding can expose a fold (an article, a double letter): run to a fixed point
        folded = _step(text)
        if folded == text:
            break
        text = folded
    return text


def spelling_key(s: str | None) -> str:
    """A Latin name as spelt, only case, diacritics, apostrophes, hyphens, the article and Tell/Tal aside:
    "Tal Afar" and "Tal Aafar", "Akkar" and "A'Kar" differ here, though `normalise_name` folds them alike."""
    text = anyascii(unicodedata.normalize("NFKC", s or "")).casefold().translate(_NO_APOSTROPHES)
    return " ".join("tel" if t in _TELL else t for t in _NON_ALNUM.split(text) if t and t not in ARTICLES)


def skeleton(key: str) -> str:
    """The consonants of a normalised name (vowels and spaces dropped): Ruwaihania/Ruwaihina -> rwhn."""
    return re.sub(r"[aeiouy\s]", "", key)
