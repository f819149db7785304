"""Ingest: canonical text, blocks, metadata and offsets back to the original, for every format."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.errors import IngestError
from sourcecheck.ingest import ingest_bytes, ingest_path
from sourcecheck.spans import ArticleSpan


def original_of(doc, needle: str) -> str:
    start = doc.text.index(needle)
    span = doc.original_span(ArticleSpan(start, start + len(needle)))
    return doc.original_text[span.start : span.end]


def test_plain_text_paragraphs_fold_line_breaks_and_keep_offsets(write):
    path = write("a.txt", "Title line\n\nThe minister said the plan\nwas \"on track\" today.\n\n"
                          "    An indented block quote\n    over two lines.\n\nLast paragraph.\n")
    doc = ingest_path(path)
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "blockquote", "paragraph"]
    assert 'The minister said the plan was "on track" today.' in doc.text
    assert original_of(doc, 'plan was "on') == 'plan\nwas "on'
    assert doc.metadata.title == "Title line"


def test_text_header_lines_give_author_and_date(write):
    path = write("op.txt", "Why the Accord Matters\nBy Jane Doe\nMarch 3, 2024\n\nBody text here.\n")
    meta = ingest_path(path).metadata
    assert (meta.title, meta.author, meta.date) == ("Why the Accord Matters", "Jane Doe", "2024-03-03")


def test_dated_file_name_gives_date_and_title(write):
    path = write("1961-01-20-inaugural-address.txt", "President: John F. Kennedy\n\nVice President Johnson...\n")
    meta = ingest_path(path).metadata
    assert (meta.title, meta.author, meta.date) == ("Inaugural address", "John F. Kennedy", "1961-01-20")


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig", "latin-1"])
def test_encodings_are_detected(write, encoding):
    text = "Café owner René said “we are open” — and meant it. " * 3 if encoding != "latin-1" else \
        "Café owner René said «we are open» and meant it, façade and all. " * 3
    path = write("enc.txt", text, encoding=encoding)
    doc = ingest_path(path)
    assert "René" in doc.text and "Café" in doc.text
    if encoding in ("cp1252", "utf-16", "utf-8-sig"):
        assert "“we are open”" in doc.text


def test_markdown_strips_markup_and_keeps_block_quotes(write):
    md = ("---\ntitle: The Accord\nauthor: Ana Ruiz\n---\n# The Accord at ten\n\n"
          "The *treaty* says, in [its preamble](http://x.org), that peace is **the** goal.\n\n"
          "> No state shall use force\n> against another.\n>\n> Second paragraph of the quote.\n\n"
          "- a list item\n\nAfter.\n")
    doc = ingest_path(write("a.md", md))
    assert doc.metadata.title == "The Accord" and doc.metadata.author == "Ana Ruiz"
    assert "The treaty says, in its preamble, that peace is the goal." in doc.text
    quotes = [b for b in doc.blocks if b.kind == "blockquote"]
    assert [doc.text[b.start : b.end] for b in quotes] == ["No state shall use force against another.",
                                                           "Second paragraph of the quote."]
    assert quotes[0].group == quotes[1].group
    assert original_of(doc, "treaty says, in its") == "treaty* says, in [its"


HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Accord signed | Daily Ledger</title>
<meta name="author" content="Jane Roe"><meta property="article:published_time" content="2024-03-02T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies.</div>
<article><h1>Accord signed</h1>
<p>The minister said &ldquo;we will not yield&rdquo; and added: "It&#8217;s over." The <b>sign</b>ing
took place in the capital after weeks of talks between the delegations.</p>
<p>Officials from both sides described the talks as long but productive, with several rounds held overnight.</p>
<blockquote><p>No state shall use force against the territorial integrity of another.</p></blockquote>
<p>The accord now goes to parliament, where a vote is expected before the end of the month.</p></article>
<aside>Related stories: Ten things you missed this week</aside>
<footer>Copyright 2024 Daily Ledger. All rights reserved. Privacy policy. Terms of use.</footer></body></html>"""


def test_html_main_text_without_boilerplate_and_offsets_into_the_page(write):
    doc = ingest_path(write("page.html", HTML_PAGE))
    assert "cookies" not in doc.text and "Copyright" not in doc.text and "Sport" not in doc.text
    assert "“we will not yield”" in doc.text and "It’s over." in doc.text and "The signing took" in doc.text
    assert original_of(doc, "“we will not yield”") == "&ldquo;we will not yield&rdquo;"
    assert original_of(doc, "signing took") == "sign</b>ing\ntook"
    bq = [b for b in doc.blocks if b.kind == "blockquote"]
    assert doc.text[bq[0].start : bq[0].end].startswith("No state shall use force")
    assert doc.metadata.author == "Jane Roe" and doc.metadata.date == "2024-03-02"


