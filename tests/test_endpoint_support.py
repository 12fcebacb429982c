"""Helpers for the endpoint tests (no tests here): a store built from hand-made records, and the
real `newsgraph serve` in a subprocess on a free loopback port."""
from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.extractors.records import PERSON, PLACE, Claim, Entity, Evidence, Extraction, Meeting, Mention
from newsgraph.graph.build import build_article_graph
from newsgraph.graph.iris import Minter
from newsgraph.graph.namespaces import DEFAULT_BASE_IRI
from newsgraph.graph.store import open_store
from newsgraph.graph.writer import ArticleWriter
from newsgraph.readers.article import Article

from records_fixture import sample

ROOT = Path(__file__).resolve().parents[1]
BASE = DEFAULT_BASE_IRI
XSS_TITLE = "Breaking <script>alert(1)</script> news"
XSS_QUOTE = "<img src=x onerror=alert(1)>"
XSS_NAME = "Eve <b>Mallory</b>"


def _at(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def xss_article():
    """An article whose headline, claim text, evidence sentence and a person's name carry markup."""
    text = (f"{XSS_NAME} traf Bob Builder in Genf. "
            f"Mallory sagte: \u201e{XSS_QUOTE} <script>alert(1)</script>\u201c.")
    first = text.index(".") + 1
    s1, e1 = _at(text, XSS_NAME)
    s2, e2 = _at(text, "Bob Builder")
    s3, e3 = _at(text, "Genf")
    ents = [Entity(key="p1", kind=PERSON, name=XSS_NAME, given_name="Eve", family_name="Mallory",
                   mentions=[Mention(s1, e1, XSS_NAME)]),
            Entity(key="p2", kind=PERSON, name="Bob Builder", given_name="Bob", family_name="Builder",
                   mentions=[Mention(s2, e2, "Bob Builder")]),
            Entity(key="l1", kind=PLACE, name="Genf", subtypes=["City"], geonames_id=2660646,
                   latitude=46.2, longitude=6.14, mentions=[Mention(s3, e3, "Genf")])]
    ex = Extraction(entities=ents,
                    meetings=[Meeting(key="m1", kind="meeting", status="held", attendees=["p1", "p2"],
                                      location="l1", date="2026-02-02", evidence=[Evidence(0, first, text[:first])])],
                    claims=[Claim(key="c1", author="p1", text=f"{XSS_QUOTE} <script>alert(1)</script>",
                                  claim_type="statement", direct=True,
                                  evidence=[Evidence(first + 1, len(text), text[first + 1:])])])
    art = Article(text=text, path="xss.txt", key_path="xss.txt", title=XSS_TITLE, date="2026-02-02", lang="de")
    return art, ex


def articles():
    yield sample("a.txt")
    yield sample("b.txt", title="Zelensky meets Witkoff", who=("Volodymyr Zelensky", "Steve Witkoff"), lang="en",
                 date="2026-01-20")
    yield sample("c.txt", title="Gespräche in Riad", who=("Marco Rubio", "Sergej Lawrow"), city=("Riad", 108410),
                 date="2026-02-18")
    yield xss_article()


def build_store(location: str) -> str:
    """A store with four small articles (one of them hostile), written as `newsgraph ingest` would."""
    minter = Minter(BASE)
    store = open_store(location)
    try:
        writer = ArticleWriter(store, minter)
        for art, ex in articles():
            ag = build_article_graph(art, ex, minter, None, writer.known_given_names)
            writer.write(ag)
    finally:
        store.close()
    return location


class Server:
    """`newsgraph serve` as a user starts it; .url is where it listens; .log() its request log."""

    def __init__(self, store: str, *args: str, env: dict | None = None, start_timeout: float = 60):
        self.logfile = tempfile.NamedTemporaryFile("w+", prefix="newsgraph-serve-", suffix=".log", delete=False)
        full_env = {**os.environ, **(env or {})}
        for k in ("NEWSGRAPH_STORE", "NEWSGRAPH_UPDATE_TOKEN", "NEWSGRAPH_ALLOW_SERVICE", "NEWSGRAPH_BASE_IRI"):
            if not env or k not in env:
                full_env.pop(k, None)
        full_env.setdefault("NEWSGRAPH_QUERY_WORKERS", "2")
        # no background network build unless a test asks for it: the other tests count workers and queues
        full_env.setdefault("NEWSGRAPH_NETWORK_WARM", "0")
        self.proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--store", store, "--host",
                                      "127.0.0.1", "--port", "0", *args], stdout=subprocess.PIPE,
                                     stderr=self.logfile, env=full_env, text=True)
        self.banner = self._read_line(start_timeout)
        m = re.search(r"serving (http://\S+/)", self.banner or "")
        if not m:
            self.stop()
            raise RuntimeError(f"newsgraph serve did not start: {self.banner!r}\n{self.log()}")
        self.url = m.group(1)
        self.sparql = self.url + "sparql"

    def _read_line(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            r, _, _ = select.select([self.proc.stdout], [], [], 0.2)
            if r:
                return self.proc.stdout.readline()
            if self.proc.poll() is not None:
                return ""
        return ""

    def log(self) -> str:
        self.logfile.flush()
        return Path(self.logfile.name).read_text("utf-8", errors="replace")

    def stop(self, sig=signal.SIGTERM, timeout: float = 20) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        try:
            os.unlink(self.logfile.name)
        except OSError:
            pass
