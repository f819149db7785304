"""The `sourcecheck` command. Errors print one line and exit 2; nothing half-stored.

Exit codes: 0 every quote faithful, 1 a quote altered or not found (or reported speech that
differs from its passage), 2 any error — also an unexpected one (a bug), which a
pre-publication script must not read as "altered".
"""

from __future__ import annotations

import errno
import io
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import limits
from .errors import SourcecheckError, one_line
from .extras import require_extra
from .ingest import Document, Metadata
from .libraries import Library, Source, default_db_path, library_exists, open_library, require_backend
from .library_base import AddResult
from .pipeline import QuoteAnalysis, analyse_quotes, expand, load, within_check_limits
from .report import render_quotes, to_json

if TYPE_CHECKING:
    from .timeline.checks import QuotedSource

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Check the quotations in a piece of writing against the sources they rest on.")
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    annotations = "annotations"


class ClaimsFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    annotations = "annotations"


DbOption = Annotated[str | None, typer.Option("--db", help="Library: a SQLite file (default ./sourcecheck.db, "
                                                           "or $SOURCECHECK_DB) or a postgresql:// URL.",
                                              show_default=False)]
MAX_ID = 2**63 - 1  # SQLite's and PostgreSQL's largest integer key
PrivateOption = Annotated[bool, typer.Option("--allow-private", help="Allow URLs on private or loopback "
                                                                     "addresses.")]


@app.command()
def add(
    locations: Annotated[list[str], typer.Argument(help="Files, directories or URLs to add.")],
    title: Annotated[str | None, typer.Option(help="Title (default: from the document).")] = None,
    author: Annotated[str | None, typer.Option(help="Author or issuer.")] = None,
    date: Annotated[str | None, typer.Option(help="Date, ISO 8601.")] = None,
    url: Annotated[str | None, typer.Option(help="Where the document was published.")] = None,
    db: DbOption = None,
    allow_private: PrivateOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No line per document, only the totals.")] = False,
) -> None:
    """Add sources to the library. Identical content already there is skipped.

    Documents are stored in batches (one transaction each): an interrupted add keeps every batch
    already committed."""
    items = expand(locations)
    overrides = {"title": title, "author": author, "date": date, "url": url}
    if any(overrides.values()) and len(items) > 1:
        raise SourcecheckError("--title/--author/--date/--url describe one document; give one file or URL")
    tally = {"added": 0, "already": 0, "failed": 0}

    def loaded(progress: Progress, task: TaskID) -> Iterator[tuple[Document, Metadata]]:
        for item in items:
            progress.update(task, description=_short(item))
            try:
                doc = _load(item, allow_private)
            except SourcecheckError as exc:
                tally["failed"] += 1
                err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
            else:
                yield doc, doc.metadata.merged(**overrides)
            progress.advance(task)

    def stored(result: AddResult) -> None:
        tally["added" if result.created else "already"] += 1
        if not quiet:
            verb = "added" if result.created else "already in the library:"
            out.print(f"{verb} #{result.source.id} {escape(_label(result.source))}", highlight=False)

    with _library(db or default_db_path()) as library, _progress(len(items) > 1) as progress:
        task = progress.add_task("adding", total=len(items))
        library.add_many(loaded(progress, task), on_result=stored,
                         on_phase=lambda doing: progress.update(task, description=doing))
    if len(items) > 1 or quiet:
        err.print(f"{tally['added']} added, {tally['already']} already in the library, {tally['failed']} failed",
                  highlight=False)
    if tally["failed"]:
        err.print(f"{tally['failed']} of {len(items)} could not be added", highlight=False)
        raise typer.Exit(2)


