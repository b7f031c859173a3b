"""Check the source articles' claims against the book's numbers, and record the book's own findings.

A chapter calls :func:`check` for every claim of ``CLAIMS.md`` it covers and :func:`finding` for
every result of its own that bears on the articles; each prints one line and raises
:class:`ClaimFailed` when the claim's band (or the finding, as worded) does not hold. Each also
leaves a hidden glue record ``yatlib-ledger:<id>`` (:meth:`Claim.record`, :meth:`Finding.record`)
that the ledger page (``book/_ext/yat_ledger.py``) reads and grades with :func:`grade` into one of
:data:`VERDICTS`: **confirmed** (within the band, nothing limits it), **qualified** (within the
band but limited by a finding, or a reported claim outside the band going the same way) or
**contradicted** (the book's number goes the other way). A finding names the claims it bears on
(``bears_on``) and passes its verdict to them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Claim",
    "Finding",
    "ClaimFailed",
    "check",
    "finding",
    "within",
    "VERDICTS",
    "RECORD_PREFIX",
    "code_version",
    "grade",
]

VERDICTS = ("confirmed", "qualified", "contradicted")
"""The grades of the ledger, from "the article's statement stands" to "the book's numbers go the other way"."""

RECORD_PREFIX = "yatlib-ledger:"
"""The glue name of a record is this prefix and the claim's or the finding's id (``yatlib-ledger:C01``)."""

_GLUE_PREFIX = "application/papermill.record/"  # myst-nb's (and scrapbook's) prefix of a hidden glue output
_RECORD_SCHEMA = 1


class ClaimFailed(AssertionError):
    """A claim's number fell outside its band, or a finding of the book no longer holds as worded."""


@dataclass(frozen=True)
class Claim:
    """One checked claim: its id, what it says, both values, the band, whether the band holds and,
    for a claim the book reports instead of asserting, its verdict and the reason."""

    claim_id: str
    what: str
    book: str
    article: str
    band: str
    passed: bool
    verdict: str = ""
    reason: str = ""

    def __str__(self) -> str:
        mark = "within the band" if self.passed else "outside the band"
        if self.verdict:
            mark += f" (reported, not asserted: {self.verdict})"
        return (
            f"{self.claim_id} | {self.what}\n"
            f"    book: {self.book}   article: {self.article}   band: {self.band}   -> {mark}"
        )

    def record(self) -> dict[str, Any]:
        """The ledger's record of this check (JSON-serialisable)."""
        return {
            "schema": _RECORD_SCHEMA,
            "kind": "claim",
            "id": self.claim_id,
            "what": self.what,
            "book": self.book,
            "article": self.article,
            "band": self.band,
            "passed": self.passed,
            "verdict": self.verdict,
            "reason": self.reason,
            "code": code_version(),
        }


@dataclass(frozen=True)
class Finding:
    """One finding of the book that bears on what the articles say.

    ``verdict`` is the grade the finding gives the articles' statement ``article``; ``bears_on``
    names the claims of CLAIMS.md that statement belongs to (possibly none).
    """

    finding_id: str
    what: str
    book: str
    article: str
    verdict: str
    bears_on: tuple[str, ...] = field(default_factory=tuple)
    holds: bool = True

    def __str__(self) -> str:
        verb = {"confirmed": "confirms", "qualified": "qualifies", "contradicted": "contradicts"}[self.verdict]
        on = f" (bears on {', '.join(self.bears_on)})" if self.bears_on else ""
        mark = f"{verb} the articles' statement{on}" if self.holds else "does NOT hold as worded"
        return f"{self.finding_id} | {self.what}\n    book: {self.book}   article: {self.article}   -> {mark}"

    def record(self) -> dict[str, Any]:
        """The ledger's record of this finding (JSON-serialisable)."""
        return {
            "schema": _RECORD_SCHEMA,
            "kind": "finding",
            "id": self.finding_id,
            "what": self.what,
            "book": self.book,
            "article": self.article,
            "verdict": self.verdict,
            "bears_on": list(self.bears_on),
            "holds": self.holds,
            "code": code_version(),
        }


def within(value: float, target: float, tolerance: float) -> bool:
    """True when ``|value - target| <= tolerance``.

    Parameters
    ----------
    value : float
        The book's number (anything ``float`` takes, e.g. a numpy scalar).
    target : float
        The number it should match, e.g. the article's.
    tolerance : float
        The largest allowed absolute difference, in the units of ``value``; the bound is inclusive.

    Returns
    -------
    bool
        Whether ``value`` is within ``tolerance`` of ``target``.
    """
    return abs(float(value) - float(target)) <= float(tolerance)


