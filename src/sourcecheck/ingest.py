"""Ingest: turn a file or URL into one canonical text with paragraph blocks and an offset map.

Formats: plain text, Markdown, HTML (main text by trafilatura), PDF (text layer, pypdf), DOCX
(python-docx). The canonical text is the document's prose, blocks separated by a blank line,
white space inside a block folded to single spaces; `Document.offsets` maps it back to
`Document.original_text` (the decoded file, or for PDF/DOCX their extracted text layer).
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import os
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree

from . import limits
from .errors import IngestError, one_line
from .spans import ArticleSpan, OffsetMap, OriginalSpan, SourceSpan, TextBuilder

BlockKind = Literal["paragraph", "heading", "blockquote", "list_item"]
Format = Literal["text", "markdown", "html", "pdf", "docx"]

EXTENSIONS: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".docx": "docx",
}
BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive", b"7z\xbc\xaf": "a 7z archive", b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0": "an old Office (OLE) file", b"Rar!": "a RAR archive",
}


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None

    def merged(self, **overrides: str | None) -> Metadata:
        """The metadata with every non-empty override applied (user-given values win)."""
        values = {k: v for k, v in overrides.items() if v}
        return Metadata(**{**self.__dict__, **values})


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    kind: BlockKind
    group: int  # paragraphs of one block quote share a group; every other block has its own


@dataclass(frozen=True)
class Document:
    text: str
    blocks: tuple[Block, ...]
    format: Format
    metadata: Metadata
    original_text: str
    offsets: OffsetMap
    sha256: str  # of the original bytes
    path: str | None = None
    page_starts: tuple[int, ...] = field(default=(0,))  # original offsets where PDF pages start

    def original_span(self, span: ArticleSpan | SourceSpan) -> OriginalSpan:
        return self.offsets.span_to_original(span)

    def page_of(self, offset: int) -> int:
        """1-based page (PDF) of a canonical offset; 1 for formats without pages."""
        original = self.offsets.to_original(offset)
        return sum(1 for start in self.page_starts if start <= original)

    def block_at(self, offset: int) -> Block | None:
        for block in self.blocks:
            if block.start <= offset < block.end:
                return block
        return None


class DocumentBuilder:
    """Canonical text assembled block by block; blocks are separated by a blank line."""

    def __init__(self) -> None:
        self.text = TextBuilder()
        self.blocks: list[Block] = []
        self._block_start: int | None = None
        self._kind: BlockKind = "paragraph"
        self._group = 0
        self._next_group = 0

    def begin(self, kind: BlockKind, group: int | None = None) -> None:
        if self._block_start is not None:
            self.end()
        if self.blocks:
            self.text.add("\n\n", None)
        self._block_start = len(self.text)
        self._kind = kind
        self._group = self.new_group() if group is None else group

    def new_group(self) -> int:
        self._next_group += 1
        return self._next_group

    def add_flowing(self, text: str, orig_start: int, dehyphenate: bool = False) -> None:
        """Add running text: any white space other than one plain space folds to one space."""
        body_start = len(text) - len(text.lstrip())
        body_end = len(text.rstrip())
        if body_end <= body_start:
            if text and not self.at_block_start() and not self.text.endswith(" "):
                self.text.add(" ", orig_start, len(text))
            return
        if body_start and not self.at_block_start() and not self.text.endswith(" "):
            self.text.add(" ", orig_start, body_start)
        cursor = body_start
        body = text[body_start:body_end]
        if "  " not in body and body.isprintable():  # nothing to fold (isprintable is False for \n, \t, NBSP…)
            self.text.add(body, orig_start + body_start)
            cursor = body_end
        for run in () if cursor == body_end else _FOLDED_SPACE.finditer(text, body_start, body_end):
            piece = text[cursor : run.start()]
            if dehyphenate and _ends_hyphenated(piece, text[run.start() :]):
                self.text.add(piece[:-1], orig_start + cursor)
            else:
                self.text.add(piece, orig_start + cursor)
                self.text.add(" ", orig_start + run.start(), len(run.group()))
            cursor = run.end()
        self.text.add(text[cursor:body_end], orig_start + cursor)
        if body_end < len(text):
            self.text.add(" ", orig_start + body_end, len(text) - body_end)

    def add_raw(self, text: str, orig_start: int | None, orig_len: int | None = None) -> None:
        self.text.add(text, orig_start, orig_len)

    def at_block_start(self) -> bool:
        return self._block_start is not None and len(self.text) == self._block_start

    def end(self) -> None:
        if self._block_start is None:
            return
        end = self.text.length_without_trailing_spaces()
        if end > self._block_start:
            self.blocks.append(Block(self._block_start, end, self._kind, self._group))
        self._block_start = None

    def build(self, **fields: Any) -> Document:
        self.end()
        text, offsets = self.text.build()
        blocks = tuple(self.blocks)
        if not blocks or not text.strip():
            raise IngestError("no text found in the document")
        return Document(text=text, blocks=blocks, offsets=offsets, **fields)


_FOLDED_SPACE = re.compile(r"\s{2,}|[^\S ]")


def _ends_hyphenated(piece: str, rest: str) -> bool:
    """A word broken at a line end ("inter-" + newline + "national"): the hyphen goes."""
    return (
        len(piece) > 2 and piece.endswith("-") and piece[-2].islower()
        and re.match(r"[ \t]*\n\s*[a-z]", rest) is not None
    )


# ---------------------------------------------------------------- entry points


def ingest_path(path: str | Path, fmt: Format | None = None) -> Document:
    path = Path(path)
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if path.is_dir():
        raise IngestError(f"{path}: is a directory, not a document")
    try:
        limits.FILE_BYTES.check(path.stat().st_size, str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot read ({exc.strerror})") from exc
    doc = ingest_bytes(data, name=str(path), fmt=fmt)
    return Document(**{**doc.__dict__, "metadata": _metadata_from_filename(doc.metadata, path)})


def _metadata_from_filename(meta: Metadata, path: Path) -> Metadata:
    """Files named like `1961-01-20-inaugural-address.txt` carry a date and a title."""
    dated = re.match(r"^(\d{4}-\d{2}-\d{2})[-_ ]+(.+)$", path.stem)
    stem = dated.group(2) if dated else path.stem
    title = meta.title or re.sub(r"[-_]+", " ", stem).strip().capitalize() or None
    return Metadata(title=title, author=meta.author, date=meta.date or (dated.group(1) if dated else None),
                    url=meta.url)


def ingest_bytes(data: bytes, name: str, fmt: Format | None = None, url: str | None = None,
                 content_type: str | None = None) -> Document:
    if not data or data.isspace():
        raise IngestError(f"{name}: empty file")
    limits.FILE_BYTES.check(len(data), name)
    fmt = fmt or detect_format(data, name, content_type)
    reader = {"text": read_text, "markdown": read_markdown, "html": read_html,
              "pdf": read_pdf, "docx": read_docx}[fmt]
    try:
        doc = reader(data)
    except IngestError as exc:
        raise type(exc)(f"{name}: {exc}") from None
    except RecursionError:
        raise IngestError(f"{name}: nested too deeply to read") from None
    except MemoryError:
        raise IngestError(f"{name}: too large to read in this machine's memory") from None
    except Exception as exc:  # noqa: BLE001 - the PDF, DOCX and HTML parsers raise anything on a damaged file
        raise IngestError(f"{name}: not a readable {fmt.upper() if fmt in ('pdf', 'docx', 'html') else fmt} file "
                          f"({exc.__class__.__name__}: {one_line(exc, 120)})") from None
    meta = doc.metadata if not url else doc.metadata.merged(url=url)
    return Document(**{**doc.__dict__, "metadata": meta, "path": None if url else name})


def detect_format(data: bytes, name: str, content_type: str | None = None) -> Format:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if _is_docx(data):
            return "docx"
        raise IngestError(f"{name}: unknown format (a ZIP archive that is not a DOCX document)")
    suffix = os.path.splitext(name.split("?")[0])[1].lower()  # pathlib costs more than ingesting a small text
    if content_type:
        ctype = content_type.split(";")[0].strip().lower()
        by_type: dict[str, Format] = {"text/html": "html", "application/xhtml+xml": "html", "text/markdown": "markdown",
                   "text/plain": "text", "application/pdf": "pdf"}
        if ctype in by_type:
            return by_type[ctype]
    if suffix in EXTENSIONS:
        fmt = EXTENSIONS[suffix]
        if fmt in ("pdf", "docx"):
            raise IngestError(f"{name}: not a valid {fmt.upper()} file")
        return fmt
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise IngestError(f"{name}: unknown format ({what})")
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if suffix and _looks_binary(data):
        raise IngestError(f"{name}: unknown format '{suffix}'")
    return "text"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


_NOT_CONTROL = bytes([9, 10, 12, 13, *range(32, 256)])


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text has NUL bytes
    if b"\x00" in sample:
        return True
    control = len(sample.translate(None, _NOT_CONTROL))
    return control > len(sample) * 0.05


# ---------------------------------------------------------------- decoding


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode text bytes: BOM, then a declared charset, then UTF-8, then detection."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _within_limit(data.decode(codec, errors="replace"))
    if _looks_binary(data):
        raise IngestError("binary data, not text")
    candidates = [declared] if declared and _is_text_codec(declared) else []
    for codec in [*candidates, "utf-8"]:
        try:
            return _within_limit(data.decode(codec))
        except (UnicodeError, LookupError):  # UnicodeError, not only UnicodeDecodeError: idna, utf-7 raise it
            continue
    western = _as_windows_1252(data)
    if western is not None:
        return _within_limit(western)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError("cannot detect the text encoding")
    return _within_limit(str(best))


def _is_text_codec(name: str) -> bool:
    """A charset a page may declare: a real text encoding (not rot13, zlib_codec, idna…)."""
    import codecs

    try:
        info = codecs.lookup(name)
    except LookupError:
        return False
    return getattr(info, "_is_text_encoding", True) and info.name not in ("idna", "punycode", "utf-7")


def _within_limit(text: str) -> str:
    limits.CHARACTERS.check(len(text))
    return text


def _as_windows_1252(data: bytes) -> str | None:
    """Western text that is not UTF-8 is nearly always Windows-1252 (a superset of Latin-1 for
    text). Detectors misjudge short texts, so take it when the result reads as Western prose:
    accented letters sprinkled among plain ones, not words made of them (Cyrillic read wrongly)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    accented = sum(1 for c in letters if ord(c) > 127)
    return text if letters and accented / len(letters) < 0.25 else None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- plain text