@app.command()
def sources(
    search: Annotated[str | None, typer.Option(help="Full-text search (words or an FTS5 query).")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.text,
    db: DbOption = None,
) -> None:
    """List the sources in the library."""
    with _existing_library(db) as library:
        rows = library.search(search) if search else library.sources()
    if fmt is OutputFormat.json:
        typer.echo(json.dumps([row.__dict__ for row in rows], ensure_ascii=False, indent=2))
        return
    table = Table("id", "title", "author", "date", "words", "origin", box=None, header_style="bold")
    for row in rows:
        table.add_row(str(row.id), row.title or "", row.author or "", row.date or "", str(row.n_words),
                      row.url or row.path or "")
    out.print(table)
    out.print(f"{len(rows)} source{'s' if len(rows) != 1 else ''}", style="dim")


@app.command()
def remove(
    source_id: Annotated[int, typer.Argument(metavar="ID", min=1, max=MAX_ID,
                                             help="The source's id (see `sourcecheck sources`).")],
    db: DbOption = None,
) -> None:
    """Remove a source from the library."""
    with _existing_library(db) as library:
        removed = library.remove(source_id)
    out.print(f"removed #{removed.id} {escape(_label(removed))}", highlight=False)


@app.command()
def quotes(
    article: Annotated[str, typer.Argument(help="Article file (HTML, PDF, DOCX, Markdown, text) or URL.")],
    fmt: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.text,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")] = None,
    allow_private: PrivateOption = False,
) -> None:
    """List the article's quotations with their kinds, speakers and cues."""
    with limits.time_budget(article):
        doc = _load(article, allow_private)
        limits.check_article(doc.text, article)
        analysis: QuoteAnalysis = analyse_quotes(doc)
    if fmt is OutputFormat.json:
        _write(to_json(analysis), output)
    elif output is not None:
        _write(_rendered(lambda console: render_quotes(analysis, console)), output)
    else:
        render_quotes(analysis, out)


@app.command()
def timeline(
    article: Annotated[str, typer.Argument(help="Article file (HTML, PDF, DOCX, Markdown, text) or URL.")],
    date: Annotated[str | None, typer.Option("--date", help="The article's date, YYYY-MM-DD: what 'yesterday' "
                                             "and 'on Monday' count from (default: its metadata).")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.text,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Library whose documents' dates date the events the "
                                           "article names (default ./sourcecheck.db when it exists).",
                                           show_default=False)] = None,
    sources_: Annotated[list[str] | None, typer.Option("--sources", help="Source files, directories or URLs whose "
                                                       "dates the article's are compared with too (no library "
                                                       "needed).")] = None,
    allow_private: PrivateOption = False,
) -> None:
    """The article's chronology: each date with the event it dates, and expressions such as 'two
    days after the signing' placed where they resolve (granularity shown: day, month, year).

    With a library (--db) or --sources, the article's dates are compared with its sources': a
    document it dates ("the treaty signed on 5 December 1994"), the sources its quotes are found
    in (dated after the article?), a quote it places in a year."""
    from .check import article_date
    from .timeline import build_timeline
    from .timeline.render import render_text, to_json

    dct = _iso_date_option(date) if date is not None else None
    with limits.time_budget(article):
        doc = _load(article, allow_private)
        limits.check_article(doc.text, article)
    dct = dct or article_date(doc)
    library = _existing_library(db) if db is not None or library_exists(default_db_path()) else None
    scratch = None
    try:
        if sources_:
            scratch = open_library(":memory:")
            for item in expand(sources_):
                scratch.add(_load(item, allow_private))
        quoted = _quoted_sources(doc, article, library, scratch)
        with limits.time_budget(f"the timeline of {article}"):
            result = build_timeline(doc.text, dct, library=library, sources=scratch, quoted=quoted)
    finally:
        for opened in (library, scratch):
            if opened is not None:
                opened.close()
    _write(to_json(result, doc) if fmt is OutputFormat.json else render_text(result), output)


@app.command()
def claims(
    article: Annotated[str, typer.Argument(help="Article file (HTML, PDF, DOCX, Markdown, text) or URL.")],
    fmt: Annotated[ClaimsFormat, typer.Option("--format", help="text, json, html (a self-contained page), or "
                                              "annotations (W3C Web Annotation JSON-LD of the claim and opinion "
                                              "sentences).")] = ClaimsFormat.text,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Library whose passages each claim is compared with "
                                           "(default ./sourcecheck.db when it exists).", show_default=False)] = None,
    sources_: Annotated[list[str] | None, typer.Option("--sources", help="Source files, directories or URLs to "
                                                       "compare the claims with too (no library needed).")] = None,
    allow_private: PrivateOption = False,
) -> None:
    """Label each sentence of the article's own voice: claim (a factual claim worth checking), fact or
    opinion, with the model's score; and put each claim's figures, dates and names next to the library
    passages that speak to it: consistent, differs (the items listed) or no passage. The library is the
    only evidence: these are never verdicts of truth. Quotations and reported speech keep their own
    checks (`sourcecheck check`)."""
    from .claims import find_claims
    from .claims.render import render_text, to_json

    with limits.time_budget(article):
        doc = _load(article, allow_private)
        limits.check_article(doc.text, article)
    libraries: list[Library] = []
    try:
        _open_libraries(db, sources_, allow_private, libraries, required=False)
        with limits.time_budget(f"the claims of {article}"):
            result = find_claims(doc, libraries)
    finally:
        for library in libraries:
            library.close()
    if fmt is ClaimsFormat.annotations:
        from .report_annotations import claims_annotations, to_jsonld

        _write(to_jsonld(claims_annotations(result, doc)), output)
    elif fmt is ClaimsFormat.html:
        from .report_html import render_claims_html

        _write(render_claims_html(result, doc), output)
    else:
        _write(to_json(result, doc) if fmt is ClaimsFormat.json else render_text(result), output)


