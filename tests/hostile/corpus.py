"""Hostile inputs for sourcecheck: realistic seeds in every format, seeded mutations of them, and
hand-made pathological files (bombs, loops, quote-mark floods, deep nesting).

Shared by tests/test_hostile.py (a few hundred small cases, in-process) and bench/fuzz.py (10,000+
cases, each in a watched subprocess). Everything is generated from a seed: the same seed, the same
bytes.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    suffix: str  # the file name's extension, which picks the reader


ARTICLE = (
    "Accord at ten\nBy Jane Doe\nMarch 3, 2024\n\n"
    "Interior Minister Dana Keller defended the Harlow Accord on Monday. “It has kept the peace for ten "
    "years,” Keller said, “and it will keep it for ten more.”\n\n"
    "Critics call the accord's enforcement clause a \"paper tiger\". Senator Ames told reporters: "
    "'We were promised a review, and we never got one.'\n\n"
    "    “No state shall use force against another,” the first article reads.\n\n"
    "Keller added that the accord “is not perfect … but it works”.\n"
)
PARAGRAPHS = [p for p in ARTICLE.split("\n\n")]


def text_seed() -> bytes:
    return ARTICLE.encode("utf-8")


def markdown_seed() -> bytes:
    body = "\n\n".join(PARAGRAPHS[1:])
    return (f"---\ntitle: Accord at ten\nauthor: Jane Doe\n---\n\n# Accord at ten\n\n{body}\n\n"
            "> “No state shall use force,” the accord says.\n> It is **binding** on [all](http://x/) parties.\n\n"
            "- a list item with “a quote”\n- another\n\n```\ncode “not a quote”\n```\n").encode()


def html_seed() -> bytes:
    paras = "".join(f"<p>{p.replace('&', '&amp;')}</p>\n" for p in PARAGRAPHS[1:])
    return ("<!doctype html><html><head><meta charset='utf-8'><title>Accord at ten</title>"
            "<meta name='author' content='Jane Doe'></head><body><article><h1>Accord at ten</h1>\n"
            f"{paras}<blockquote><p>“No state shall use force,” it says.</p></blockquote>"
            "<p>He called it <q>a paper tiger</q> &amp; more&#8230;</p></article>"
            "<script>var x = '“not text”';</script></body></html>").encode()


def pdf_seed(pages: int = 2, text: str | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    sheet.setTitle("Accord at ten")
    sheet.setAuthor("Jane Doe")
    lines = (text or ARTICLE).split("\n")
    for _ in range(pages):
        y = 800
        for line in lines:
            for start in range(0, max(len(line), 1), 90):
                sheet.drawString(40, y, line[start : start + 90])
                y -= 14
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def docx_seed() -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Accord at ten"
    document.core_properties.author = "Jane Doe"
    document.add_heading("Accord at ten", level=1)
    for paragraph in PARAGRAPHS[1:]:
        document.add_paragraph(paragraph.strip())
    document.add_paragraph("“No state shall use force,” it says.", style="Quote")
    document.add_paragraph("a list item", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def seeds() -> list[Case]:
    return [Case("seed.txt", text_seed(), ".txt"), Case("seed.md", markdown_seed(), ".md"),
            Case("seed.html", html_seed(), ".html"), Case("seed.pdf", pdf_seed(), ".pdf"),
            Case("seed.docx", docx_seed(), ".docx")]


# ---------------------------------------------------------------- mutations

TOKENS = [b"\"", "“".encode(), "”".encode(), b"'", "‘".encode(), "’".encode(), "«".encode(), b"\n\n", b"\x00",
          b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3", b"\xe2\x80", b"<div>", b"</p>", b"<q>", b"<!--", b"]]>", b"&#0;",
          b"&#xFFFFFFFF;", b"> > > >", b"[[[[", b"](", b"**", b"```", b"obj", b"endobj", b"stream", b"endstream",
          b"/Length 999999999", b"/Prev 0", b"xref", b"trailer", b"<<", b">>", b"/Encrypt", b"/Filter /FlateDecode",
          b"<w:p>", b"</w:t>", b"<?xml", b"PK\x03\x04", b"\r", b"\f", b"\t", "\u2028".encode(), "\u200b".encode()]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random edits: flip, delete, insert a token or random bytes, duplicate, truncate."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not out:
            out += rng.choice(TOKENS)
            continue
        at = rng.randrange(len(out))
        action = rng.randrange(7)
        if action == 0:
            out[at] ^= 1 << rng.randrange(8)
        elif action == 1:
            del out[at : at + rng.randint(1, 64)]
        elif action == 2:
            out[at:at] = rng.choice(TOKENS) * rng.choice((1, 1, 1, 3, 50))
        elif action == 3:
            out[at:at] = rng.randbytes(rng.randint(1, 32))
        elif action == 4:
            piece = out[at : at + rng.randint(1, 200)]
            out[at:at] = piece * rng.randint(1, 20)
        elif action == 5:
            del out[at:]
        else:
            out[at] = rng.randrange(256)
    return bytes(out)


def mutate_zip(data: bytes, rng: random.Random) -> bytes:
    """A DOCX whose members are mutated but still zipped: the damage reaches the XML parser."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith(".xml") or info.filename.endswith(".rels"):
                if rng.random() < 0.5:
                    content = mutate(content, rng)
            if rng.random() < 0.03:
                continue  # a member missing
            target.writestr(info.filename, content)
    return buffer.getvalue()


