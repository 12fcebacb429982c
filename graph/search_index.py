"""Full-text search over a store: SQLite FTS5 beside the RDF, kept in step with the articles.

What is searched: every name an entity was written with (its canonical name and each spelling an
article used: one row per entity, its spellings gathered as articles arrive), headlines, claim
texts, and the evidence sentences of claims and meetings (one row per item and article, so
replacing or removing an article replaces or removes exactly its rows). The index follows the store, not the write path: `catch_up(select)` compares the articles'
content hashes with what was indexed and indexes only the difference, so articles added by
ingest, `load`, live ingest into a server or SPARQL Update are all found. A caller decides when
to catch up (the server: when the store's files changed, see `store_signature`).

The graph layer knows nothing of Flask: `select` is any function that runs a SELECT and returns
rows of rdflib terms (a store's `query`, or the server's query worker).
"""
from __future__ import annotations

import os
import re
import sqlite3
import threading
from typing import Callable, Iterable

from rdflib import URIRef

FILE_NAME = "newsgraph-search.sqlite"
SCHEMA_VERSION = "3"
BATCH = 200  # articles per query when indexing
TOTAL_CAP = 10_000  # items counted for "N items match"
# Matching rows BM25 ranks. Past it (a word in a good share of all texts: "the", "talks" at 100,000
# articles match hundreds of thousands of rows, and BM25 scores every one before the best are
# known: seconds) the hits are the matching titles (names, headlines, claim texts), newest first,
# then the other matching rows, newest first - read in rowid order, which stops at the page.
RANK_CAP = 20_000

# only articles have a content hash; the default graph keeps exactly the current ones (one index scan)
ARTICLES = "SELECT ?a ?h WHERE { ?a ng:contentHash ?h }"

# one row per searchable text of the given articles; ?what names the field
DOCS = """SELECT ?kind ?x ?a ?what ?text WHERE {{
  VALUES ?a {{ {articles} }}
  {{ GRAPH ?a {{ ?a schema:headline ?text }} BIND("article" AS ?kind) BIND(?a AS ?x) BIND("title" AS ?what) }}
  UNION {{ GRAPH ?a {{ ?x a schema:Claim ; schema:text ?text }} BIND("claim" AS ?kind) BIND("title" AS ?what) }}
  UNION {{ GRAPH ?a {{ ?x a schema:Claim ; ng:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?text }}
          BIND("claim" AS ?kind) BIND("body" AS ?what) }}
  UNION {{ GRAPH ?a {{ ?x a ng:Meeting ; ng:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?text }}
          BIND("meeting" AS ?kind) BIND("body" AS ?what) }}
  UNION {{ GRAPH ?a {{ ?x schema:alternateName ?text }} BIND("name" AS ?kind) BIND("body" AS ?what) }}
  UNION {{ GRAPH ?a {{ ?x schema:alternateName ?any }} ?x schema:name ?text
          BIND("name" AS ?kind) BIND("title" AS ?what) }}
}}"""

ENTITY_KINDS = """SELECT ?x ?cls WHERE {{ VALUES ?x {{ {iris} }} ?x a ?cls
  FILTER(?cls IN (schema:Person, schema:Organization, schema:Country, schema:Place)) }}"""

CLASS_KIND = {"http://schema.org/Person": "person", "http://schema.org/Organization": "organization",
              "http://schema.org/Country": "country", "http://schema.org/Place": "place"}
COMPLETE_KINDS = {"actor": ("person", "organization", "country"), "place": ("place", "country"),
                  "entity": ("person", "organization", "country", "place")}

Select = Callable[[str], list]