HEADER_KEYS = {"title": "title", "author": "author", "by": "author", "president": "author",
               "issued by": "author", "date": "date", "url": "url", "source": "url"}
DATE_PATTERN = re.compile(
    r"^(?:\w+day,?\s+)?(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})$"
)


def read_text(data: bytes) -> Document:
    text = decode(data)
    fields: dict[str, Any] = {"format": "text", "metadata": _text_metadata(text), "original_text": text,
                              "sha256": _sha256(data)}
    simple = _one_line_paragraphs(text)
    if simple is not None:
        canonical, blocks, offsets = simple
        return Document(text=canonical, blocks=blocks, offsets=offsets, **fields)
    return _built_text(list(_text_paragraphs(text))).build(**fields)


def _built_text(paragraphs: list[tuple[int, str]]) -> DocumentBuilder:
    builder = DocumentBuilder()
    indented = [_is_indented(p) for _, p in paragraphs]
    quote_allowed = not all(indented)  # an all-indented file is just indented prose
    previous = ""
    for (start, para), is_indented in zip(paragraphs, indented, strict=True):
        introduced = _introduced_indented(previous, para.split("\n"))
        kind: BlockKind = "blockquote" if (is_indented or introduced) and quote_allowed else "paragraph"
        previous = para.rstrip().rsplit("\n", 1)[-1]
        builder.begin(kind)
        builder.add_flowing(para, start)
    return builder