def mutated(count: int, seed: int = 15) -> Iterator[Case]:
    """`count` mutations of the seeds, round robin over the formats."""
    rng = random.Random(seed)
    bases = seeds()
    for i in range(count):
        base = bases[i % len(bases)]
        if base.suffix == ".docx" and rng.random() < 0.6:
            data = mutate_zip(base.data, rng)
        else:
            data = mutate(base.data, rng)
        suffix = base.suffix if rng.random() < 0.9 else rng.choice([".txt", ".md", ".html", ".pdf", ".docx"])
        yield Case(f"mut{i:05d}{suffix}", data, suffix)


# ---------------------------------------------------------------- pathological files


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_with_document_xml(document_xml: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx_seed()))
    members = {info.filename: source.read(info) for info in source.infolist()}
    members["word/document.xml"] = document_xml
    return _zip(members)


def docx_bomb(megabytes: int) -> bytes:
    run = b"<w:p><w:r><w:t>" + b"A" * 1000 + b"</w:t></w:r></w:p>"
    body = run * (megabytes * 1024)
    return docx_with_document_xml(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                                  b'wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>")


def raw_pdf(objects: list[bytes], trailer: bytes, xref_at: int | None = None, xref: bytes | None = None) -> bytes:
    """A PDF from numbered objects (1 0 obj …), with a correct xref table unless one is given."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref is None:
        xref = b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        xref += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += xref + b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % (start if xref_at is None else xref_at)
    return bytes(out)


def _page_objects(content: bytes, filters: bytes = b"") -> list[bytes]:
    return [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d %s >>\nstream\n" % (len(content), filters) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]


PAGE_TEXT = b"BT /F1 12 Tf 72 720 Td (\"It has kept the peace,\" Keller said.) Tj ET"


def pdf_flate_bomb(megabytes: int) -> bytes:
    content = PAGE_TEXT + b"\n" + b" " * (megabytes * 1024 * 1024)
    return raw_pdf(_page_objects(zlib.compress(content, 9), b"/Filter /FlateDecode"), b"<< /Size 6 /Root 1 0 R >>")


def pdf_xref_loop() -> bytes:
    """An xref table whose /Prev points to itself."""
    plain = raw_pdf(_page_objects(PAGE_TEXT), b"<< /Size 6 /Root 1 0 R >>")
    start = plain.index(b"xref\n")
    return plain.replace(b"<< /Size 6 /Root 1 0 R >>", b"<< /Size 6 /Root 1 0 R /Prev %d >>" % start)


def pdf_xref_self() -> bytes:
    """startxref points at an xref stream object that refers to itself."""
    body = b"%PDF-1.5\n"
    at = len(body)
    stream = struct.pack(">BHB", 1, at, 0)
    body += (b"1 0 obj\n<< /Type /XRef /Size 2 /W [1 2 1] /Index [1 1] /Root 1 0 R /Prev %d /Length %d >>\n"
             b"stream\n" % (at, len(stream)) + stream + b"\nendstream\nendobj\n")
    return body + b"startxref\n%d\n%%%%EOF\n" % at


def pdf_odd_encryption() -> bytes:
    objects = _page_objects(PAGE_TEXT) + [b"<< /Filter /NoSuchHandler /V 9 /R 9 /O (x) /U (y) /P -4 >>"]
    return raw_pdf(objects, b"<< /Size 7 /Root 1 0 R /Encrypt 6 0 R /ID [<00> <00>] >>")


def pdf_aes_no_key() -> bytes:
    objects = _page_objects(PAGE_TEXT) + [b"<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 "
                                          b"/Length 16 >> >> /StmF /StdCF /StrF /StdCF /O <00> /U <00> /P -4 >>"]
    return raw_pdf(objects, b"<< /Size 7 /Root 1 0 R /Encrypt 6 0 R /ID [<00> <00>] >>")


def pdf_recursive_pages() -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
               b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", b"<< /Length 3 >>\nstream\nabc\nendstream"]
    return raw_pdf(objects, b"<< /Size 5 /Root 1 0 R >>")


def pdf_many_pages(pages: int) -> bytes:
    """`pages` pages sharing one content stream (a tiny file, a long text)."""
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(pages))
    objects = _page_objects(PAGE_TEXT)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                       b"/Resources << /Font << /F1 5 0 R >> >> >>")
    return raw_pdf(objects, b"<< /Size %d /Root 1 0 R >>" % (len(objects) + 1))


def pathological(scale: float = 1.0) -> Iterator[Case]:
    """Hand-made worst cases; `scale` shrinks the big ones for the in-process test."""

    def n(count: int) -> int:
        return max(10, int(count * scale))

    words = b"the peace for ten years and it will keep it "
    yield Case("quote-flood.txt", b"He said " + "“a” ".encode() * n(100_000), ".txt")
    yield Case("unbalanced.txt", "“".encode() * n(100_000), ".txt")
    yield Case("unbalanced-words.txt", ("“" + "word " * 3).encode() * n(100_000), ".txt")
    yield Case("straight-flood.txt", b"\"x\" " * n(100_000), ".txt")
    yield Case("single-line.txt", words * n(120_000), ".txt")  # 5 MB at scale 1
    yield Case("single-line-quoted.txt", b"\"" + words * n(120_000) + b"\"", ".txt")
    yield Case("many-paragraphs.txt", (b"Keller said \"yes\".\n\n") * n(200_000), ".txt")
    yield Case("many-lines.txt", b"short line\n" * n(300_000), ".txt")
    yield Case("nested-quotes.md", b"> " * n(50_000) + b"\"deep\"", ".md")
    yield Case("nested-lists.md", b"".join(b"  " * i + b"- item \"q\"\n" for i in range(n(1_000))), ".md")
    yield Case("brackets.md", b"[" * n(100_000) + b"](", ".md")
    yield Case("emphasis.md", b"*_" * n(100_000), ".md")
    yield Case("nested.html", b"<html><body>" + b"<div>" * n(100_000) + b"\"deep\" text" + b"</div>" * n(100_000),
               ".html")
    yield Case("nested-q.html", b"<html><body><p>" + b"<q>" * n(50_000) + b"x", ".html")
    yield Case("big.html", b"<html><body>" + b"<p>Keller said \"it works\" in the end.</p>\n" * n(200_000), ".html")
    yield Case("entities.html", b"<html><body><p>" + b"&amp;&#8220;" * n(200_000) + b"</p>", ".html")
    yield Case("utf16-odd.txt", b"\xff\xfe" + b"\x00\xd8" * n(1000), ".txt")
    yield Case("utf16-odd.html", b"\xfe\xff" + b"<\x00h\x00" + b"\xd8\x00" * n(1000), ".html")
    yield Case("bad-charset.html", b"<html><head><meta charset='utf-7'></head><body><p>+AGEAYgBj-</p>", ".html")
    yield Case("unknown-charset.html", b"<html><head><meta charset='x-no-such'></head><body><p>a\xff</p>", ".html")
    yield Case("lone-surrogates.txt", b"\xed\xa0\x80 text \xed\xb0\x80", ".txt")
    yield Case("docx-bomb.docx", docx_bomb(max(1, int(300 * scale))), ".docx")
    yield Case("docx-bad-xml.docx", docx_with_document_xml(b"<w:document><w:body><w:p>"), ".docx")
    yield Case("docx-entity.docx", docx_with_document_xml(
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b"<w:t>&d;&d;&d;&d;</w:t></w:r></w:p></w:body></w:document>"), ".docx")
    yield Case("docx-no-document.docx", _zip({"word/document.xml": b"", "[Content_Types].xml": b"<x/>"}), ".docx")
    yield Case("docx-bad-member.docx", docx_seed()[:-200] + bytes(200), ".docx")
    yield Case("zip-not-docx.docx", _zip({"a.txt": b"hello"}), ".docx")
    yield Case("pdf-flate-bomb.pdf", pdf_flate_bomb(max(1, int(600 * scale))), ".pdf")
    yield Case("pdf-xref-loop.pdf", pdf_xref_loop(), ".pdf")
    yield Case("pdf-xref-self.pdf", pdf_xref_self(), ".pdf")
    yield Case("pdf-odd-encryption.pdf", pdf_odd_encryption(), ".pdf")
    yield Case("pdf-aes-no-key.pdf", pdf_aes_no_key(), ".pdf")
    yield Case("pdf-recursive-pages.pdf", pdf_recursive_pages(), ".pdf")
    yield Case("pdf-many-pages.pdf", pdf_many_pages(n(3_000)), ".pdf")
    yield Case("pdf-truncated.pdf", pdf_seed()[:700], ".pdf")
    yield Case("pdf-header-only.pdf", b"%PDF-1.7\n", ".pdf")


def all_cases(mutations: int, scale: float = 1.0, seed: int = 15) -> Iterator[Case]:
    yield from seeds()
    yield from pathological(scale)
    yield from mutated(mutations, seed)


CaseSource = Callable[[], Iterator[Case]]
