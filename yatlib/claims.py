"""Check a claim of the source articles against the book's own number.

Each chapter computes its numbers when the book is built, then calls
:func:`check` for every claim of ``CLAIMS.md`` it covers. The call prints the
book's value next to the article's and raises :class:`ClaimFailed` when the
claim's band is not met, so executing the notebook (the book build, nbval)
fails if a number drifts.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Claim", "ClaimFailed", "check", "within"]


class ClaimFailed(AssertionError):
    """A reproduced number fell outside its band."""


@dataclass(frozen=True)
class Claim:
    """One checked claim: its id, what it says, both values, the band and the verdict."""

    claim_id: str
    what: str
    book: str
    article: str
    band: str
    passed: bool

    def __str__(self) -> str:
        mark = "reproduced" if self.passed else "NOT reproduced"
        return (f"{self.claim_id} | {self.what}\n"
                f"    book: {self.book}   article: {self.article}   band: {self.band}   -> {mark}")


def within(value: float, target: float, tolerance: float) -> bool:
    """True when ``|value - target| <= tolerance``."""
    return abs(float(value) - float(target)) <= float(tolerance)


def check(claim_id: str, what: str, *, book: str, article: str, band: str, passed: bool) -> Claim:
    """Print the claim with the book's and the article's values; raise :class:`ClaimFailed` if not ``passed``.

    Parameters
    ----------
    claim_id : str
        The id in CLAIMS.md, e.g. ``"C01"``.
    what : str
        The claim in words.
    book, article : str
        The book's value (computed now) and the article's, formatted for reading.
    band : str
        What counts as reproduced, in words.
    passed : bool
        The result of testing the band on the book's values.
    """
    claim = Claim(claim_id, what, book, article, band, bool(passed))
    print(claim)
    if not claim.passed:
        raise ClaimFailed(str(claim))
    return claim
