"""Article readers: every format, the headline and date rules, language, bad inputs, order, identity."""
from __future__ import annotations

import os
import shutil
import tempfile
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.readers import (Article, ReadProblem, detect_language, iter_articles, normalise_text,
                               parse_date)
from conftest import shared_or_skip
from newsgraph.readers import rawfile
from newsgraph.readers.plaintext import split_headline

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "readers"

DE = ("Der Bundestag hat am Donnerstag mit großer Mehrheit ein neues Gesetz beschlossen. "
      "Die Opposition kritisierte das Vorhaben scharf, die Regierung verteidigte es.")
EN = ("Parliament passed a new law on Thursday with a large majority. The opposition sharply "
      "criticised the plan, while the government defended it as overdue.")
FR = ("Les négociations entre les États-Unis et l'Ukraine pour mettre fin à la guerre doivent se "
      "poursuivre aujourd'hui à Miami. Selon Kiev, il s'agira surtout des garanties de sécurité.")
ES = ("Las negociaciones entre Estados Unidos y Ucrania para poner fin a la guerra continuarán hoy "
      "en Miami. Según Kiev, se centrarán en las garantías de seguridad y el desarrollo del país.")


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def read_all(*paths, **kwargs) -> list[Article | ReadProblem]:
    return list(iter_articles([str(p) for p in paths], **kwargs))


def one_article(path: Path, **kwargs) -> Article:
    items = read_all(path, **kwargs)
    assert len(items) == 1, items
    assert isinstance(items[0], Article), str(items[0])
    return items[0]


def one_problem(path: Path, **kwargs) -> ReadProblem:
    items = read_all(path, **kwargs)
    assert len(items) == 1, items
    assert isinstance(items[0], ReadProblem), items[0]
    problem = items[0]
    assert problem.path == str(path)
    assert "\n" not in str(problem)
    return problem


# --- .txt ------------------------------------------------------------------------------------------

def test_txt_plain_article(tmp_path):
    a = one_article(write(tmp_path, "a.txt", DE + "\n\n" + DE))
    assert a.text == DE + "\n\n" + DE
    assert (a.title, a.date, a.url, a.lang, a.line) == (None, None, None, "de", None)
    assert a.path == str(tmp_path / "a.txt")
    assert a.key_path == f"{tmp_path.name}/a.txt"
    assert a.identity == f"file:{tmp_path.name}/a.txt"


def test_txt_date_prefix_with_leading_space_on_the_text_line(tmp_path):
    teaser = "Seit Wochen vermitteln die USA zwischen der Ukraine und Russland. Nun reist eine Delegation."
    a = one_article(write(tmp_path, "a.txt", f" date 2026-01-17 {teaser}\n\n{DE}\n"))
    assert a.date == "2026-01-17"
    assert a.title is None  # the first paragraph is a teaser of full sentences, not a headline
    assert a.text == f"{teaser}\n\n{DE}"


def test_txt_date_prefix_without_space_then_headline(tmp_path):
    a = one_article(write(tmp_path, "a.txt", f"date 2026-01-17\nBundestag beschließt Gesetz\n\n{DE}"))
    assert a.date == "2026-01-17"
    assert a.title == "Bundestag beschließt Gesetz"
    assert a.text == DE


def test_txt_german_date_in_prefix(tmp_path):
    assert one_article(write(tmp_path, "a.txt", f"date 17.01.2026 {DE}")).date == "2026-01-17"


def test_txt_invalid_date_prefix_is_a_problem(tmp_path):
    problem = one_problem(write(tmp_path, "a.txt", f" date 2026-02-30 {DE}"))
    assert "unrecognised date '2026-02-30'" in problem.reason


def test_txt_without_date_prefix_keeps_a_leading_word_date(tmp_path):
    text = "Date night in Berlin was a success for the city, officials said on Monday."
    a = one_article(write(tmp_path, "a.txt", text))
    assert a.date is None and a.text == text