def _one_line_paragraphs(text: str) -> tuple[str, tuple[Block, ...], OffsetMap] | None:
    """The canonical text, blocks and offsets of plain text whose paragraphs are single lines
    between empty lines, with nothing to fold (no runs of spaces, no tabs or other white space),
    exactly as DocumentBuilder makes them (a line's newline becomes a space, outside the block) but
    without its per-piece bookkeeping: most archives' text files look like this, and a library
    build reads millions of them. None for anything else."""
    if "\n\n" not in text or "  " in text:
        return None
    new = Block.__new__  # Block() of a frozen dataclass is slow; blocks are many
    bodies: list[str] = []
    blocks: list[Block] = []
    canon_starts: list[int] = []
    orig_starts: list[int] = []
    start = origin = 0
    previous = -2
    for i, line in enumerate(text.split("\n")):
        if line:
            if i - previous < 2 or line[0] == " " or line[-1] == " " or not line.isprintable():
                return None  # a paragraph of several lines, or white space to fold (tabs, NBSP, form feeds…)
            previous = i
            bodies.append(line)
            block = new(Block)
            block.__dict__.update(start=start, end=start + len(line), kind="paragraph", group=len(blocks) + 1)
            blocks.append(block)
            # the line's newline becomes a space after it, outside the block; then a blank line,
            # an inserted run anchored just past that newline
            canon_starts += (start, start + len(line) + 1)
            orig_starts += (origin, origin + len(line) + 1)
            start += len(line) + 3
        origin += len(line) + 1
    canonical = " \n\n".join(bodies) + (" " if text[-1] == "\n" else "")  # the last line's newline, if any
    runs = 2 * len(blocks) - 1  # copied line, inserted blank line, copied line, ...
    copied = (True, False) * (len(blocks) - 1) + (True,)
    offsets = OffsetMap(tuple(canon_starts[:runs]), tuple(orig_starts[:runs]), copied, (0,) * runs)
    return canonical, tuple(blocks), offsets


