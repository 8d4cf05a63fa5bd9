"""Code similarity between submissions, robust to renaming and reformatting (as MOSS does).

Code is reduced to a token stream with identifiers, strings and numbers
replaced by their kind, comments and layout dropped; k-grams of tokens are
hashed and winnowed (Schleimer, Wilkerson and Aiken, 2003): in every window
of ``window`` consecutive hashes the smallest is kept as a fingerprint. Two
submissions are compared by the share of fingerprints they have in common;
fingerprints also found in the starter or reference code do not count, so
the code everybody was given is never a match.

A code's fingerprints are kept in this process (``FINGERPRINTS_KEPT`` codes):
a submit is compared with every other attempt's final submit, and tokenizing
each of them again for each new submit would cost, in a hiring wave, more
than judging it.
"""

import dataclasses
import functools
import hashlib
import io
import keyword
import tokenize
import types
from collections.abc import Mapping

K_GRAM = 12
WINDOW = 6
FINGERPRINTS_KEPT = 1024  # codes, each kept with its fingerprints: ~10 KiB for a typical one, 64 MiB at most
_SKIPPED = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
            tokenize.ENCODING, tokenize.ENDMARKER}


@dataclasses.dataclass(frozen=True)
class Token:
    text: str
    line: int


@dataclasses.dataclass(frozen=True)
class Match:
    """How alike two submissions are and where: 0..1, and (line in a, line in b) pairs of shared fingerprints."""

    similarity: float
    regions: tuple[tuple[int, int], ...]


def normalised_tokens(code: str) -> list[Token]:
    """Tokens with names, strings and numbers replaced by their kind; unreadable code yields what was read."""
    tokens = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type in _SKIPPED:
                continue
            if token.type == tokenize.NAME and not keyword.iskeyword(token.string):
                text = "N"
            elif token.type == tokenize.STRING or token.type == getattr(tokenize, "FSTRING_START", -1):
                text = "S"
            elif token.type == tokenize.NUMBER:
                text = "0"
            else:
                text = token.string
            tokens.append(Token(text, token.start[0]))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return tokens


@functools.lru_cache(maxsize=FINGERPRINTS_KEPT)
def fingerprints(code: str) -> Mapping[int, int]:
    """Winnowed k-gram hashes of ``code``, each with the line where its k-gram starts (read-only: shared)."""
    tokens = normalised_tokens(code)
    hashes = [(_hash(" ".join(t.text for t in tokens[i:i + K_GRAM])), tokens[i].line)
              for i in range(len(tokens) - K_GRAM + 1)]
    if len(hashes) <= WINDOW:
        return types.MappingProxyType(dict(hashes))
    chosen = {}
    for start in range(len(hashes) - WINDOW + 1):
        value, line = min(hashes[start:start + WINDOW], key=lambda pair: pair[0])
        chosen.setdefault(value, line)
    return types.MappingProxyType(chosen)


def compare(a: str, b: str, given: tuple[str, ...] = ()) -> Match:
    """Similarity of ``a`` and ``b`` ignoring what the ``given`` code (starter, reference) contains."""
    excluded = set().union(*(fingerprints(code) for code in given)) if given else set()
    prints_a = {h: line for h, line in fingerprints(a).items() if h not in excluded}
    prints_b = {h: line for h, line in fingerprints(b).items() if h not in excluded}
    if not prints_a or not prints_b:
        return Match(0.0, ())
    shared = prints_a.keys() & prints_b.keys()
    similarity = len(shared) / min(len(prints_a), len(prints_b))
    regions = tuple(sorted({(prints_a[h], prints_b[h]) for h in shared}))
    return Match(similarity, regions)


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")