def _open_libraries(db: str | None, sources_: list[str] | None, allow_private: bool, opened: list[Library], *,
                    required: bool) -> None:
    """Open into `opened` (the caller closes them, also after an error) the library, index 0, and the
    --sources, index 1: an empty library stands in for one the user has not made when --sources are
    given, so a source found in --sources is labelled as such (report.py reads the index). A --db that
    is not there is an error; so is having neither a library nor --sources when `required` (check),
    while `claims` then labels without comparing."""
    if library_exists(db or default_db_path()) or (not sources_ and (required or db is not None)):
        opened.append(_existing_library(db))
    elif sources_:
        opened.append(open_library(":memory:"))
    if sources_:
        scratch = open_library(":memory:")
        opened.append(scratch)
        for item in expand(sources_):
            scratch.add(_load(item, allow_private))


def _quoted_sources(doc: Document, article: str, library: Library | None,
                    scratch: Library | None) -> list[QuotedSource]:
    """The sources quote verification finds the article's quotes in (timeline.checks.QuotedSource),
    for the timeline to compare their dates with the article's."""
    from .check import check_quotes
    from .timeline.checks import QuotedSource

    libraries: list[Library] = [opened for opened in (library, scratch) if opened is not None]
    if not libraries:
        return []
    with limits.time_budget(f"checking the quotes of {article}"):
        result = check_quotes(doc, libraries, find_reported=False)
    return [QuotedSource(v.attribution.quote.span, v.ref.source,
                         "sources" if libraries[v.ref.library] is scratch else "library")
            for v in result.verifications if v.ref is not None and v.verdict != "not_found"]


def _iso_date_option(value: str) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise SourcecheckError(f"--date {value!r} is not a date: give it as YYYY-MM-DD") from None


def _semantic_reranker() -> Any:  # a passage_rerank.SemanticReranker
    from .passage_rerank import default_reranker

    require_extra("semantic", "check --semantic")
    reranker = default_reranker()
    if reranker is None:  # installed but not importable as a whole
        raise SourcecheckError("check --semantic: the semantic extra does not load; reinstall 'sourcecheck[semantic]'")
    return reranker