class SearchIndex:
    """An FTS5 index in one SQLite file; safe to share between threads (one connection, a lock)."""

    def __init__(self, path: str):
        self.path = path
        self.lock = threading.RLock()
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        with self.lock:
            self._create()

    def _create(self) -> None:
        version = None
        try:
            version = self.db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        except sqlite3.OperationalError:
            pass
        if version and version[0] != SCHEMA_VERSION:
            for t in ("docs", "articles", "entities", "rows_of", "name_rows", "spellings", "named_in", "meta"):
                self.db.execute(f"DROP TABLE IF EXISTS {t}")
        self.db.executescript("""
          CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
          CREATE TABLE IF NOT EXISTS articles(iri TEXT PRIMARY KEY, hash TEXT);
          CREATE TABLE IF NOT EXISTS entities(iri TEXT PRIMARY KEY, kind TEXT);
          -- which article and item each docs row is (FTS5 columns have no index of their own)
          CREATE TABLE IF NOT EXISTS rows_of(rowid INTEGER PRIMARY KEY, article TEXT, iri TEXT);
          CREATE INDEX IF NOT EXISTS rows_of_article ON rows_of(article);
          CREATE INDEX IF NOT EXISTS rows_of_iri ON rows_of(iri);
          -- an entity's one docs row, its spellings, and the articles that name it
          CREATE TABLE IF NOT EXISTS name_rows(iri TEXT PRIMARY KEY, rowid INTEGER);
          CREATE TABLE IF NOT EXISTS spellings(iri TEXT, spelling TEXT, PRIMARY KEY (iri, spelling));
          CREATE TABLE IF NOT EXISTS named_in(iri TEXT, article TEXT, PRIMARY KEY (iri, article));
          CREATE INDEX IF NOT EXISTS named_in_article ON named_in(article);
          CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(
            kind UNINDEXED, iri UNINDEXED, article UNINDEXED, title, body,
            tokenize = 'unicode61 remove_diacritics 2');
        """)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (SCHEMA_VERSION,))

    def close(self) -> None:
        with self.lock:
            self.db.close()

    # ------------------------------------------------------------------ keeping in step
    def signature(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key='signature'").fetchone()
        return row[0] if row else None

    def catch_up(self, select: Select, signature: str | None = None, budget_s: float | None = None) -> dict:
        """Index the articles that are new or changed since the last run, forget removed ones.
        With `budget_s`, stop after the batch that passes it (each batch is committed): the next
        call goes on, and `left` says how many articles wait. `signature` is recorded once nothing
        is left."""
        import time
        t0 = time.monotonic()
        with self.lock:
            stored = {str(a): str(h) for a, h in select(ARTICLES)}
            indexed = dict(self.db.execute("SELECT iri, hash FROM articles"))
            gone = [a for a in indexed if a not in stored]
            todo = [a for a, h in stored.items() if indexed.get(a) != h]
            done = 0
            self._tx(lambda: [self._forget_article(a) for a in gone])
            for i in range(0, len(todo), BATCH):
                self._tx(lambda: self._index(select, todo[i:i + BATCH], stored))
                done = min(len(todo), i + BATCH)
                if budget_s is not None and time.monotonic() - t0 > budget_s and done < len(todo):
                    break
            left = len(todo) - done
            if signature is not None and not left:
                self._tx(lambda: self.db.execute("INSERT OR REPLACE INTO meta VALUES ('signature', ?)", (signature,)))
            return {"indexed": done, "removed": len(gone), "left": left, "articles": len(stored)}

    def _tx(self, work) -> None:
        self.db.execute("BEGIN")
        try:
            work()
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _forget_article(self, a: str) -> None:
        self._forget(a)
        self.db.execute("DELETE FROM articles WHERE iri = ?", (a,))

    def _index(self, select: Select, batch: list[str], hashes: dict) -> None:
        rows = select(DOCS.format(articles=" ".join(URIRef(a).n3() for a in batch)))
        docs: dict[tuple, dict] = {}
        for kind, x, a, what, text in rows:
            d = docs.setdefault((str(kind), str(x), str(a)), {"title": [], "body": []})
            if str(text) not in d[str(what)]:
                d[str(what)].append(str(text))
        names = {x for (kind, x, _a) in docs if kind == "name"}
        new = [x for x in names if not self.db.execute("SELECT 1 FROM entities WHERE iri=?", (x,)).fetchone()]
        for i in range(0, len(new), 500):
            chunk = new[i:i + 500]
            kinds: dict[str, str] = {}
            for x, cls in select(ENTITY_KINDS.format(iris=" ".join(URIRef(e).n3() for e in chunk))):
                k = CLASS_KIND.get(str(cls))
                if k and (str(x) not in kinds or k == "country"):  # a country is a Place too
                    kinds[str(x)] = k
            self.db.executemany("INSERT OR REPLACE INTO entities VALUES (?, ?)",
                                [(x, kinds.get(x, "entity")) for x in chunk])
        for a in batch:
            self._forget(a)
        names_of: dict[str, tuple] = {}  # entity -> (name, its spellings, its articles) in this batch
        for (k, x, a), d in docs.items():
            if k == "name":
                name, spelled, arts = names_of.setdefault(x, (d["title"][0] if d["title"] else x, set(), set()))
                spelled.update(d["body"])
                arts.add(a)
                continue
            cur = self.db.execute("INSERT INTO docs(kind, iri, article, title, body) VALUES (?, ?, ?, ?, ?)",
                                  (k, x, a, " · ".join(d["title"]), " · ".join(d["body"])))
            self.db.execute("INSERT INTO rows_of VALUES (?, ?, ?)", (cur.lastrowid, a, x))
        for x, (name, spelled, arts) in names_of.items():
            self._name(x, arts, name, spelled)
        self.db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?)", [(a, hashes[a]) for a in batch])

    def _name(self, iri: str, articles: set, name: str, spellings: set) -> None:
        """The entity's one row: rewritten (once per batch) when its name or spellings grew."""
        self.db.executemany("INSERT OR IGNORE INTO named_in VALUES (?, ?)", [(iri, a) for a in articles])
        added = sum(self.db.execute("INSERT OR IGNORE INTO spellings VALUES (?, ?)", (iri, sp)).rowcount
                    for sp in sorted(spellings))
        row = self.db.execute("SELECT rowid FROM name_rows WHERE iri = ?", (iri,)).fetchone()
        if row is not None:
            if not added and self.db.execute("SELECT 1 FROM docs WHERE rowid = ? AND title = ?",
                                             (row[0], name)).fetchone():
                return
            self.db.execute("DELETE FROM docs WHERE rowid = ?", (row[0],))
        body = " · ".join(r[0] for r in self.db.execute("SELECT spelling FROM spellings WHERE iri = ?", (iri,)))
        cur = self.db.execute("INSERT INTO docs(kind, iri, article, title, body) VALUES ('name', ?, '', ?, ?)",
                              (iri, name, body))
        self.db.execute("INSERT OR REPLACE INTO name_rows VALUES (?, ?)", (iri, cur.lastrowid))

    def _forget(self, article: str) -> None:
        ids = [r[0] for r in self.db.execute("SELECT rowid FROM rows_of WHERE article = ?", (article,))]
        self.db.executemany("DELETE FROM docs WHERE rowid = ?", [(i,) for i in ids])
        self.db.execute("DELETE FROM rows_of WHERE article = ?", (article,))
        self.db.execute("DELETE FROM named_in WHERE article = ?", (article,))

    # ------------------------------------------------------------------ asking
    def search(self, text: str, kinds: Iterable[str] | None = None, limit: int = 50, offset: int = 0,
               prefix: bool | None = None) -> dict:
        """Ranked hits (BM25, titles weighted over bodies), one per item however many articles
        hold it: {"total": n, "hits": [{kind, iri, title, snippet, articles}]}. The best rows are
        read in rank order until the page is full (no snippet or grouping over every match: a
        common word matches millions of rows at 100,000 articles); past RANK_CAP matching rows,
        titles first, newest first. `total` counts items up to TOTAL_CAP ("more" beyond)."""
        match = fts_query(text)
        if not match:
            return {"total": 0, "hits": []}
        kinds = list(kinds or ["name", "article", "claim", "meeting"])
        if prefix is None:  # whole words first; nothing found: the last word as a prefix ("Selensk")
            found = self.search(text, kinds, limit, offset, prefix=False)
            return found if found["total"] else self.search(text, kinds, limit, offset, prefix=True)
        match = fts_query(text, prefix_last=prefix)
        marks = ",".join("?" * len(kinds))
        want = offset + limit
        with self.lock:
            total = self.db.execute(
                f"SELECT COUNT(*) FROM (SELECT DISTINCT iri FROM docs WHERE docs MATCH ? AND kind IN ({marks}) "
                f"LIMIT {TOTAL_CAP})", (match, *kinds)).fetchone()[0]
            best: dict[tuple, tuple] = {}
            many = self.db.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM docs WHERE docs MATCH ? LIMIT {RANK_CAP + 1})",
                                   (match,)).fetchone()[0] > RANK_CAP
            passes = [(f"title : ({match})", "rowid DESC"), (match, "rowid DESC")] if many else \
                [(match, "bm25(docs, 10.0, 3.0)")]
            for expr, order in passes:
                scan = max(200, want * 8)
                while len(best) < want:
                    rows = self.db.execute(
                        f"SELECT rowid, kind, iri, title FROM docs WHERE docs MATCH ? AND kind IN ({marks}) "
                        f"ORDER BY {order} LIMIT ?", (expr, *kinds, scan)).fetchall()
                    for rowid, kind, iri, title in rows:
                        best.setdefault((kind, iri), (rowid, title))
                    if len(rows) < scan:
                        break
                    scan *= 4
            page = list(best.items())[offset:want]
            ids = [rowid for _k, (rowid, _t) in page]
            snips = dict(self.db.execute(
                f"SELECT rowid, snippet(docs, 4, char(2), char(3), '…', 14) FROM docs WHERE docs MATCH ? "
                f"AND rowid IN ({','.join('?' * len(ids))})", (match, *ids)).fetchall()) if ids else {}
            hits = []
            for (kind, iri), (rowid, title) in page:
                n = self.db.execute("SELECT COUNT(*) FROM named_in WHERE iri = ?" if kind == "name" else
                                    "SELECT COUNT(DISTINCT article) FROM rows_of WHERE iri = ?", (iri,)).fetchone()[0]
                hits.append({"kind": kind, "iri": iri, "title": title, "snippet": snips.get(rowid) or "",
                             "articles": n})
        return {"total": total, "hits": hits}

    def complete(self, prefix: str, kind: str = "entity", limit: int = 12) -> list[dict]:
        """Entity names for a parameter field: prefix match on any spelling, most articles first."""
        match = fts_query(prefix, prefix_last=True)
        if not match:
            return []
        allowed = COMPLETE_KINDS.get(kind, COMPLETE_KINDS["entity"])
        marks = ",".join("?" * len(allowed))
        with self.lock:
            rows = self.db.execute(f"""
              SELECT d.iri, d.title, d.body, (SELECT COUNT(*) FROM named_in n WHERE n.iri = d.iri) AS n
              FROM docs d JOIN entities e ON e.iri = d.iri
              WHERE docs MATCH ? AND d.kind = 'name' AND e.kind IN ({marks})
              ORDER BY n DESC LIMIT ?""", (match, *allowed, limit)).fetchall()
        out = []
        words = [w.lower() for w in re.findall(r"\w+", prefix)]
        for iri, title, body, _n in rows:
            spelled = next((sp for sp in (body or "").split(" · ")
                            if all(w in sp.lower() for w in words)), None)
            out.append({"name": title, "iri": iri, **({"also": spelled} if spelled and spelled != title else {})})
        return out


def fts_query(text: str, prefix_last: bool = False) -> str:
    """The user's words as an FTS5 query: each word must occur. Quotes keep FTS5's operators and
    punctuation from being read as syntax. A word ending in * (and, for completion, the last word)
    matches as a prefix: "the" as a prefix matches half the vocabulary."""
    words = re.findall(r"\w+\*?", text)
    if not words:
        return ""
    if prefix_last and not words[-1].endswith("*"):
        words[-1] += "*"
    return " ".join(f'"{w[:-1]}"*' if w.endswith("*") else f'"{w}"' for w in words)


def store_signature(location: str) -> str | None:
    """A cheap fingerprint of an embedded store's data files (names, sizes, mtimes): it changes
    when anything is written. None for a store that is not a local directory."""
    if not os.path.isdir(location):
        return None
    parts = []
    with os.scandir(location) as it:
        for e in it:
            if re.fullmatch(r"\d+\.(log|sst)|MANIFEST-\d+|CURRENT", e.name):
                st = e.stat()
                parts.append(f"{e.name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(sorted(parts))


def index_path(location: str) -> str | None:
    """Where a store's search index lives: beside its data, in the store directory."""
    return os.path.join(location, FILE_NAME) if os.path.isdir(location) else None