def check(
    claim_id: str,
    what: str,
    *,
    book: str,
    article: str,
    band: str,
    passed: bool,
    enforce: bool = True,
    verdict: str = "",
    reason: str = "",
) -> None:
    """Print the claim with the book's and the article's values, record it for the ledger, and raise
    :class:`ClaimFailed` if ``passed`` is false.

    Parameters
    ----------
    claim_id : str
        The id in CLAIMS.md, e.g. ``"C01"``.
    what : str
        The claim in words.
    book, article : str
        The book's value (computed now) and the article's, formatted for reading.
    band : str
        What counts as within the band, in words.
    passed : bool
        The result of testing the band on the book's values.
    enforce : bool, optional
        True (the default): a claim outside its band raises. False: the claim is *reported*, not
        asserted (a chapter that shows where its run stands against a band it does not reach);
        it is printed and recorded whatever ``passed`` is, and ``verdict`` is required when it
        is outside the band.
    verdict, reason : str, optional
        For a reported claim outside its band: ``"qualified"`` (the book's numbers go the same
        way as the article's but fall short) or ``"contradicted"`` (they go the other way), and
        why, in words. Not allowed otherwise: within the band, the ledger grades a claim from the
        findings that bear on it.
    """
    passed = bool(passed)
    if verdict or reason:
        if enforce or passed:
            raise ValueError(
                f"{claim_id}: a verdict is given only for a reported claim outside its band "
                "(enforce=False, passed=False); the ledger grades the others from the findings."
            )
        if verdict not in ("qualified", "contradicted") or not reason:
            raise ValueError(
                f"{claim_id}: a reported claim outside its band needs verdict='qualified' or "
                f"'contradicted' and a reason; got verdict={verdict!r}, reason={reason!r}."
            )
    elif not enforce and not passed:
        raise ValueError(f"{claim_id}: a reported claim outside its band needs a verdict and a reason.")
    claim = Claim(claim_id, what, book, article, band, passed, verdict, reason)
    print(claim)
    _record(claim_id, claim.record())
    if enforce and not passed:
        raise ClaimFailed(str(claim))


def finding(
    finding_id: str, what: str, *, book: str, article: str, verdict: str, holds: bool, bears_on: Sequence[str] = ()
) -> None:
    """Print a finding of the book beside what the articles say, record it for the ledger, and raise
    :class:`ClaimFailed` if it no longer holds as worded.

    Parameters
    ----------
    finding_id : str
        The finding's id on the ledger page, e.g. ``"B02"``.
    what : str
        The finding in words, as the chapter states it (it must stay true: see ``holds``).
    book : str
        The book's numbers behind it, computed now.
    article : str
        The articles' statement the finding is about (a short quotation), or
        ``"not in the articles"``.
    verdict : {"confirmed", "qualified", "contradicted"}
        The grade the finding gives that statement.
    holds : bool
        The test of ``what`` on the book's numbers; false raises, so the words cannot outlive them.
    bears_on : sequence of str, optional
        The ids of the claims of CLAIMS.md that statement belongs to; the ledger grades each of them
        at least as low as ``verdict`` ("qualified" or "contradicted").
    """
    if verdict not in VERDICTS:
        raise ValueError(f"{finding_id}: verdict must be one of {VERDICTS}; got {verdict!r}.")
    result = Finding(finding_id, what, book, article, verdict, tuple(str(c) for c in bears_on), bool(holds))
    print(result)
    _record(finding_id, result.record())
    if not result.holds:
        raise ClaimFailed(str(result))


def code_version() -> dict[str, str]:
    """The version of the code a record comes from: yatlib's version and the fingerprint of all its source
    (:func:`yatlib.cache.source_fingerprint`; docstrings and comments do not count)."""
    from ._version import __version__
    from .cache import source_fingerprint

    return {"yatlib": __version__, "source": source_fingerprint()}


def _record(record_id: str, record: Mapping[str, Any]) -> None:
    """Leave ``record`` as a hidden glue output of the running cell (nothing outside a Jupyter kernel)."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is a dependency
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return
    # a hidden mime type holds text only (nbformat's schema): the record is stored as JSON text
    display(
        {_GLUE_PREFIX + "application/json": json.dumps(dict(record), ensure_ascii=False)},
        raw=True,
        metadata={"scrapbook": {"name": RECORD_PREFIX + record_id, "mime_prefix": _GLUE_PREFIX}},
    )


def grade(claim: Mapping[str, Any], findings: Iterable[Mapping[str, Any]]) -> tuple[str, list[Mapping[str, Any]]]:
    """The verdict of a claim's record on the ledger, and the findings that decided it.

    Parameters
    ----------
    claim : mapping
        A claim's record (:meth:`Claim.record`).
    findings : iterable of mappings
        Finding records (:meth:`Finding.record`); those whose ``bears_on`` names the claim count.

    Returns
    -------
    verdict : str
        ``"contradicted"`` if the claim was reported as contradicted or a finding contradicts it;
        else ``"qualified"`` if it was reported as qualified or a finding qualifies it; else
        ``"confirmed"``.
    reasons : list of mappings
        The findings that bear on the claim with the verdict returned (empty for a reported claim
        whose own reason decided it and for a confirmed one).
    """
    bearing = [f for f in findings if claim["id"] in f.get("bears_on", ())]
    for verdict in ("contradicted", "qualified"):
        reasons = [f for f in bearing if f["verdict"] == verdict]
        if reasons or claim.get("verdict") == verdict:
            return verdict, reasons
    if not claim.get("passed", False):
        raise ValueError(f"{claim['id']}: a claim outside its band without a verdict cannot be graded.")
    return "confirmed", []
