"""Article readers: files and folders in, `Article` records (or `ReadProblem`s) out.

    from newsgraph.readers import iter_articles
    for item in iter_articles(["corpus/", "extra.jsonl"]):
        if isinstance(item, ReadProblem): print(item)   # "corpus/x.bin: binary file, ..."
        else: handle(item)                               # Article

Formats by file ending: .txt (optional date line and headline), .md (YAML front matter),
.html/.htm (main text via trafilatura), .jsonl (one object per line), RSS/Atom feeds
(.rss, .atom, and .xml or other files whose content is a feed).
"""
from .article import Article, ReadProblem
from .dates import parse_date
from .iterate import DEFAULT_MAX_BYTES, iter_articles, read_source
from .language import SUPPORTED_LANGUAGES, declared_language, detect_language
from .normalize import normalise_text, normalise_title
from .walk import Source, iter_sources

__all__ = [
    "Article", "ReadProblem", "iter_articles", "read_source", "iter_sources", "Source",
    "DEFAULT_MAX_BYTES", "SUPPORTED_LANGUAGES", "detect_language", "declared_language",
    "parse_date", "normalise_text", "normalise_title",
]
