"""The `newsgraph` command: ingest news articles into a knowledge graph and ask it questions.

Every subcommand takes --store LOC (default ./newsgraph-data or $NEWSGRAPH_STORE):
a directory (the embedded store), `memory:` (throwaway), or an http(s) SPARQL endpoint.
"""
from __future__ import annotations

import argparse
from contextlib import nullcontext
import json
import os
import sys

from . import __version__
from .config import store_location

EPILOG = """\
examples:
  newsgraph ingest seeds/                      read, extract and store every article under seeds/
  newsgraph ingest --cluster local:2 corpus/   extract on 2 Dask workers, then bulk-load the graphs
  newsgraph query meetings --param actor=Witkoff
  newsgraph query claims-by-actor --param actor=Selenskyj --format csv
  newsgraph export --format trig --output graph.trig
  newsgraph serve                              SPARQL endpoint and pages on http://127.0.0.1:8080/
  newsgraph viz --output network.html          the actor network as one offline page

Run `newsgraph COMMAND --help` for each command's options."""


from .errors import CliError  # noqa: E402  (raised by the command modules too)


def _store_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", metavar="LOC", default=None,
                   help="store location: a directory (embedded, default ./newsgraph-data or $NEWSGRAPH_STORE), "
                        "'memory:', or a SPARQL endpoint URL http(s)://...")
    p.add_argument("--update-url", metavar="URL", default=None,
                   help="for a remote store: its SPARQL Update URL (default: the --store URL)")
    p.add_argument("--base-iri", metavar="IRI", default=None,
                   help="base of the IRIs newsgraph mints (default $NEWSGRAPH_BASE_IRI or "
                        "https://newsgraph.example.org/id/)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsgraph", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG,
        description="Build a knowledge graph from news articles: who met whom, where and when, who said "
                    "what, and which places are involved - each fact with the sentence that proves it.")
    parser.add_argument("--version", action="version", version=f"newsgraph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ingest", help="read articles, extract facts, store one named graph per article",
                       description="Read articles (.txt, .md with front matter, .html, .jsonl, RSS/Atom feeds; "
                                   "directories recursively), extract actors, places, meetings and claims, and "
                                   "store each article as one named graph. Unchanged articles are skipped, "
                                   "changed ones replaced. Bad inputs are reported one line each; the rest is "
                                   "still ingested. Exit code 1 when any input failed.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    _store_arg(p)
    p.add_argument("--spacy-model", metavar="NAME", default=None,
                   help="an installed spaCy pipeline (e.g. de_core_news_lg) whose entities are merged with "
                        "newsgraph's rules; used for articles in its language")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="extract with N processes (default 1)")
    p.add_argument("--cluster", metavar="SPEC", default=None,
                   help="extract on a Dask cluster: SPEC is local:N (N worker processes here) or "
                        "tcp://HOST:PORT (a running scheduler); the article graphs then go through the "
                        "store's bulk loader and the counts are rebuilt (needs newsgraph[cluster]; e.g. "
                        "--cluster local:2, docs/cluster.md)")
    p.add_argument("--resolution", metavar="FILE", default=None,
                   help="YAML file of same/different decisions on entities (default ./resolution.yaml if present)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")

    p = sub.add_parser("export", help="write the graph as Turtle, TriG, N-Quads or JSON-LD",
                       description="Export the store. Turtle and JSON-LD hold the union of all graphs; TriG and "
                                   "N-Quads keep one named graph per article.")
    _store_arg(p)
    p.add_argument("--format", default="turtle", choices=["turtle", "trig", "nquads", "jsonld", "ntriples", "rdfxml"],
                   help="RDF syntax (default turtle; trig and nquads keep the article graphs)")
    p.add_argument("--graph", metavar="IRI", default=None, help="only this named graph (an article IRI)")
    p.add_argument("--output", "-o", metavar="FILE", default=None, help="write to FILE (default: standard output)")
    p.add_argument("--uncorrected", action="store_true",
                   help="the graph as extracted, before the users' corrections (`newsgraph corrections`)")

    p = sub.add_parser("query", help="run a named query, a .rq file or SPARQL text",
                       description="Run a named query from queries/ (see `newsgraph queries`), a .rq file or "
                                   "SPARQL text. Parameters are bound as values, never spliced into the text.")
    p.add_argument("query", metavar="NAME|FILE.rq|SPARQL",
                   help="a named query (e.g. meetings), a .rq file, or SPARQL text in quotes")
    _store_arg(p)
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                   help="bind ?KEY to VALUE (a literal; <...> or http(s)://... for an IRI); repeatable")
    p.add_argument("--format", default="table", choices=["table", "csv", "json"],
                   help="table (default), CSV, or SPARQL JSON results")
    p.add_argument("--limit", type=int, default=None, metavar="N",
                   help="rows per page of a named query (default: its page size, 100; 0: all rows)")
    p.add_argument("--offset", type=int, default=None, metavar="N", help="rows to skip: the next page")
    p.add_argument("--uncorrected", action="store_true",
                   help="ask the graph as extracted, before the users' corrections (a copy in memory: slower)")

    sub.add_parser("queries", help="list the named queries and their parameters",
                   description="List the named queries of queries/: name, what each answers, its parameters "
                               "(run one with `newsgraph query NAME --param key=value`).")

    p = sub.add_parser("stats", help="counts per class, per article and per language",
                       description="Count what the store holds: quads, resources per class, articles per "
                                   "language, and per article its triples, entities, meetings and claims.")
    _store_arg(p)
    p.add_argument("--format", default="table", choices=["table", "json"], help="table (default) or JSON")

    p = sub.add_parser("reindex", help="rebuild search names, place facts, month buckets, counts and pairs "
                                       "from the articles",
                       description="Recompute what ingest keeps materialised - each entity's search names, "
                                   "the counts per entity and pair in the index graph, the vocabulary - from the "
                                   "article graphs alone. Run it once on a store written by an older newsgraph "
                                   "(the named queries say so), or after bulk-loading N-Quads written elsewhere.")
    _store_arg(p)

    p = sub.add_parser("load", help="load RDF files (N-Quads, TriG, Turtle, N-Triples, JSON-LD, RDF/XML), then reindex",
                       description="Load RDF files into the store by its bulk path - what `newsgraph export` "
                                   "writes, or N-Quads made elsewhere - then rebuild what ingest keeps "
                                   "materialised (as `newsgraph reindex`). N-Quads and TriG keep their graphs; "
                                   "triple formats go to the default graph, or to --graph. A file that does not "
                                   "parse adds nothing; the others are still loaded, and the exit code is 1.")
    _store_arg(p)
    p.add_argument("files", nargs="+", metavar="FILE", help="RDF files; the syntax is read from the extension")
    p.add_argument("--graph", metavar="IRI", default=None, help="load triple formats into this named graph")
    p.add_argument("--no-reindex", action="store_true", help="skip the rebuild (run `newsgraph reindex` later)")

    p = sub.add_parser("validate", help="check the store against the SHACL shapes of the RDF contract",
                       description="Check the store's default graph against graph/shapes.ttl (SHACL Core, run as "
                                   "SPARQL inside the store): a report of the violations, exit code 1 when any.")
    _store_arg(p)

    p = sub.add_parser("explain", help="show the mentions behind an entity and why they were merged",
                       description="For the entities whose name contains NAME: the resolution key and rule that "
                                   "joined their mentions into one node, every spelling, and each mention with "
                                   "its offset and article (where to look before a same/different decision in "
                                   "resolution.yaml).")
    p.add_argument("name", help="a name or part of one, e.g. Selenskyj")
    _store_arg(p)

    p = sub.add_parser("serve", help="run the SPARQL endpoint, query page and network page",
                       description="Serve the store over HTTP: SPARQL 1.1 at /sparql, the query page at /, entity "
                                   "and article pages, /search, /timeline, /map, /network (docs/pages.md). Each "
                                   "query runs in a worker process that is stopped at the time limit.")
    _store_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8080, help="port (default 8080; 0: any free port)")
    p.add_argument("--query-timeout", type=float, default=10.0, metavar="SECONDS",
                   help="stop a query after SECONDS (default 10)")
    p.add_argument("--update-token", default=os.environ.get("NEWSGRAPH_UPDATE_TOKEN"), metavar="TOKEN",
                   help="allow SPARQL Update with 'Authorization: Bearer TOKEN' (default: updates refused)")

    p = sub.add_parser("viz", help="write the interactive actor network as one offline HTML page",
                       description="Write the actor network (persons, organisations, countries, places, meetings) "
                                   "as one HTML file that works offline; the filters are those of /network.")
    _store_arg(p)
    p.add_argument("--output", "-o", default="network.html", metavar="FILE", help="the page (default network.html)")
    p.add_argument("--actor", default=None, metavar="NAME", help="centre on this actor")
    p.add_argument("--depth", type=int, default=1, metavar="N", help="hops around --actor (default 1)")
    p.add_argument("--since", default=None, metavar="DATE", help="only meetings and claims from DATE (YYYY[-MM[-DD]])")
    p.add_argument("--until", default=None, metavar="DATE", help="only meetings and claims up to DATE")
    p.add_argument("--types", default="person,organization,country,place,meeting", metavar="LIST",
                   help="node kinds to draw, comma-separated (default person,organization,country,place,meeting)")
    p.add_argument("--min-weight", type=int, default=1, metavar="N",
                   help="drop edges seen fewer than N times (default 1)")
    p.add_argument("--uncorrected", action="store_true",
                   help="draw the network as extracted, before the users' corrections (a copy in memory: slower)")
    from .correct import add_parsers as correction_parsers
    correction_parsers(sub, _store_arg)
    return parser


