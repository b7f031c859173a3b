"""``yat-ledger``: the tables of the page "What this book confirms, qualifies and contradicts".

In a MyST page, one directive per table, one line per row (an id, the chapter that must record
it, and, only for a row whose chapter does not record it yet, ``pending:`` and why)::

    ```{yat-ledger} claims
    C01 notebooks/part2/01_built_by_hand
    C18 notebooks/part3/03_ablation  pending: the chapter reports C18 but does not record it yet
    ```

    ```{yat-ledger} findings
    B01 notebooks/part2/04_explains_itself
    ```

Where the rows come from. Every ``yatlib.claims.check`` and ``yatlib.claims.finding`` leaves a
record in its notebook's outputs (a hidden myst-nb glue output named ``yatlib-ledger:<id>``), so
the records travel with the executed notebook however it was executed: by this build
(``execute_notebooks: force``) or earlier (the notebooks stage of ``make test``, whose outputs the
build renders in ``cache`` mode). myst-nb keeps each page's glue data in its output folder
(``_build/jupyter_execute/<page>.glue.json``) and the page's glue names in the environment. Sphinx
reads the pages in alphabetical order, so ``book/ledger.md`` is read before any chapter; the
directive leaves a placeholder, and the table is built on ``doctree-resolved``, when every chapter
has been read (and executed). The ledger page is re-read on every build, so it never shows the
records of an earlier one.

The build fails (an extension error listing every problem) when a row has no record, a record
sits in another chapter than its row says, an id is recorded twice or recorded without a row, a
finding bears on a claim that has no row, a pending row has a record after all, or a record was
written by another version of yatlib's code than the one building the book
(``yatlib.claims.code_version``: yatlib's version and the fingerprint of its source; outputs
taken from an older jupyter-cache are then refused instead of shown). The verdicts come from
``yatlib.claims.grade``; the rule is written on the page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

KINDS = {"claims": "claim", "findings": "finding"}
VERDICT_TEXT = {"confirmed": "confirmed", "qualified": "qualified", "contradicted": "contradicted"}


class ledger_placeholder(nodes.General, nodes.Element):
    """Where a ledger table goes once every chapter has been read."""


class YatLedger(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0].strip()
        if kind not in KINDS:
            raise self.error(f"yat-ledger: the argument is 'claims' or 'findings'; got {kind!r}")
        rows = []
        for line in self.content:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            head, _, pending = line.partition("pending:")
            parts = head.split()
            if len(parts) != 2:
                raise self.error(
                    f"yat-ledger: a row is '<id> <chapter>' (then, if pending, 'pending: why'); got {line!r}"
                )
            rows.append((parts[0], parts[1], pending.strip()))
        ids = [r[0] for r in rows]
        if len(set(ids)) != len(ids):
            raise self.error(f"yat-ledger: an id appears twice: {sorted({i for i in ids if ids.count(i) > 1})}")
        docs = getattr(self.env, "yat_ledger_docs", set())
        docs.add(self.env.docname)
        self.env.yat_ledger_docs = docs
        return [ledger_placeholder(kind=kind, rows=rows)]


# ----------------------------------------------------------------------------- records


def collect_records(app: Sphinx) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """{id: [(docname, record), ...]} from the glue data of every page read in this build."""
    from myst_nb.sphinx_ import NbMetadataCollector

    from yatlib.claims import RECORD_PREFIX

    env = app.env
    folder = Path(env.mystnb_config.output_folder)
    found: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for docname, meta in sorted(NbMetadataCollector.get_doc_data(env).items()):
        if docname not in env.found_docs:
            continue
        keys = [k for k in meta.get("glue", []) if k.startswith(RECORD_PREFIX)]
        if not keys:
            continue
        path = folder.joinpath(*docname.split("/")[:-1], docname.split("/")[-1] + ".glue.json")
        data = json.loads(path.read_text(encoding="utf8")) if path.exists() else {}
        for key in keys:
            output = data.get(key) or {}
            record = (output.get("data") or {}).get("application/json")
            if isinstance(record, str):  # a JSON mime type may have been stored as text
                record = json.loads(record)
            found.setdefault(key[len(RECORD_PREFIX) :], []).append((docname, record or {}))
    return found


def check_records(placeholders: list[ledger_placeholder], found: dict, version: dict) -> list[str]:
    """Every problem that stops the ledger from being shown, in words."""
    problems: list[str] = []
    expected = {row[0]: (ph["kind"], row) for ph in placeholders for row in ph["rows"]}
    claim_rows = {i for i, (kind, _) in expected.items() if kind == "claims"}
    for rid, (kind, (_, chapter, pending)) in expected.items():
        got = found.get(rid, [])
        if pending:
            if got:
                problems.append(
                    f"{rid}: marked pending on the ledger page, but {got[0][0]} records it now: "
                    "remove 'pending: ...' from its row"
                )
            continue
        if not got:
            call = "yatlib.claims.check" if kind == "claims" else "yatlib.claims.finding"
            problems.append(
                f'{rid}: no record. {chapter} must record it with {call}("{rid}", ...) and be '
                "executed by this build or by the run whose outputs the build renders"
            )
            continue
        if len(got) > 1:
            problems.append(
                f"{rid}: recorded more than once ({', '.join(d for d, _ in got)}); an id is recorded "
                "once, in one chapter"
            )
            continue
        docname, record = got[0]
        if docname != chapter:
            problems.append(f"{rid}: recorded in {docname}, but its row on the ledger page says {chapter}")
        if record.get("schema") != 1 or record.get("kind") != KINDS[kind]:
            problems.append(
                f"{rid}: its record in {docname} is not a {KINDS[kind]} record of this yatlib "
                f"(kind {record.get('kind')!r}, schema {record.get('schema')!r})"
            )
        elif record.get("code") != version:
            problems.append(
                f"{rid}: its record in {docname} was written by another version of the code "
                f"(yatlib {record.get('code')}; this build: {version}). Execute the notebook again: "
                "`make book` executes every notebook; outputs kept from an earlier run are stale"
            )
        for target in record.get("bears_on", []):
            if target not in claim_rows:
                problems.append(f"{rid}: bears on {target}, which has no row in the ledger's table of claims")
    for rid, got in found.items():
        if rid not in expected:
            problems.append(
                f"{rid}: recorded in {', '.join(d for d, _ in got)} but has no row on the ledger page: "
                "add a line to a yat-ledger table (book/ledger.md)"
            )
    return problems


# ----------------------------------------------------------------------------- tables


def _para(*children: nodes.Node, classes: list[str] | None = None) -> nodes.paragraph:
    p = nodes.paragraph("", "", *children)
    if classes:
        p["classes"] += classes
    return p


def _text(text: str) -> nodes.Text:
    return nodes.Text(text)


def _row_id(rid: str) -> str:
    return nodes.make_id(f"ledger-{rid}")


def _chapter_link(app: Sphinx, fromdoc: str, docname: str) -> nodes.Node:
    title = app.env.titles[docname].astext() if docname in app.env.titles else docname
    ref = nodes.reference("", "", _text(title), internal=True, refuri=app.builder.get_relative_uri(fromdoc, docname))
    return _para(ref)


def _row_link(rid: str) -> nodes.reference:
    return nodes.reference("", rid, internal=True, refuri=f"#{_row_id(rid)}")


def _table(
    name: str, header: list[str], widths: list[int], rows: list[tuple[str, list[list[nodes.Node]]]], caption: str
) -> nodes.table:
    table = nodes.table(classes=["yat-ledger"], ids=[nodes.make_id(f"ledger-{name}")])
    table += nodes.title("", caption)
    group = nodes.tgroup(cols=len(header))
    table += group
    for w in widths:
        group += nodes.colspec(colwidth=w)
    head = nodes.thead()
    hrow = nodes.row()
    for h in header:
        hrow += nodes.entry("", _para(_text(h)))
    head += hrow
    group += head
    body = nodes.tbody()
    for rid, cells in rows:
        row = nodes.row(ids=[_row_id(rid)])
        for cell in cells:
            row += nodes.entry("", *cell)
        body += row
    group += body
    return table


def _verdict(word: str) -> nodes.strong:
    return nodes.strong("", VERDICT_TEXT[word], classes=[f"yat-verdict-{word}"])


def build_tables(app: Sphinx, fromdoc: str, placeholders: list[ledger_placeholder], found: dict) -> None:
    from yatlib.claims import grade

    records = {rid: got[0] for rid, got in found.items()}
    findings = [r for _, r in records.values() if r.get("kind") == "finding"]
    for ph in placeholders:
        kind = ph["kind"]
        rows, counts = [], {"confirmed": 0, "qualified": 0, "contradicted": 0, "pending": 0}
        for rid, chapter, pending in ph["rows"]:
            link = _chapter_link(app, fromdoc, chapter)
            if pending:
                counts["pending"] += 1
                rows.append(
                    (
                        rid,
                        [
                            [_para(nodes.strong("", rid))],
                            [_para(nodes.strong("", "pending")), _para(_text(f"No record yet: {pending}."))],
                            [_para(_text("-"))],
                            [_para(_text("-"))],
                            [link],
                        ],
                    )
                )
                continue
            _, r = records[rid]
            if kind == "claims":
                verdict, reasons = grade(r, findings)
                why: list[nodes.Node] = []
                if r.get("verdict"):
                    why.append(_para(_text(f"Reported, not asserted: outside the band ({r['band']}). {r['reason']}")))
                else:
                    why.append(_para(_text(f"Within the band ({r['band']})" + (", but:" if reasons else "."))))
                for f in reasons:
                    why.append(_para(_row_link(f["id"]), _text(f": {f['what']}")))
                cells = [
                    [_para(nodes.strong("", rid)), _para(_text(r["what"]))],
                    [_para(_verdict(verdict)), *why],
                    [_para(_text(r["book"]))],
                    [_para(_text(r["article"]))],
                    [link],
                ]
            else:
                verdict = r["verdict"]
                on: list[nodes.Node] = []
                for i, target in enumerate(r.get("bears_on", [])):
                    on += [_text(", " if i else " on "), _row_link(target)]
                cells = [
                    [_para(nodes.strong("", rid)), _para(_text(r["what"]))],
                    [_para(_verdict(verdict), *on)],
                    [_para(_text(r["book"]))],
                    [_para(_text(r["article"]))],
                    [link],
                ]
            counts[verdict] += 1
            rows.append((rid, cells))
        noun = ("claim" if kind == "claims" else "finding") + ("" if len(rows) == 1 else "s")
        noun += " of the articles" if kind == "claims" else " of the book"
        tally = ", ".join(f"{n} {w}" for w, n in counts.items() if n)
        if kind == "claims":
            header = ["Claim", "Verdict", "The book", "The articles", "Chapter"]
        else:
            header = ["Finding", "Verdict on the articles", "The book", "The articles say", "Chapter"]
        table = _table(kind, header, [22, 26, 22, 18, 12], rows, f"{len(rows)} {noun}: {tally}.")
        ph.replace_self(table)


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(ledger_placeholder))
    if not placeholders:
        return
    from yatlib.claims import code_version

    found = collect_records(app)
    problems = check_records(placeholders, found, code_version())
    if problems:
        raise ExtensionError(
            "yat-ledger: the ledger page cannot be built from this build's records:\n  " + "\n  ".join(problems)
        )
    build_tables(app, docname, placeholders, found)


def always_reread(app: Sphinx, env, added: set, changed: set, removed: set) -> list[str]:
    """The ledger page is read again on every build: its records come from other pages."""
    return sorted(d for d in getattr(env, "yat_ledger_docs", set()) if d in env.found_docs)


def purge(app: Sphinx, env, docname: str) -> None:
    getattr(env, "yat_ledger_docs", set()).discard(docname)


def merge(app: Sphinx, env, docnames: set, other) -> None:
    env.yat_ledger_docs = getattr(env, "yat_ledger_docs", set()) | getattr(other, "yat_ledger_docs", set())


def setup(app: Sphinx) -> dict:
    app.add_node(ledger_placeholder)
    app.add_directive("yat-ledger", YatLedger)
    app.connect("doctree-resolved", resolve)
    app.connect("env-get-outdated", always_reread)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