@app.command()
def check(
    article: Annotated[str, typer.Argument(help="Article file (HTML, PDF, DOCX, Markdown, text) or URL.")],
    sources_: Annotated[list[str] | None, typer.Option("--sources", help="Source files, directories or URLs to "
                                                       "check against too (no library needed).")] = None,
    db: DbOption = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", help="text, json, html (a self-contained report page), "
                                                             "or annotations (W3C Web Annotation JSON-LD).")]
    = CheckFormat.text,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")] = None,
    allow_private: PrivateOption = False,
    no_reported: Annotated[bool, typer.Option("--no-reported", help="Check the quotations only, not reported "
                                              "speech (faster).")] = False,
    semantic: Annotated[bool, typer.Option("--semantic", help="Rank reported speech's candidate passages by "
                                           "sentence embeddings too when the words leave it unsure (needs "
                                           "sourcecheck[semantic]; loads a model: a few seconds more).")] = False,
    date: Annotated[str | None, typer.Option("--date", help="The article's date, YYYY-MM-DD, for its timeline: "
                                             "what 'yesterday' counts from (default: its metadata).")] = None,
    no_timeline: Annotated[bool, typer.Option("--no-timeline", help="Leave out the article's timeline "
                                              "(its dates and the events they date).")] = False,
    no_claims: Annotated[bool, typer.Option("--no-claims", help="Leave out the labels of the article's own "
                                            "sentences (claim, fact, opinion) and the check of its claims.")] = False,
) -> None:
    """Check every quotation against the library: verdict, word-level diff, source sentence; and
    every indirect or mixed attribution (reported speech): its passage and how the two compare;
    and the article's timeline, its dates in order.

    Exit code 0: every quote verbatim or changed only where marked, and no reported speech that
    differs from its passage; 1: some quote altered or not found, or some reported speech differs;
    2: error.
    """
    from .check import check_quotes, with_claims, with_reported, with_timeline
    from .report import check_to_json, render_check

    dct = _iso_date_option(date) if date is not None else None
    reranker = _semantic_reranker() if semantic and not no_reported else None  # before any work: a missing extra
    libraries: list[Library] = []
    try:
        with limits.time_budget(article):
            doc = _load(article, allow_private)
            within_check_limits(doc, article)
        _open_libraries(db, sources_, allow_private, libraries, required=True)
        with limits.time_budget(f"checking {article}"):  # finding its quotes and looking each one up
            result = check_quotes(doc, libraries, find_reported=not (no_reported and no_claims),
                                  keep_parse=not (no_timeline and no_claims))
        if not no_claims:
            with limits.time_budget(f"the claims of {article} (--no-claims skips them)"):
                result = with_claims(result, libraries, reranker)
        if not no_timeline:
            with limits.time_budget(f"the timeline of {article} (--no-timeline skips it)"):
                result = with_timeline(result, libraries, dct)
        result = replace(result, parsed=None)  # let go before reported speech parses its own
        if not no_reported:
            found = sum(a.kind != "direct" for a in result.every_attribution)
            with limits.time_budget(f"checking the reported speech of {article} ({found} attributions; "
                                    "--no-reported skips it)", limits.REPORTED_SECONDS):
                result = with_reported(result, libraries, reranker)
    finally:
        for library in libraries:
            library.close()
    if fmt is CheckFormat.json:
        _write(check_to_json(result), output)
    elif fmt is CheckFormat.html:
        from .report_html import render_html

        _write(render_html(result), output)
    elif fmt is CheckFormat.annotations:
        from .report_annotations import check_annotations, to_jsonld

        _write(to_jsonld(check_annotations(result)), output)
    elif output is not None:
        _write(_rendered(lambda console: render_check(result, console)), output)
    else:
        render_check(result, out)
    raise typer.Exit(1 if result.problems else 0)


def _reported_line(record: dict[str, Any]) -> str:
    reported = record["by_reported_verdict"]
    if reported is None:
        return ""
    return (f"{record['reported']} reported: {reported['consistent']} consistent, {reported['differs']} differs, "
            f"{reported['no_passage']} no passage; ")


def _timeline_line(record: dict[str, Any]) -> str:
    return "" if record["timeline"] is None else f"{record['timeline']} timeline entries; "


def _claims_line(record: dict[str, Any]) -> str:
    labels, verdicts = record["by_label"], record["by_claim_verdict"]
    if labels is None:
        return ""
    return (f"{labels['claim']} claims ({verdicts['differs']} differ), {labels['fact']} facts, "
            f"{labels['opinion']} opinion; ")


class CorpusOutput(str, Enum):
    jsonl = "jsonl"
    parquet = "parquet"