@pytest.mark.parametrize("first_line, is_headline", [
    ("Merz trifft Macron in Paris", True),
    ("Merz: „Wir stehen Seite an Seite“", True),  # closing quote without punctuation before it
    ("Kommt jetzt die Wende?", False),
    ("Das Treffen ist beendet.", False),
    ("Er sagte: „Wir stehen Seite an Seite.“", False),  # closing quote after a full stop
    ("He said: \"We stand together!\"", False),
    ("Die Lage im Überblick:", False),
    ("Und dann…", False),
    ("Sehr lange Zeile ohne Punkt " * 10, False),  # over 200 characters: running text
])
def test_txt_headline_rule(tmp_path, first_line, is_headline):
    a = one_article(write(tmp_path, "a.txt", f"{first_line}\n{DE}"))
    if is_headline:
        assert a.title == first_line.strip()
        assert a.text == DE
    else:
        assert a.title is None
        assert a.text.startswith(first_line.strip())


def test_txt_single_line_is_text_not_headline():
    assert split_headline("Merz trifft Macron") == (None, "Merz trifft Macron")
    assert split_headline("Merz trifft Macron\n\n") == (None, "Merz trifft Macron\n\n")


def test_normalisation_keeps_typography_and_paragraphs(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Präsident Selenskyj äußerte sich")
    raw = ("\ufeff" + decomposed + "  heute \t in   Kiew.\r\n"
           "„Wir brauchen Hilfe“ – sagte er — »sofort« und «jetzt» ‚bald‘.\r\n\r\n\r\n\r\n"
           "   Zweiter   Absatz.   \rDritte Zeile.\n")
    a = one_article(write(tmp_path, "a.txt", raw))
    assert a.text == ("Präsident Selenskyj äußerte sich heute in Kiew.\n"
                      "„Wir brauchen Hilfe“ – sagte er — »sofort« und «jetzt» ‚bald‘.\n\n"
                      "Zweiter Absatz.\nDritte Zeile.")
    assert unicodedata.is_normalized("NFC", a.text)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_normalise_text_is_idempotent_and_tidy(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "  " not in once and "\r" not in once and "\n\n\n" not in once and "\ufeff" not in once
    assert once == once.strip("\n")
    assert unicodedata.is_normalized("NFC", once)


# --- .md -------------------------------------------------------------------------------------------

MARKDOWN = """---
title: Merz trifft Macron in Paris
date: 2026-01-17
url: https://example.org/politik/merz-macron
lang: de-DE
source: Beispielzeitung
author: Anna Beispiel
---
# Merz trifft Macron in Paris

Bundeskanzler **Friedrich Merz** ist in *Paris* mit dem [französischen Präsidenten](https://elysee.fr/)
Emmanuel Macron zusammengetroffen. Der Name snake_case_name bleibt, 5 * 3 bleibt.

## Was besprochen wurde

- die Lage in der __Ukraine__
- die `gemeinsame` Verteidigung

> „Wir stehen Seite an Seite“, sagte Merz.

![Foto](merz.jpg)

---
Ende.
"""


def test_markdown_front_matter_and_stripped_body(tmp_path):
    a = one_article(write(tmp_path, "a.md", MARKDOWN))
    assert a.title == "Merz trifft Macron in Paris"
    assert a.date == "2026-01-17"  # YAML made it a date object
    assert a.url == "https://example.org/politik/merz-macron"
    assert a.identity == "https://example.org/politik/merz-macron"
    assert (a.lang, a.source) == ("de", "Beispielzeitung")
    assert a.text == (
        "Bundeskanzler Friedrich Merz ist in Paris mit dem französischen Präsidenten Emmanuel Macron "
        "zusammengetroffen. Der Name snake_case_name bleibt, 5 * 3 bleibt.\n\n"
        "Was besprochen wurde\n\n"
        "die Lage in der Ukraine\ndie gemeinsame Verteidigung\n\n"
        "„Wir stehen Seite an Seite“, sagte Merz.\n\n"
        "Ende.")


def test_markdown_without_front_matter_takes_h1_as_title(tmp_path):
    a = one_article(write(tmp_path, "a.md", f"# Parliament passes law\n\n{EN}\n"))
    assert a.title == "Parliament passes law"
    assert a.text == EN
    assert a.lang == "en"


def test_markdown_datetime_in_front_matter(tmp_path):
    a = one_article(write(tmp_path, "a.md", f"---\ndate: 2026-01-17T23:30:00+01:00\n---\n{DE}\n"))
    assert a.date == "2026-01-17"


def test_markdown_bad_front_matter_is_a_problem(tmp_path):
    problem = one_problem(write(tmp_path, "a.md", f"---\ntitle: [unclosed\n---\n{DE}\n"))
    assert "front matter is not valid YAML" in problem.reason
    problem = one_problem(write(tmp_path, "b.md", f"---\ntitle: x\n{DE}\n"))
    assert "never closed" in problem.reason


# --- .html -----------------------------------------------------------------------------------------

def test_html_main_text_and_metadata(tmp_path):
    a = one_article(FIXTURES / "page.html")
    assert a.title == "Merz trifft Macron in Paris"
    assert a.date == "2026-01-16"  # JSON-LD datePublished beats the <time> and dateModified
    assert a.url == "https://example.org/politik/merz-macron-paris"  # canonical, not og:url
    assert (a.lang, a.source) == ("de", "Beispielzeitung")
    paragraphs = a.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Bundeskanzler Friedrich Merz ist am Freitag in Paris")
    assert paragraphs[1].startswith("„Wir stehen Seite an Seite“, sagte Merz")
    assert "–" in paragraphs[1]
    for boilerplate in ("Startseite", "Meistgelesen", "Impressum", "Bundesliga"):
        assert boilerplate not in a.text
    assert not a.text.startswith("Merz trifft Macron")  # headline not repeated


def test_html_date_from_meta_or_time_and_og_url(tmp_path):
    body = "".join(f"<p>{DE}</p>" for _ in range(3))
    page = ('<html><head><meta property="og:url" content="https://example.org/x">'
            '<meta property="article:published_time" content="2026-01-12T10:00:00Z"></head>'
            f"<body><article><h1>Gesetz beschlossen</h1>{body}</article></body></html>")
    a = one_article(write(tmp_path, "a.html", page))
    assert (a.date, a.url, a.title) == ("2026-01-12", "https://example.org/x", "Gesetz beschlossen")
    page = f'<html><body><article><time datetime="2026-01-13">13. Januar</time>{body}</article></body></html>'
    a = one_article(write(tmp_path, "b.htm", page))
    assert a.date == "2026-01-13" and a.lang == "de"


def test_html_declared_charset_is_honoured(tmp_path):
    page = (f'<html><head><meta charset="windows-1252"></head><body><article>'
            f'<p>{DE}</p><p>{DE}</p></article></body></html>').encode("cp1252")
    a = one_article(write(tmp_path, "a.html", page))
    assert "großer Mehrheit" in a.text


def test_html_without_text_is_a_problem(tmp_path):
    problem = one_problem(write(tmp_path, "a.html", "<html><head><title>x</title></head><body></body></html>"))
    assert "no article text" in problem.reason


# --- .jsonl ----------------------------------------------------------------------------------------

def test_jsonl_lines_blank_lines_and_a_malformed_line(tmp_path):
    lines = [
        '{"text": "%s", "title": "Gesetz", "date": "17.01.2026", "source": "Zeitung"}' % DE,
        "",
        '{"text": "%s", "url": "https://example.org/en", "lang": "en-GB"}' % EN,
        '{"text": "broken", ',
        '{"title": "no text"}',
        '["not", "an", "object"]',
        '{"text": "%s", "date": "sometime"}' % DE,
        '{"text": "%s"}' % DE,
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    items = read_all(path)
    assert [type(i).__name__ for i in items] == [
        "Article", "Article", "ReadProblem", "ReadProblem", "ReadProblem", "ReadProblem", "Article"]
    first, second, malformed, missing, not_object, bad_date, last = items
    assert (first.line, first.title, first.date, first.source, first.lang) == (1, "Gesetz", "2026-01-17", "Zeitung", "de")
    assert first.identity == f"file:{tmp_path.name}/batch.jsonl#1"
    assert (second.line, second.lang, second.identity) == (3, "en", "https://example.org/en")
    assert malformed.line == 4 and "malformed JSON" in malformed.reason
    assert str(malformed).startswith(f"{path}:4: malformed JSON")
    assert missing.line == 5 and "'text'" in missing.reason
    assert not_object.line == 6 and "JSON object" in not_object.reason
    assert bad_date.line == 7 and "unrecognised date 'sometime'" in bad_date.reason
    assert last.line == 8 and last.identity == f"file:{tmp_path.name}/batch.jsonl#8"


def test_jsonl_bad_bytes_on_one_line_spare_the_others(tmp_path):
    data = ('{"text": "%s"}\n' % DE).encode() + b'{"text": "Gr\xfc\xdfe"}\n' + ('{"text": "%s"}\n' % EN).encode()
    items = read_all(write(tmp_path, "a.jsonl", data))
    assert [type(i).__name__ for i in items] == ["Article", "ReadProblem", "Article"]
    assert items[1].line == 2 and items[1].reason.startswith("not UTF-8 (byte 0xfc at offset ")


# --- feeds -----------------------------------------------------------------------------------------

def test_rss_feed_entries(tmp_path):
    items = read_all(FIXTURES / "feed.rss")
    assert [type(i).__name__ for i in items] == ["Article", "ReadProblem", "Article"]
    first, no_text, third = items
    assert first.title == "Merz trifft Macron in Paris"
    assert first.url == first.identity == "https://example.org/politik/merz-macron-paris"
    assert first.date == "2026-01-17"  # as written, not shifted to UTC (16 Jan 23:30)
    assert first.text == ("Bundeskanzler Friedrich Merz ist am Freitag in Paris mit dem französischen "
                          "Präsidenten Emmanuel Macron zusammengetroffen.\n\nDie beiden sprachen über die "
                          "Lage in der Ukraine und über die gemeinsame Verteidigung.")
    assert (first.lang, first.source, first.line) == ("de", "Beispielzeitung – Politik", 1)
    assert no_text.line == 2 and "has no text" in no_text.reason and "Nur ein Bild" in no_text.reason
    assert third.text.startswith("Der ukrainische Präsident") and "<p>" not in third.text
    assert (third.date, third.line) == ("2026-01-18", 3)


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Example News</title>
  <entry>
    <title type="html">Parliament &lt;em&gt;passes&lt;/em&gt; law</title>
    <id>urn:example:1</id>
    <updated>2026-01-17T10:00:00Z</updated>
    <published>2026-01-16T22:00:00-05:00</published>
    <content type="html">&lt;p&gt;%s&lt;/p&gt;&lt;p&gt;Second paragraph follows here.&lt;/p&gt;</content>
  </entry>
</feed>
""" % EN


def test_atom_feed_without_links_uses_entry_numbers(tmp_path):
    a = one_article(write(tmp_path, "news.atom", ATOM))
    assert (a.title, a.date, a.lang, a.source, a.url) == (
        "Parliament passes law", "2026-01-16", "en", "Example News", None)
    assert a.text == EN + "\n\nSecond paragraph follows here."
    assert a.identity == f"file:{tmp_path.name}/news.atom#1"


def test_xml_is_read_when_it_is_a_feed(tmp_path):
    assert one_article(write(tmp_path, "news.xml", ATOM)).title == "Parliament passes law"
    assert one_article(write(tmp_path, "news-feed", ATOM)).title == "Parliament passes law"  # sniffed
    problem = one_problem(write(tmp_path, "data.xml", '<?xml version="1.0"?><catalog><item/></catalog>'))
    assert problem.reason.startswith("unknown format: .xml but not an RSS/Atom feed")


def test_broken_and_empty_feeds_are_problems(tmp_path):
    assert "not a valid RSS/Atom feed" in one_problem(write(tmp_path, "a.rss", "<rss><channel></chan")).reason
    # Entries a lenient parse recovers are still read, after one line about the broken XML.
    broken = ATOM.replace("</feed>", "<entry><title>cut off")
    items = read_all(write(tmp_path, "c.atom", broken))
    assert "not a valid RSS/Atom feed" in items[0].reason and items[0].line is None
    assert isinstance(items[1], Article) and items[1].title == "Parliament passes law"
    empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    assert one_problem(write(tmp_path, "b.rss", empty)).reason == "feed has no entries"


# --- language --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang", [(DE, "de"), (EN, "en"), (FR, "fr"), (ES, "es")])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_language_detected_per_article(tmp_path):
    assert one_article(write(tmp_path, "de.txt", DE)).lang == "de"
    assert one_article(write(tmp_path, "en.txt", EN)).lang == "en"
    problem = one_problem(write(tmp_path, "fr.txt", FR))
    assert problem.reason.startswith("unsupported language 'fr'")
    assert one_problem(write(tmp_path, "es.txt", ES)).reason.startswith("unsupported language 'es'")


def test_short_or_name_only_text_is_not_rejected():
    assert detect_language("Merz trifft Macron.") == "de"
    assert detect_language("Wolodymyr Selenskyj, Donald Trump, Friedrich Merz, Emmanuel Macron, "
                           "Keir Starmer, Giorgia Meloni") in ("de", "en")


def test_declared_language_is_trusted_or_rejected(tmp_path):
    # Declared de/en wins over detection; "de-DE" style codes are normalised.
    a = one_article(write(tmp_path, "a.md", f"---\nlang: EN-us\n---\n{DE}\n"))
    assert a.lang == "en"
    problem = one_problem(write(tmp_path, "b.md", f"---\nlang: fr-FR\n---\n{DE}\n"))
    assert problem.reason.startswith("unsupported language 'fr'")


# --- dates -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, iso", [
    ("2026-01-17", "2026-01-17"),
    ("2026-01-17T23:30:00-05:00", "2026-01-17"),
    ("2026-01-17 08:00", "2026-01-17"),
    ("Sat, 17 Jan 2026 00:30:00 +0100", "2026-01-17"),
    ("Sat, 17 Jan 2026 10:00:00 GMT", "2026-01-17"),
    ("17.01.2026", "2026-01-17"),
    ("17.1.2026, 10:15 Uhr", "2026-01-17"),
    ("Samstag, 17. Januar 2026", "2026-01-17"),
    ("17. März 2026", "2026-03-17"),
    ("January 17, 2026", "2026-01-17"),
    ("17 Jan 2026", "2026-01-17"),
    ("2026-02-30", None),
    ("yesterday", None),
    ("", None),
])
def test_parse_date(value, iso):
    assert parse_date(value) == iso


# --- bad inputs ------------------------------------------------------------------------------------

def test_binary_file(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
    problem = one_problem(write(tmp_path, "image.txt", png))
    assert problem.reason.startswith("binary file, not text")


def test_utf16_file(tmp_path):
    problem = one_problem(write(tmp_path, "a.txt", DE.encode("utf-16")))
    assert "UTF-16" in problem.reason


@pytest.mark.parametrize("content", ["", "   \n\n\t  \n", " date 2026-01-17 ", "\ufeff\r\n"])
def test_empty_text(tmp_path, content):
    problem = one_problem(write(tmp_path, "a.txt", content))
    assert problem.reason.startswith("empty text")


def test_undecodable_bytes(tmp_path):
    data = "Größe".encode("utf-8") + " und Stra".encode() + b"\xdf" + b"e"  # latin-1 sharp s
    problem = one_problem(write(tmp_path, "a.txt", data))
    assert problem.reason == f"not UTF-8 (byte 0xdf at offset {len(data) - 2})"


def test_unknown_format(tmp_path):
    problem = one_problem(write(tmp_path, "report.pdf", b"%PDF-1.7 whatever"))
    assert problem.reason.startswith("unknown format '.pdf'")
    assert one_problem(write(tmp_path, "NOTES", DE)).reason.startswith("unknown format (no file ending)")


def test_over_size_limit_small(tmp_path):
    problem = one_problem(write(tmp_path, "a.txt", DE), max_bytes=100)
    assert problem.reason == f"file is {len(DE.encode())} bytes, over the 100 bytes limit"
    assert isinstance(read_all(tmp_path / "a.txt", max_bytes=len(DE.encode()))[0], Article)


def test_size_message_in_megabytes():
    assert rawfile._over_limit(int(52.4 * rawfile.MB), 50 * rawfile.MB) == "file is 52.4 MB, over the 50 MB limit"


def test_51_mb_file_is_rejected_quickly_without_reading_it(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    chunk = (DE + "\n").encode() * 1024
    with open(big, "wb") as f:
        while (left := 51 * rawfile.MB - f.tell()) > 0:
            f.write(chunk[:left])
    opened: list[str] = []
    real_open = open

    def spying_open(file, *args, **kwargs):
        opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(rawfile, "open", spying_open, raising=False)
    start = time.perf_counter()
    problem = one_problem(big)
    assert time.perf_counter() - start < 1.0
    assert problem.reason == "file is 51 MB, over the 50 MB limit"
    assert opened == []  # decided from the file's size alone


def test_missing_path():
    problem = one_problem(Path("/nonexistent/newsgraph/article.txt"))
    assert problem.reason == "no such file or directory"


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path, "secret.txt", DE)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # root reads anything: make the OS refusal happen anyway
            real_open = open

            def refusing_open(file, *args, **kwargs):
                if os.fspath(file) == str(path):
                    raise PermissionError(13, "Permission denied", str(path))
                return real_open(file, *args, **kwargs)

            monkeypatch.setattr(rawfile, "open", refusing_open, raising=False)
        problem = one_problem(path)
        assert problem.reason.startswith("permission denied")
    finally:
        path.chmod(0o644)


def test_reading_goes_on_after_problems(tmp_path):
    write(tmp_path, "1-good.txt", DE)
    write(tmp_path, "2-binary.txt", b"\x00\x01\x02")
    write(tmp_path, "3-empty.txt", "")
    write(tmp_path, "4-latin1.txt", "Größe".encode("latin-1"))
    write(tmp_path, "5-unknown.docx", b"PK\x03\x04")
    write(tmp_path, "6-good.md", f"# Titel\n\n{DE}")
    items = read_all(tmp_path, "/nonexistent/x.txt")
    assert [type(i).__name__ for i in items] == ["Article"] + ["ReadProblem"] * 4 + ["Article", "ReadProblem"]
    assert [i.key_path for i in items if isinstance(i, Article)] == [f"{tmp_path.name}/1-good.txt",
                                                                     f"{tmp_path.name}/6-good.md"]


# --- directories, order, skipping, identity -----------------------------------------------------------

def make_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    for name in ("b.txt", "a/z.txt", "a/b/c.txt", "A.txt", "a-b.txt"):
        write(corpus, name, DE)
    write(corpus, "feed/items.jsonl", '{"text": "%s"}\n{"text": "%s"}\n' % (DE, EN))
    write(corpus, ".hidden.txt", DE)
    write(corpus, ".git/ignored.txt", DE)
    write(corpus, "b.gold.json", '{"lang": "de"}')
    write(corpus, "a/c.gold.json", '{"lang": "de"}')
    write(corpus, "README.md", "# About this corpus\n\nNot an article.")
    write(corpus, "a/README.md", "# About\n\nNot an article.")
    return corpus


def test_directory_recursion_order_and_skipping(tmp_path):
    corpus = make_corpus(tmp_path)
    items = read_all(corpus)
    assert all(isinstance(i, Article) for i in items), [str(i) for i in items]
    assert [(i.key_path, i.line) for i in items] == [
        ("corpus/A.txt", None), ("corpus/a/b/c.txt", None), ("corpus/a/z.txt", None), ("corpus/a-b.txt", None),
        ("corpus/b.txt", None), ("corpus/feed/items.jsonl", 1), ("corpus/feed/items.jsonl", 2)]
    assert items[1].path == os.path.join(str(corpus), "a", "b", "c.txt")
    assert read_all(corpus) == items  # deterministic


def test_explicit_files_are_never_skipped(tmp_path):
    corpus = make_corpus(tmp_path)
    readme = one_article(corpus / "README.md")
    assert readme.title == "About this corpus"
    assert one_article(corpus / ".hidden.txt").key_path == "corpus/.hidden.txt"
    gold = one_problem(corpus / "b.gold.json")  # read, and refused for its format, not skipped
    assert gold.reason.startswith("unknown format '.json'")


def test_identity_is_stable_across_working_directories_and_locations(tmp_path, monkeypatch):
    corpus = make_corpus(tmp_path)
    absolute = {a.identity: a for a in read_all(corpus)}
    monkeypatch.chdir(tmp_path)
    relative = {a.identity: a for a in read_all("corpus")}
    monkeypatch.chdir(corpus / "a")
    from_inside = {a.identity: a for a in read_all("..")}
    moved = Path(tempfile.mkdtemp(prefix="elsewhere-"))
    try:
        shutil.copytree(corpus, moved / "corpus")
        elsewhere = {a.identity: a for a in read_all(moved / "corpus")}
        shutil.copytree(corpus, moved / "other")
        other = {a.identity: a for a in read_all(moved / "other")}
    finally:
        shutil.rmtree(moved)
    assert set(absolute) == set(relative) == set(from_inside) == set(elsewhere)
    assert not set(other) & set(absolute)  # another corpus with the same file names stays apart
    assert "file:corpus/a/b/c.txt" in absolute and "file:corpus/feed/items.jsonl#2" in absolute
    assert all(str(tmp_path) not in identity for identity in absolute)
    assert relative["file:corpus/a/b/c.txt"].path == os.path.join("corpus", "a", "b", "c.txt")  # as given
    assert from_inside["file:corpus/a/b/c.txt"].path == os.path.join("..", "a", "b", "c.txt")
    # A file argument is known by its folder and name: the same as when its folder is read.
    assert one_article(corpus / "b.txt").identity == "file:corpus/b.txt"


def test_identity_falls_back_to_path_without_key_path():
    a = Article(text="x", path="some/where.txt", line=3)
    assert a.identity == "file:some/where.txt#3"
    assert Article(text="x", path="p", url="https://e.org/1").identity == "https://e.org/1"


def test_symlink_loop_does_not_hang(tmp_path):
    corpus = tmp_path / "c"
    write(corpus, "a.txt", DE)
    try:
        os.symlink(corpus, corpus / "loop")
    except OSError:
        pytest.skip("cannot create symbolic links here")
    assert [a.key_path for a in read_all(corpus)] == [f"{corpus.name}/a.txt"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), ending=st.sampled_from([".txt", ".md", ".jsonl", ".html", ".rss"]))
def test_any_bytes_give_articles_or_problems_never_exceptions(data, ending):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{ending}"
        path.write_bytes(data)
        items = list(iter_articles([str(path)]))
    for item in items:
        assert isinstance(item, (Article, ReadProblem))
        if isinstance(item, ReadProblem):
            assert "\n" not in str(item) and not item.reason.startswith("could not read")
        else:
            assert item.text and item.lang in ("de", "en")


# --- the shared seed -------------------------------------------------------------------------------

def test_shared_seed_article():
    items = read_all(shared_or_skip() / "seeds")
    articles = [i for i in items if isinstance(i, Article)]
    assert not [i for i in items if isinstance(i, ReadProblem)], [str(i) for i in items]
    seed = next(a for a in articles if a.key_path.endswith(".txt"))
    assert seed.date == "2026-01-17"
    assert seed.lang == "de"
    assert seed.text.startswith("Seit Wochen")
    assert seed.title is None
    assert seed.identity == "file:" + seed.key_path