LONGEST_WRAPPED_LINE = 150  # characters: a longer line is a paragraph of its own, not a wrapped one
HEADER_LINE = re.compile(r"^([A-Za-z ]{2,12}):\s+(.+)$")
BYLINE = re.compile(r"^By\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})$")


def _text_paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Paragraphs with their offsets: blank-line separated, else found as in a hard-wrapped layout."""
    if not re.search(r"\n[ \t]*\n", text):
        yield from _wrapped_paragraphs(text)
        return
    for match in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text):
        yield from _unwrapped_lines(match.start(), match.group())


def _unwrapped_lines(start: int, chunk: str) -> Iterator[tuple[int, str]]:
    """A chunk between blank lines whose lines are too long to be hard-wrapped is a paragraph a
    line (web text saved with single newlines between paragraphs); otherwise it is one paragraph."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]*\S[^\n]*(?:\n|$)", chunk)]
    lengths = sorted(len(line.strip()) for _, line in lines)
    if len(lines) < 2 or lengths[len(lengths) // 2] <= LONGEST_WRAPPED_LINE:
        yield start, chunk
        return
    for at, line in lines:
        yield start + at, line


def _introduced_indented(previous_line: str, lines: list[str]) -> bool:
    """Lines indented by two or more spaces right after a line ending in a colon ("..., wrote in
    2007:"): a quotation set off by indentation alone, as wiki dumps and e-mail leave them."""
    return previous_line.rstrip().endswith(":") and bool(lines) and all(
        re.match(r"^(?: {2,}|\t)\S", line) for line in lines if line.strip())


def _is_indented(paragraph: str) -> bool:
    lines = [line for line in paragraph.split("\n") if line.strip()]
    return bool(lines) and all(line.startswith(("    ", "\t")) for line in lines)


def _text_metadata(text: str) -> Metadata:
    """Title, author and date from a header: `Key: value` lines, or title / By NAME / date lines."""
    found: dict[str, str] = {}
    for i, line in enumerate(_first_lines(text, 8)):
        line = line.strip()
        if not line:
            continue
        # each pattern is tried only where it can match (a library build reads millions of headers)
        header = HEADER_LINE.match(line) if ":" in line[:13] else None
        if header and header.group(1).lower() in HEADER_KEYS:
            found.setdefault(HEADER_KEYS[header.group(1).lower()], header.group(2).strip())
        elif line.startswith("By") and (byline := BYLINE.match(line)):
            found.setdefault("author", byline.group(1))
        elif line[-1].isdigit() and DATE_PATTERN.match(line):
            found.setdefault("date", _iso_date(line))
        elif i == 0 and len(line) < 150 and not line.endswith((".", ":")):
            found.setdefault("title", line)
    return Metadata(**found)


def _first_lines(text: str, n: int) -> list[str]:
    """`text.strip().splitlines()[:n]` without splitting all of a long text."""
    text = text.lstrip()
    end = -1
    for _ in range(n):  # past the n-th newline: n whole lines at least (splitlines knows more line breaks)
        end = text.find("\n", end + 1)
        if end < 0:
            return text.rstrip().splitlines()[:n]
    rest = text[end + 1 :]
    if not rest or rest.isspace():  # stripping the end would reach into those lines
        return text.rstrip().splitlines()[:n]
    return text[: end + 1].splitlines()[:n]


def _iso_date(value: str) -> str:
    import dateparser

    parsed = dateparser.parse(value, languages=["en"])
    return parsed.date().isoformat() if parsed else value


# ---------------------------------------------------------------- Markdown

INLINE_MARKUP = re.compile(
    # no brackets inside the brackets, no parentheses inside the target: a line of 10^5 "[" or "](" is
    # matched in linear time, not tried from every bracket to the end of the line
    r"!\[[^\[\]]*\]\([^()]*\)"           # image: dropped
    r"|\[([^\[\]]+)\]\([^()]*\)"          # link: keep its text
    r"|(?<![\w*])(\*\*|__|\*|_)(?=\S)"  # emphasis opening
    r"|(?<=\S)(\*\*|__|\*|_)(?![\w*])"  # emphasis closing
    r"|`"
)


QUOTE_PREFIX = re.compile(r"^\s{0,3}>(?:[ \t]?>)*[ \t]?")  # nested block quotes ("> > text") read as one


def read_markdown(data: bytes) -> Document:
    text = decode(data)
    builder = DocumentBuilder()
    meta, body_start = _front_matter(text)
    has_front_title = body_start > 0 and meta.title is not None
    quote_group: int | None = None
    in_fence = False
    pending: list[tuple[int, str]] = []
    pending_kind: BlockKind = "paragraph"

    previous_line = ""  # the last line of the paragraph before, to tell an introduced indented quote

    def flush() -> None:
        nonlocal previous_line, quote_group
        if pending:
            kind = pending_kind
            if kind == "paragraph" and _introduced_indented(previous_line, [line for _, line in pending]):
                kind = "blockquote"
                quote_group = builder.new_group()
            builder.begin(kind, quote_group if kind == "blockquote" else None)
            for at, line in pending:
                _add_markdown_inline(builder, line, at)
                builder.add_raw(" ", None)
            previous_line = pending[-1][1]
            pending.clear()

    for match in re.finditer(r"[^\n]*\n?", text[body_start:]):
        line, at = match.group().rstrip("\n"), body_start + match.start()
        if not match.group():
            break
        if line.lstrip().startswith(("```", "~~~")):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        quoted = QUOTE_PREFIX.match(line)
        if quoted:
            limits.DEPTH.check(quoted.group().count(">"), "a block quote")
            content_at = at + quoted.end()
            content = line[quoted.end() :]
            if pending_kind != "blockquote":
                flush()
                quote_group = builder.new_group()
                pending_kind = "blockquote"
            if not content.strip():
                flush()
            else:
                pending.append((content_at, content))
            continue
        if pending_kind == "blockquote":
            flush()
            pending_kind = "paragraph"
        if not line.strip() or re.match(r"^\s*([-*_])(\s*\1){2,}\s*$", line):
            flush()
            continue
        heading = re.match(r"^\s{0,3}#{1,6}\s+", line)
        item = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+", line)
        if heading or item:
            flush()
            pending_kind = "heading" if heading else "list_item"
            marker = heading or item
            assert marker is not None
            pending.append((at + marker.end(), line[marker.end() :].rstrip("# ") if heading else line[marker.end() :]))
            flush()
            pending_kind = "paragraph"
            continue
        pending.append((at, line))
    flush()
    builder.end()
    first_heading = next((b for b in builder.blocks if b.kind == "heading"), None)
    if first_heading and not has_front_title:
        meta = meta.merged(title=builder.text.build()[0][first_heading.start : first_heading.end])
    return builder.build(format="markdown", metadata=meta, original_text=text, sha256=_sha256(data))


def _add_markdown_inline(builder: DocumentBuilder, line: str, at: int) -> None:
    cursor = 0
    for match in INLINE_MARKUP.finditer(line):
        builder.add_flowing(line[cursor : match.start()], at + cursor)
        if match.group(1):  # link text
            builder.add_flowing(match.group(1), at + match.start(1))
        cursor = match.end()
    builder.add_flowing(line[cursor:], at + cursor)


def _front_matter(text: str) -> tuple[Metadata, int]:
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not match:
        return _text_metadata(text), 0
    found = {}
    for line in match.group(1).splitlines():
        key, _, value = line.partition(":")
        key = HEADER_KEYS.get(key.strip().lower())
        if key and value.strip():
            found[key] = value.strip().strip("\"'")
    return Metadata(**found), match.end()


# ---------------------------------------------------------------- HTML


_TAG = re.compile(r"<[^<>]*>")  # linear: never scans past the next "<"
_REFERENCE = re.compile(r"&#?\w+;?")


class _TextNodes(HTMLParser):
    """Flattens an HTML page into its visible characters, each with its offset in the source."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.chars: list[str] = []
        self.positions: list[int] = []
        self.lengths: list[int] = []  # original characters each one stands for (entities: several)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._skip_depth = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip_depth += 1
        elif tag in ("br", "p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "tr"):
            self._emit(" ", self._offset())
        elif tag == "q":  # a browser shows <q> with quote marks: so does the canonical text
            self._emit("“", self._offset(), len(self.get_starttag_text() or "<q>"))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip_depth:
            self._skip_depth -= 1
        elif tag == "q":
            self._emit("”", self._offset(), len("</q>"))

    def handle_data(self, data: str) -> None:
        start = self._offset()
        for i, char in enumerate(data):
            self._emit(char, start + i)

    def handle_entityref(self, name: str) -> None:
        self._emit_reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._emit_reference(f"&#{name};")

    def _emit_reference(self, reference: str) -> None:
        from html import unescape

        start = self._offset()
        written = _REFERENCE.match(self.source, start)  # not source[start:]: a copy per entity is quadratic
        self._emit(unescape(reference), start, len(written.group()) if written else len(reference))

    def _emit(self, chars: str, position: int, length: int = 1) -> None:
        if self._skip_depth:
            return
        for char in chars:
            self.chars.append(char)
            self.positions.append(position)
            self.lengths.append(length)


def read_html(data: bytes) -> Document:
    import trafilatura

    text = decode(data, _declared_charset(data))
    limits.HTML_CHARACTERS.check(len(text) - sum(len(tag) for tag in _TAG.findall(text)))
    try:
        xml = trafilatura.extract(_q_as_marks(text), output_format="xml", include_comments=False, include_tables=False,
                                  include_formatting=False, with_metadata=True, favor_recall=True)
    except Exception as exc:  # trafilatura raises assorted parser errors on mangled markup
        raise IngestError(f"cannot parse HTML ({exc.__class__.__name__})") from None
    if not xml:
        raise IngestError("no main text found in the HTML page")
    root = ElementTree.fromstring(xml)
    nodes = _TextNodes(text)
    nodes.feed(text)
    nodes.close()
    flat = "".join(nodes.chars)
    builder = DocumentBuilder()
    cursor = 0
    quote_groups: dict[int | None, int] = {}
    seen: set[str] = set()
    main = root.find("main")
    for kind, quote_key, content in _walk_blocks(main if main is not None else [], None):
        normalized = " ".join(content.split())
        if normalized in seen and _locate_words(normalized.split(), flat, cursor) is None:
            continue  # trafilatura sometimes repeats a paragraph it already gave
        seen.add(normalized)
        group = None
        if kind == "blockquote":
            if quote_key not in quote_groups:
                quote_groups[quote_key] = builder.new_group()
            group = quote_groups[quote_key]
        builder.begin(kind, group)
        cursor = _add_located(builder, content, flat, nodes, cursor)
    meta = Metadata(title=root.get("title"), author=root.get("author"), date=root.get("date"),
                    url=root.get("url"))
    return builder.build(format="html", metadata=meta, original_text=text, sha256=_sha256(data))


def _q_as_marks(html: str) -> str:
    """<q>…</q> carries its quotation marks in the markup; give them to the extractor as text."""
    return re.sub(r"</q\s*>", "”", re.sub(r"<q(?:\s[^>]*)?>", "“", html, flags=re.I), flags=re.I)


def _declared_charset(data: bytes) -> str | None:
    match = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    return match.group(1).decode("ascii") if match else None


def _walk_blocks(element: Any, quote_key: int | None) -> Iterator[tuple[BlockKind, int | None, str]]:
    """(kind, quote key, text) for each block of trafilatura's XML, in reading order."""
    for child in element:
        if child.tag == "quote":
            inner = [c for c in child if c.tag in ("p", "head", "list", "quote")]
            if inner:
                yield from _walk_blocks(child, id(child))
            else:
                yield "blockquote", id(child), "".join(child.itertext())
        elif child.tag == "list":
            for item in child.iter("item"):
                yield ("blockquote" if quote_key else "list_item"), quote_key, "".join(item.itertext())
        elif child.tag in ("p", "head"):
            kind: BlockKind = "blockquote" if quote_key else ("heading" if child.tag == "head" else "paragraph")
            yield kind, quote_key, "".join(child.itertext())
        elif len(child):
            yield from _walk_blocks(child, quote_key)


def _add_located(builder: DocumentBuilder, content: str, flat: str, nodes: _TextNodes, cursor: int) -> int:
    """Add a block, mapping each character to the page source by finding the block in the page text."""
    words = content.split()
    if not words:
        return cursor
    located = _locate_words(words, flat, cursor) or _locate_words(words, flat, 0)
    if located is None:  # trafilatura rewrote the text: keep it, anchored where we are in the page
        anchor = nodes.positions[min(cursor, len(nodes.positions) - 1)] if nodes.positions else 0
        builder.add_raw(" ".join(words), anchor, 0)
        return cursor
    positions, lengths = nodes.positions, nodes.lengths
    for word, start in zip(words, located, strict=True):
        if not builder.at_block_start():
            builder.add_raw(" ", positions[start - 1] if start else None, 1)
        end = start + len(word)
        if positions[end - 1] - positions[start] == len(word) - 1 and sum(lengths[start:end]) == len(word):
            builder.add_raw(word, positions[start], len(word))  # copied as is: one piece, not one per character
            continue
        for i, char in enumerate(word):
            builder.add_raw(char, positions[start + i], lengths[start + i])
    return located[-1] + len(words[-1])


def _locate_words(words: list[str], flat: str, cursor: int, tries: int = 50) -> list[int] | None:
    """Offsets in `flat` of each word, in order and separated only by white space, after `cursor`."""
    search_from = cursor
    for _ in range(tries):
        first = flat.find(words[0], search_from)
        if first < 0:
            return None
        offsets, at = [first], first + len(words[0])
        for word in words[1:]:
            while at < len(flat) and flat[at].isspace():
                at += 1
            if not flat.startswith(word, at):
                break
            offsets.append(at)
            at += len(word)
        if len(offsets) == len(words):
            return offsets
        search_from = first + 1
    return None


# ---------------------------------------------------------------- PDF


def read_pdf(data: bytes) -> Document:
    from pypdf.errors import PdfReadError

    _bound_pypdf_inflation()
    try:
        with _quiet_pypdf():
            reader = _guarded_reader_class()(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise IngestError("encrypted PDF: decrypt it first")
            limits.PAGES.check(len(reader.pages))
            pages, chars = [], 0
            for page in reader.pages:
                pages.append(page.extract_text() or "")
                chars += len(pages[-1])
                limits.CHARACTERS.check(chars)
            info = reader.metadata or {}
            date = getattr(info, "creation_date", None)
            meta = Metadata(title=_clean(info.get("/Title")), author=_clean(info.get("/Author")),
                            date=date.date().isoformat() if date else None)
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, NotImplementedError) as exc:
        message = str(exc).lower()
        if "decrypt" in message or "encrypt" in message or "password" in message or "crypt" in message:
            raise IngestError("encrypted PDF: decrypt it first") from None
        raise IngestError(f"not a readable PDF ({exc.__class__.__name__}: {one_line(exc, 120)})") from None
    if not "".join(pages).strip():
        raise IngestError("PDF has no text layer (image-only?): run OCR first")
    original = "\f".join(pages)
    page_starts, at = [], 0
    for page in pages:
        page_starts.append(at)
        at += len(page) + 1
    builder = DocumentBuilder()
    for start, paragraph in _wrapped_paragraphs(original):
        builder.begin("paragraph")
        builder.add_flowing(paragraph, start, dehyphenate=True)
    return builder.build(format="pdf", metadata=meta, original_text=original, sha256=_sha256(data),
                         page_starts=tuple(page_starts))


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs a warning for every oddity of a damaged file; the user gets one error line instead."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        log.setLevel(level)


def _bound_pypdf_inflation() -> None:
    """Make pypdf's FlateDecode stop at the unpacked-size limit (pypdf 5 inflates without bound:
    600 KB of zeros become 600 MB)."""
    import pypdf.filters

    if getattr(pypdf.filters.decompress, "bounded", False):
        return
    unbounded = pypdf.filters.decompress

    def bounded(data: bytes) -> bytes:
        limit = int(limits.UNPACKED_BYTES.value())
        if limit <= 0:
            return unbounded(data)
        for wbits in (zlib.MAX_WBITS, zlib.MAX_WBITS | 32, -zlib.MAX_WBITS):
            inflater = zlib.decompressobj(wbits)
            try:
                out = inflater.decompress(data, limit)
            except zlib.error:
                continue
            if inflater.unconsumed_tail:
                raise limits.UNPACKED_BYTES.exceeded("a compressed stream")
            return out
        out = unbounded(data)  # damaged data: pypdf recovers what it can, byte by byte
        limits.UNPACKED_BYTES.check(len(out), "a compressed stream")
        return out

    bounded.bounded = True  # type: ignore[attr-defined]
    pypdf.filters.decompress = bounded


@functools.cache
def _guarded_reader_class() -> type:
    """pypdf's reader, refusing to follow a cross-reference chain (/Prev) back to where it has been:
    pypdf 5 loops forever on a /Prev that points to itself."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    class GuardedReader(PdfReader):
        def _read_xref_tables_and_trailers(self, stream: Any, startxref: int | None, xref_issue_nr: int) -> None:
            self._xref_seen = {startxref}
            super()._read_xref_tables_and_trailers(stream, startxref, xref_issue_nr)

        def _next_xref(self, startxref: int | None) -> int | None:
            if startxref is not None:
                if startxref in self._xref_seen:
                    raise PdfReadError("cross-reference table loops (/Prev points back)")
                self._xref_seen.add(startxref)
            return startxref

        def _read_xref(self, stream: Any) -> int | None:
            return self._next_xref(super()._read_xref(stream))

        def _read_xref_other_error(self, stream: Any, startxref: int) -> int | None:
            return self._next_xref(super()._read_xref_other_error(stream, startxref))

        def _process_xref_stream(self, xrefstream: Any) -> None:
            super()._process_xref_stream(xrefstream)
            if "/Prev" in xrefstream:
                self._next_xref(xrefstream["/Prev"])

    return GuardedReader


PAGE_NUMBER = re.compile(r"\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*")


def _wrapped_paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Join hard-wrapped lines (a PDF's, a text file's) into paragraphs, across page breaks too.

    A paragraph ends at a blank line, or at a line that ends a sentence and is clearly shorter
    than the usual line. Lines too long to be wrapped are paragraphs each. Lone page numbers go.
    """
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n\f]+", text)]
    lines = [(at, line) for at, line in lines if line.strip() and not PAGE_NUMBER.fullmatch(line)]
    if not lines:
        return
    usual = sorted(len(line.strip()) for _, line in lines)[int(len(lines) * 0.8)]
    if usual > 150:
        yield from ((at, line) for at, line in lines)
        return
    start, end = lines[0][0], lines[0][0]
    for i, (at, line) in enumerate(lines):
        gap = text[end:at]
        if i and re.search(r"\n[ \t]*\n", gap.replace("\f", "")):
            yield start, text[start:end]
            start = at
        end = at + len(line)
        short_end = len(line.strip()) < usual * 0.75 and line.rstrip().endswith((".", "?", "!", ":", "”", '"'))
        if short_end or i == len(lines) - 1:
            yield start, text[start:end].replace("\f", "\n")
            start = lines[i + 1][0] if i + 1 < len(lines) else end
            end = start