def make_pdf(pages: list[list[str]], encrypt: str | None = None, image_only: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    pdf.setTitle("Strategy Paper")
    pdf.setAuthor("Ministry of Defence")
    for lines in pages:
        if image_only:
            pdf.rect(100, 500, 300, 200, fill=1)
        y = 800
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 14
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_joins_lines_hyphenation_and_page_breaks(write):
    data = make_pdf([
        ["The strategy paper sets out the priorities of the ministry for the",
         "coming decade. It commits the armed forces to the defence of inter-",
         "national borders and to the protection of the civilian population in",
         "every province, whatever the cost"],
        ["of doing so may be in the years ahead.", "", "A new paragraph starts here on the second page."],
    ])
    doc = ingest_path(write("paper.pdf", data))
    assert "defence of international borders" in doc.text
    assert "whatever the cost of doing so may be in the years ahead." in doc.text
    assert doc.metadata.title == "Strategy Paper" and doc.metadata.author == "Ministry of Defence"
    assert doc.page_of(doc.text.index("of doing so")) == 2
    assert doc.page_of(doc.text.index("coming decade")) == 1


def test_docx_paragraphs_styles_and_metadata(write):
    import docx

    document = docx.Document()
    document.core_properties.title = "Council minutes"
    document.core_properties.author = "Clerk of the Council"
    document.add_heading("Minutes", level=1)
    document.add_paragraph('The mayor said "the budget is balanced" and sat down.')
    document.add_paragraph("We will not raise taxes this year.", style="Quote")
    buffer = io.BytesIO()
    document.save(buffer)
    doc = ingest_path(write("minutes.docx", buffer.getvalue()))
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "blockquote"]
    assert doc.metadata.title == "Council minutes" and doc.metadata.author == "Clerk of the Council"
    assert original_of(doc, "the budget is balanced") == "the budget is balanced"


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n \t\n", "empty file"),
    ("junk.txt", bytes(range(256)) * 20, "binary"),
    ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "unknown format"),
    ("data.xyz", b"\x00\x01\x02\x03" * 100, "unknown format"),
    ("broken.html", b"<html><body><div><p", "no main text"),
    ("fake.pdf", b"this is not a pdf at all", "not a valid PDF"),
    ("fake.docx", b"PK\x03\x04not really a zip", "unknown format"),
])
def test_bad_input_is_one_clear_error(write, name, content, message):
    with pytest.raises(IngestError, match=message):
        ingest_path(write(name, content))


def test_encrypted_and_image_only_pdfs_are_refused(write):
    with pytest.raises(IngestError, match="encrypted PDF"):
        ingest_path(write("locked.pdf", make_pdf([["secret text"]], encrypt="hunter2")))
    with pytest.raises(IngestError, match="no text layer"):
        ingest_path(write("scan.pdf", make_pdf([[]], image_only=True)))


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        ingest_path(tmp_path / "nope.txt")
    with pytest.raises(IngestError, match="is a directory"):
        ingest_path(tmp_path)


def test_format_from_content_type_for_urls():
    doc = ingest_bytes(b"<html><body><article><p>" + b"A paragraph of real article text. " * 10
                       + b"</p></article></body></html>", name="https://x.org/a", url="https://x.org/a",
                       content_type="text/html; charset=utf-8")
    assert doc.format == "html" and doc.metadata.url == "https://x.org/a" and doc.path is None


def test_html_q_elements_keep_their_quotation_marks(write):
    page = ("<html><body><article><p>" + "A long enough paragraph of article text to be kept. " * 3 +
            'The minister said <q cite="x">we will not yield</q> on Monday.</p></article></body></html>')
    doc = ingest_path(write("q.html", page))
    assert "said “we will not yield” on Monday" in doc.text
    assert original_of(doc, "“we will not yield”") == '<q cite="x">we will not yield</q>'


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .:\n\r\t\x0b\x0c\x1c\x85\u2028 ")), max_size=60), st.integers(1, 9))
def test_header_lines_are_the_first_lines_of_the_stripped_text(text, n):
    """A plain-text header is read from the first lines without splitting the whole text: the same lines."""
    from sourcecheck.ingest import _first_lines

    assert _first_lines(text, n) == text.strip().splitlines()[:n]