def _open(args, read_only: bool = False):
    from newsgraph.graph.store import open_store
    return open_store(store_location(args.store), read_only=read_only, update_url=getattr(args, "update_url", None))


def _kg(args, read_only: bool = False):
    """The Python API on --store: the commands that have an API twin call it (newsgraph/api.py)."""
    from .api import open as open_kg
    return open_kg(args.store, read_only=read_only, base_iri=getattr(args, "base_iri", None),
                   update_url=getattr(args, "update_url", None))


def _minter(args):
    from newsgraph.graph.iris import Minter
    from newsgraph.graph.namespaces import base_iri
    return Minter(base_iri(getattr(args, "base_iri", None)))


def cmd_ingest(args) -> int:
    if args.jobs < 1:
        raise CliError("--jobs must be at least 1")
    if args.cluster and args.jobs > 1:
        raise CliError("--jobs and --cluster exclude each other (the cluster's workers are the processes)")
    cluster = None
    if args.cluster:  # reached (or started) before the store is opened: a bad address touches nothing
        from .cluster import Cluster
        cluster = Cluster(args.cluster)
    try:
        return _ingest(args, cluster)
    finally:
        if cluster is not None:
            cluster.close()


def _ingest(args, cluster) -> int:
    progress = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm
        progress = tqdm(unit=" articles", file=sys.stderr, leave=False)

    def report(msg: str) -> None:
        (progress.write if progress is not None else lambda m: print(m, file=sys.stderr))(f"error: {msg}")

    from newsgraph.graph.store import StoreError

    from .ingest import storage_full
    kg = _kg(args)
    summary = None
    try:
        summary = kg.ingest(args.paths, jobs=args.jobs, spacy_model=args.spacy_model, resolution=args.resolution,
                            report=report, progress=progress, cluster=cluster)
    finally:
        try:
            kg.close()
        except (StoreError, OSError) as exc:
            # e.g. the last flush on a full disk: what was committed is in the store's log and is
            # read back on the next open; say so in one line instead of a traceback
            if not storage_full(exc):
                raise
            if summary is None or not summary.stopped:  # already said once: one line per fault
                report(f"closing the store: the disk is full ({' '.join(str(exc).split())[:200]}); "
                       f"the stored articles are in its log and are read back when it is next opened")
    if summary.bulk is not None and summary.bulk["articles"] and not args.quiet:
        b = summary.bulk
        print(f"ingest: {b['articles']} articles bulk-loaded ({b['quads']:,} quads in {b['load_seconds']:.1f} s), "
              f"materialised data rebuilt in {b['reindex_seconds'] or 0:.1f} s", file=sys.stderr)
    if summary.compacted_seconds is not None and not args.quiet:
        print(f"ingest: store compacted in {summary.compacted_seconds:.0f} s", file=sys.stderr)
    if progress is not None:
        progress.close()
    for note in summary.notes:
        print(f"ingest: note: {note}", file=sys.stderr)
    print(f"ingest: {summary.line()} (store: {store_location(args.store)})")
    return 1 if summary.failed else 0