def _clean(value: object) -> str | None:
    value = str(value).strip() if value else ""
    return value or None


# ---------------------------------------------------------------- DOCX


def read_docx(data: bytes) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_unpacked_size(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise IngestError(f"not a readable DOCX file ({exc.__class__.__name__}: {one_line(exc, 120)})") from None
    paragraphs = [p for p in document.paragraphs]
    original = _within_limit("\n".join(p.text for p in paragraphs))
    builder = DocumentBuilder()
    at = 0
    quote_group: int | None = None
    for paragraph in paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        if paragraph.text.strip():
            kind: BlockKind = ("blockquote" if "quote" in style else "heading" if style.startswith(("heading", "title"))
                               else "list_item" if "list" in style else "paragraph")
            if kind == "blockquote" and quote_group is None:
                quote_group = builder.new_group()
            elif kind != "blockquote":
                quote_group = None
            builder.begin(kind, quote_group)
            builder.add_flowing(paragraph.text, at)
        at += len(paragraph.text) + 1
    props = document.core_properties
    meta = Metadata(title=_clean(props.title), author=_clean(props.author),
                    date=props.created.date().isoformat() if props.created else None)
    return builder.build(format="docx", metadata=meta, original_text=original, sha256=_sha256(data))


MAX_ZIP_MEMBERS = 10_000


def _check_unpacked_size(data: bytes) -> None:
    """Refuse a zip bomb before unpacking: the members' declared sizes bound what zipfile will
    unpack (it stops at the declared size and fails the CRC check past it)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise IngestError(f"a DOCX file with {len(members):,} parts (a real one has dozens)")
        limits.UNPACKED_BYTES.check(sum(m.file_size for m in members), "its parts")