@app.command()
def corpus(
    articles_dir: Annotated[Path, typer.Argument(metavar="ARTICLES_DIR", help="Folder of articles (every "
                                                 ".txt .md .html .pdf .docx below it).")],
    results: Annotated[Path, typer.Option("--out", help="Results folder (created if missing).")],
    sources_: Annotated[list[str] | None, typer.Option("--sources", help="Source files, directories or URLs to "
                                                       "check against too (no library needed).")] = None,
    db: DbOption = None,
    fmt: Annotated[CorpusOutput, typer.Option("--format", help="jsonl, or parquet (the same records).")]
    = CorpusOutput.jsonl,
    master: Annotated[str, typer.Option(help="Spark master: local[N] on this machine, or a cluster's URL.")]
    = "local[2]",
    partitions: Annotated[int | None, typer.Option(min=1, max=100_000, help="Spark partitions (default: 4 per core, at "
                                                   "most one per article).", show_default=False)] = None,
    no_reported: Annotated[bool, typer.Option("--no-reported", help="Check the quotations only, not reported "
                                              "speech (faster).")] = False,
    no_timeline: Annotated[bool, typer.Option("--no-timeline", help="Leave out the articles' timelines.")] = False,
    no_claims: Annotated[bool, typer.Option("--no-claims", help="Leave out the labels of the articles' own "
                                            "sentences (claim, fact, opinion) and the check of their claims.")]
    = False,
) -> None:
    """Check every article in a folder as a Spark job, and find passages the articles share.

    Writes quotes, reported speech, timeline entries, the labelled sentences of the articles' own
    voice (claims), articles and reuse records and summary.json to --out. Exit code 0: every quote
    verbatim or changed only where marked, no reported speech or claim that differs; 1: some quote
    altered or not found, or some reported speech or claim differs from its passage; 2: error, or
    an article could not be checked (listed in summary.json).
    """
    from .corpus import CorpusJob, run_corpus

    require_extra("spark", "sourcecheck corpus")
    require_backend(db)
    job = CorpusJob(articles_dir, results, db, tuple(sources_ or ()), fmt.value, master, partitions, not no_reported,
                    not no_timeline, not no_claims)
    summary = run_corpus(job)
    record, counts = summary.record, summary.record["by_verdict"]
    for failure in record["failed"]:
        err.print(f"error: {failure['error']}", highlight=False, markup=False)
    out.print(f"{record['checked']} of {record['articles']} articles checked, {record['quotes']} quotes: "
              f"{counts['verbatim']} verbatim, {counts['marked_edits']} marked, {counts['altered']} altered, "
              f"{counts['not_found']} not found; {_reported_line(record)}{_timeline_line(record)}{_claims_line(record)}"
              f"{record['reuse_pairs']} article pairs share "
              "passages "
              f"({record['seconds']} s on {record['spark']['master']}); results in {results}", highlight=False)
    raise typer.Exit(summary.exit_code)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on. Keep 127.0.0.1 unless others must reach "
                                           "it: the app has no login.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.", min=1, max=65535)] = 8000,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", help="A host name the app answers to besides localhost, IP addresses and --host "
                               "(repeatable); requests naming any other host are refused.")] = None,
    max_checks: Annotated[int | None, typer.Option(
        help="Checks running or waiting at once; one more is answered 503 with Retry-After "
             "(default: the number of cores, at least 2).", min=1)] = None,
    max_article_chars: Annotated[int, typer.Option(help="Longest article a check takes, in characters.",
                                                   min=1)] = 150_000,
) -> None:
    """Run the local web app: check articles, manage the library, reopen past checks, JSON API."""
    require_extra("web", "sourcecheck serve")
    require_backend(db)
    import uvicorn

    from .web import create_app

    _library_in_use.append(str(db or default_db_path()))
    application = create_app(db or default_db_path(), max_checks=max_checks, max_article_chars=max_article_chars,
                             allowed_hosts=[host, *(allowed_host or [])])
    err.print(f"sourcecheck on http://{host}:{port}/ (library {db or default_db_path()}); Ctrl-C stops it")
    try:
        uvicorn.run(application, host=host, port=port, log_level="warning")
    except SystemExit as exc:  # uvicorn exits 1 when it cannot bind: that is an error (2), not "altered"
        if exc.code not in (0, None):
            raise SourcecheckError(f"cannot listen on {host}:{port} (in use, or not an address of this machine)") \
                from None
        raise


def _existing_library(db: str | None) -> Any:
    """The library to read: it must exist (reading never creates an empty one by accident)."""
    path = db or default_db_path()
    if not library_exists(path):
        raise SourcecheckError(f"no library at {path}: add sources with `sourcecheck add`, "
                               "or give --db PATH (check also takes --sources)")
    return _library(path)


_library_in_use: list[str] = []  # for the message when the library turns out damaged


def _library(location: str) -> Library:
    _library_in_use.append(str(location))
    return open_library(location)


def _load(location: str, allow_private: bool) -> Document:
    """One document, within the time allowed per document."""
    with limits.time_budget(location):
        return load(location, allow_private=allow_private)


def _rendered(render: Callable[[Console], None]) -> str:
    buffer = io.StringIO()
    render(Console(file=buffer, width=100, no_color=True))
    return buffer.getvalue()