def cmd_export(args) -> int:
    with _kg(args, read_only=True) as kg0, (kg0.uncorrected() if args.uncorrected else nullcontext(kg0)) as kg:
        if args.output:
            kg.export(args.output, args.format, graph=args.graph)
            print(f"export: wrote {args.output} ({args.format})", file=sys.stderr)
        else:
            kg.export(sys.stdout.buffer, args.format, graph=args.graph)
            sys.stdout.flush()
    return 0


def cmd_query(args) -> int:
    params = {}
    for kv in args.param:
        if "=" not in kv:
            raise CliError(f"--param needs KEY=VALUE, got {kv!r}")
        k, v = kv.split("=", 1)
        if not k.isidentifier():
            raise CliError(f"--param name {k!r} is not a SPARQL variable name")
        if k in ("limit", "offset"):
            raise CliError(f"give the page as --{k} N, not --param {k}=...")
        params[k] = v
    from newsgraph.graph.store import QueryError
    from newsgraph.graph.store.errors import readable

    from .api import MissingParameter
    with _kg(args, read_only=True) as kg0, (kg0.uncorrected() if args.uncorrected else nullcontext(kg0)) as kg:
        try:
            rows = kg.query(args.query, limit=args.limit, offset=args.offset, **params)
        except MissingParameter as exc:
            raise CliError(f"query {exc.query!r} needs --param {exc.param}=VALUE ({exc.description})") from exc
        except QueryError as exc:  # one line: what, line and column
            raise CliError(readable(str(exc), args.query).splitlines()[0]) from exc
    for note in rows.notes:
        print(f"newsgraph query: note: {note}", file=sys.stderr)
    if rows.next_offset is not None:
        start = rows.next_offset - len(rows)
        print(f"newsgraph query: first {len(rows)} rows from row {start + 1}; the next page: "
              f"--offset {rows.next_offset} (or --limit 0 for all rows)", file=sys.stderr)
    from .output import print_result
    print_result(rows.result, args.format)
    return 0


def cmd_reindex(args) -> int:
    from newsgraph.graph.reindex import reindex
    with _open(args) as store:
        times = reindex(store, _minter(args), report=lambda msg: print(f"reindex: {msg}", file=sys.stderr))
    print(f"reindex: done in {sum(times.values()):.1f} s ({store_location(args.store)})")
    return 0


def cmd_load(args) -> int:
    from newsgraph.graph.load import load_files
    from newsgraph.graph.reindex import reindex
    report = (lambda msg: print(f"load: {msg}", file=sys.stderr))
    with _open(args) as store:
        n, errors = load_files(store, args.files, args.graph, report)
        for line in errors:
            print(f"error: {line}", file=sys.stderr)
        if n and not args.no_reindex:
            reindex(store, _minter(args), report=lambda msg: print(f"reindex: {msg}", file=sys.stderr))
    print(f"load: {n:,} statements from {len(args.files) - len(errors)} of {len(args.files)} files"
          + ("" if args.no_reindex or not n else "; materialised data rebuilt"))
    return 1 if errors else 0


def cmd_queries(args) -> int:
    from newsgraph import queries
    for q in queries.all_queries().values():
        print(f"{q.name}\n    {q.title}: {q.description}")
        for p in q.params:
            print(f"    --param {p.name}=...{' (optional)' if p.optional else ''}  {p.description}")
        if q.page_size is not None:
            print(f"    --limit N / --offset N  pages of {q.page_size} rows (--limit 0: all)")
    return 0


def cmd_stats(args) -> int:
    from .stats import format_stats
    with _kg(args, read_only=True) as kg:
        stats = kg.stats()
    print(json.dumps(stats, indent=2, ensure_ascii=False) if args.format == "json" else format_stats(stats))
    return 0


def cmd_validate(args) -> int:
    from newsgraph.graph.validate import validate_store
    with _open(args, read_only=True) as store:
        conforms, text, violations = validate_store(store)
    if conforms:
        print("validate: the graph conforms to the newsgraph shapes")
        return 0
    print(text)
    print(f"validate: {violations} violation(s)", file=sys.stderr)
    return 1


def cmd_explain(args) -> int:
    with _kg(args, read_only=True) as kg:
        text = kg.explain(args.name)
    print(text)
    return 0 if text and not text.startswith("no entity") else 1


def cmd_serve(args) -> int:
    try:
        from newsgraph.endpoint.server import serve
    except ImportError as exc:
        raise CliError(f"the SPARQL endpoint is not available in this installation: {exc}") from exc
    return serve(args)


def cmd_viz(args) -> int:
    try:
        from newsgraph.network.cli import run_viz
    except ImportError as exc:
        raise CliError(f"the network page is not available in this installation: {exc}") from exc
    return run_viz(args)


COMMANDS = {"ingest": cmd_ingest, "export": cmd_export, "query": cmd_query, "queries": cmd_queries,
            "stats": cmd_stats, "validate": cmd_validate, "explain": cmd_explain, "serve": cmd_serve,
            "viz": cmd_viz, "reindex": cmd_reindex, "load": cmd_load,
            "correct": lambda args: _correct().cmd_correct(args, _kg),
            "corrections": lambda args: _correct().cmd_corrections(args, _kg)}


def _correct():
    from . import correct
    return correct


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    from newsgraph.graph.store import StoreError

    from .api import UsageError
    try:
        return COMMANDS[args.command](args)
    except (CliError, StoreError, UsageError) as exc:
        print(f"newsgraph {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"newsgraph {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