def _write(text: str, output: Path | None) -> None:
    """Write the report; to a file via a temporary beside it, so a full disk never leaves half a
    report in place of the last whole one."""
    if output is None:
        sys.stdout.write(text)
        return
    partial = output.with_name(output.name + ".part")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise SourcecheckError(f"{output}: cannot write the report ({_os_reason(exc)})") from None


def _progress(show: bool) -> Progress:
    return Progress(TextColumn("{task.description}", style="dim"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=err, disable=not show, transient=True)


def _short(item: str, width: int = 40) -> str:
    return item if len(item) <= width else "…" + item[-width + 1 :]


def _label(source: Source) -> str:
    title = source.title or Path(source.path or source.url or "").name or "untitled"
    return f"{title} ({source.url or source.path})" if (source.url or source.path) else title


def main() -> None:
    try:
        app()
    except SourcecheckError as exc:
        _fail(str(exc) + _advice(str(exc)))
    except KeyboardInterrupt:
        err.print("interrupted", highlight=False)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - exit 2 with one line, never 1 (read as "altered") nor a traceback
        if os.environ.get("SOURCECHECK_DEBUG"):
            raise
        _fail(_explain(exc))


def _fail(message: str) -> None:
    err.print(f"error: {one_line(message, 2000)}", highlight=False, markup=False, soft_wrap=True)
    sys.exit(2)


def _explain(exc: BaseException) -> str:
    """A user's reading of an exception no stage turned into a SourcecheckError."""
    library = _library_in_use[-1] if _library_in_use else default_db_path()
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (f"no space left on the disk ({_os_reason(exc)}): free some space and run the command again; "
                "what was stored before stays stored (`add` skips documents already in the library)")
    if type(exc).__module__.startswith("psycopg"):
        return (f"the PostgreSQL library failed ({one_line(exc, 160)}); check that the server is up and its log, "
                "then run the command again (every add is one transaction: nothing half-stored)")
    unreadable_row = isinstance(exc, UnicodeDecodeError) and bool(_library_in_use)  # text bytes flipped on disk
    if isinstance(exc, sqlite3.DatabaseError) or unreadable_row:
        return (f"{library}: the library database is damaged or unreadable ({one_line(exc, 120)}). "
                f"Check it with `sqlite3 {library} 'PRAGMA integrity_check'`; if the full-text index alone is "
                f"damaged, `sqlite3 {library} \"INSERT INTO sources_fts(sources_fts) VALUES('rebuild')\"` "
                "rebuilds it; else restore a backup, or add your sources again to a new library (--db NEW)")
    index_damaged = isinstance(exc, FileNotFoundError | ValueError) and ".index" in str(exc)
    if index_damaged or isinstance(exc, json.JSONDecodeError):
        return (f"{library}: the library's quote index or a stored row is damaged ({one_line(exc, 160)}). The "
                f"documents are kept in the database (check it with `sqlite3 {library} 'PRAGMA integrity_check'`); "
                "add your sources again to a new library (--db NEW) to rebuild the index")
    if isinstance(exc, OSError):
        return f"{_os_reason(exc)}"
    if isinstance(exc, MemoryError):
        return "out of memory: the input is too large for this machine"
    if isinstance(exc, RecursionError):
        return "the input is nested too deeply to read"
    return (f"unexpected {exc.__class__.__name__}: {one_line(exc, 300)} — a bug in sourcecheck; "
            "SOURCECHECK_DEBUG=1 shows the traceback")


DAMAGE_SIGNS = ("malformed", "not a database", "file is not a database", "no such table", "corrupt")
FULL_DISK_SIGNS = ("disk is full", "no space left")


def _advice(message: str) -> str:
    """What to do, for the library errors the stages report with SQLite's words only."""
    lowered = message.lower()
    library = _library_in_use[-1] if _library_in_use else default_db_path()
    if any(sign in lowered for sign in FULL_DISK_SIGNS):
        return "; free some space and run the command again (what was stored before stays stored)"
    if any(sign in lowered for sign in DAMAGE_SIGNS):
        return (f"; the library is damaged: check it with `sqlite3 {library} 'PRAGMA integrity_check'`, restore a "
                "backup or add your sources again to a new library (--db NEW)")
    return ""


def _os_reason(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}"

