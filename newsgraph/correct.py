"""`kg.corrections` and the `newsgraph correct` / `newsgraph corrections` commands.

Why here: the CLI and the Python API run the same code (core/api.py says why); the graph layer
(graph/corrections.py, graph/curate.py) knows nothing of argparse or output formats.
"""
from __future__ import annotations

import csv
import getpass
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from newsgraph.graph import corrections as cx
from newsgraph.graph import curate

if TYPE_CHECKING:  # pragma: no cover
    from .api import KnowledgeGraph

COLUMNS = ("correction", "time", "by", "action", "target", "value", "reason", "status", "replaced")


def default_agent() -> str:
    """Who makes a correction when no --by is given: $NEWSGRAPH_USER, else the login name."""
    try:
        return os.environ.get("NEWSGRAPH_USER") or getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a container): still a record
        return "unknown"


class Corrections:
    """The corrections of a store: list them, make one, undo one, write them as gold.

        kg.corrections.make("reject", meeting_iri, reason="a sentence about two other people")
        kg.corrections.make("set-date", meeting_iri, "2026-01-17")
        kg.corrections.make("add-attendee", meeting_iri, new_person="Sergei Lavrov")
        kg.corrections.rows()            # one dict per correction, with its status
        kg.corrections.undo(correction_iri)
    """

    def __init__(self, kg: "KnowledgeGraph"):
        self.kg = kg

    def _writable(self) -> None:
        from .errors import UsageError
        if self.kg.store.read_only:
            raise UsageError(f"the store at {self.kg.location!r} was opened read-only: open it writable to correct it")

    def make(self, action: str, target: str, value: str | None = None, *, reason: str = "",
             by: str | None = None, new_person: str | None = None) -> cx.Correction:
        """Record a correction and apply it everywhere; raises UsageError saying why it cannot.
        `new_person` (add-attendee): the name of an attendee the graph does not hold yet."""
        from .errors import UsageError
        self._writable()
        try:
            c, _n = curate.record(self.kg.store, self.kg._minter, action, str(target), value, reason,
                                  by or default_agent(), new_person)
        except cx.CorrectionError as exc:
            raise UsageError(str(exc)) from exc
        return c

    def undo(self, correction: str, *, reason: str = "", by: str | None = None) -> cx.Correction:
        from .errors import UsageError
        self._writable()
        try:
            c, _n = curate.undo(self.kg.store, self.kg._minter, str(correction), by or default_agent(), reason)
        except cx.CorrectionError as exc:
            raise UsageError(str(exc)) from exc
        return c

    def __iter__(self):
        return iter(cx.load(self.kg.store, self.kg._minter))

    def __len__(self) -> int:
        return len(cx.load(self.kg.store, self.kg._minter))

    def rows(self, include_undone: bool = True) -> list[dict[str, Any]]:
        """One plain dict per correction (COLUMNS), oldest first; `status` says whether it applies:
        "applied in N articles", "target not found" (re-extraction lost it), or "undone at …"."""
        out = []
        for c, n in curate.status(self.kg.store, self.kg._minter):
            if not c.active and not include_undone:
                continue
            state = f"undone at {c.undone}" if not c.active else \
                (f"applied in {n} article{'s' if n != 1 else ''}" if n else "target not found")
            out.append({"correction": str(c.iri), "time": c.time, "by": c.agent, "action": c.action,
                        "target": str(c.target), "value": "" if c.value is None else str(c.value),
                        "reason": c.reason, "status": state, "replaced": "; ".join(str(v) for v in c.replaced)})
        return out

    def gold(self, directory: str) -> list[str]:
        """Write each corrected article's facts, as corrected, as a gold file in the format of
        eval/score.py (`gold/<stem>.json`); returns the paths written."""
        from .gold import write_gold
        return write_gold(self.kg.store, self.kg._minter, directory)


# ---------------------------------------------------------------- the commands

EXAMPLES = """\
examples:
  newsgraph correct reject https://newsgraph.example.org/id/event/4f1c… --reason "a spokesman calling a summit premature"
  newsgraph correct reject-attendee MEETING https://newsgraph.example.org/id/place/ukraine --reason "a country, not an attendee"
  newsgraph correct set-date MEETING 2026-01-17
  newsgraph correct set-status MEETING planned
  newsgraph correct add-attendee MEETING --new-person "Sergei Lavrov" --reason "named in the second paragraph"
  newsgraph correct merge https://…/person/trump https://…/person/trump-d
  newsgraph correct undo https://newsgraph.example.org/id/correction/9bec…
  newsgraph corrections --format gold --output eval-from-corrections/

IRIs are those `newsgraph query` prints (meetings, claims-by-actor, actors) and the pages show.
Every correction is kept with who (--by, default $NEWSGRAPH_USER or your login), when and why,
and applies to every query, page, network and export; `newsgraph corrections` lists them."""

B = "https://newsgraph.example.org/id/"
VERB_EXAMPLES = {
    "reject": f'{B}event/f37b1f70172faa53 --reason "Peskov calls a summit premature: no meeting" --by anna',
    "reject-attendee": f'{B}event/geonames-4164138-2026-01-18 {B}place/geonames-690791 --reason "a country, not an attendee"',
    "reject-speaker": f'{B}claim/11d1966a8e3f00fc --reason "the quote is the interviewer\'s"',
    "reject-place": f'{B}event/3c1d2e4f5a6b7c8d --reason "Geneva is where the article was written"',
    "reject-type": f'{B}person/kyiv-klitschko person --reason "a city followed by a surname"',
    "set-place": f'{B}event/3c1d2e4f5a6b7c8d {B}place/geonames-524901',
    "set-date": f'{B}event/3c1d2e4f5a6b7c8d 2026-01-17 --reason "Saturday, in a Monday paper"',
    "set-status": f'{B}event/f37b1f70172faa53 possible --reason "only floated"',
    "set-speaker": f'{B}claim/5add80d7c60dadd8 {B}person/vitkof-s',
    "add-attendee": [f'{B}event/geonames-524901-2026-01-16 {B}person/putin-v',
                     f'{B}event/geonames-524901-2026-01-16 --new-person "Sergei Lavrov" --reason "named in the second paragraph"'],
    "merge": f'{B}person/trump {B}person/trump-d --reason "the only Trump in these articles"',
    "split": f'{B}person/trump-d "Melania Trump"',
    "undo": f'{B}correction/9becc54796de0fd5 --reason "it was held after all"',
}
VALUE_HELP = {"entity": "ENTITY", "place": "PLACE", "date": "DATE", "status": "STATUS", "type": "TYPE", "name": "NAME"}


def add_parsers(sub, store_arg) -> None:
    """Register `correct` (one sub-command per verb, from cx.ACTIONS) and `corrections`."""
    import argparse
    p = sub.add_parser("correct", help="correct the graph: reject a fact, set a value, add an attendee, "
                                       "merge or split entities, undo",
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES,
                       description="Record a correction with who, when and why, and apply it to every query, "
                                   "page, network and export. It survives re-ingest, reindex and export/load: "
                                   "one whose target is gone after re-extraction is reported, never applied "
                                   "to something else.")
    verbs = p.add_subparsers(dest="verb", metavar="ACTION", help="what to correct (one of the actions below)")
    for name, spec in cx.ACTIONS.items():
        target = "/".join(k.upper() for k in spec.target)
        v = verbs.add_parser(name, help=spec.help, description=f"{name}: {spec.help}.",
                             formatter_class=argparse.RawDescriptionHelpFormatter,
                             epilog="example:\n" + "\n".join(f"  newsgraph correct {name} {e}"
                                                                for e in _examples(name)))
        v.add_argument("target", metavar="IRI", help=f"the {' or '.join(spec.target)} to correct ({target} IRI)")
        if spec.value:
            v.add_argument("value", metavar=VALUE_HELP[spec.value], help=_value_help(spec.value),
                           nargs="?" if spec.value_optional else None)
        if name == "add-attendee":
            v.add_argument("--new-person", metavar="NAME", default=None,
                           help="the attendee is a person the graph does not hold yet: give their name "
                                "instead of an ENTITY (the person gets an IRI as extracted people do, "
                                "e.g. person/lavrov-s; undo removes them again)")
        _common(v, store_arg)
    v = verbs.add_parser("undo", help="undo a correction (it stays on record, marked undone)",
                         formatter_class=argparse.RawDescriptionHelpFormatter,
                         epilog=f"example:\n  newsgraph correct undo {VERB_EXAMPLES['undo']}",
                         description="Undo a correction: the facts it changed are as extracted again (or as the "
                                     "other corrections make them); the record stays, marked undone.")
    v.add_argument("target", metavar="CORRECTION", help="the correction's IRI (`newsgraph corrections` lists them)")
    _common(v, store_arg)

    p = sub.add_parser("corrections", help="list the corrections, their status; as gold for the extraction tests",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="examples:\n  newsgraph corrections\n  newsgraph corrections --format json\n"
                              "  newsgraph corrections --format trig --output corrections.trig\n"
                              "  newsgraph corrections --format gold --output gold-dir/\n"
                              "  newsgraph corrections --format resolution >> resolution.yaml",
                       description="List every correction: when, by whom, what, why, and whether it still finds "
                                   "its target (\"target not found\": a re-extraction no longer states it).")
    store_arg(p)
    p.add_argument("--format", default="table", choices=["table", "csv", "json", "trig", "gold", "resolution"],
                   help="table (default), csv, json: one row per correction; trig: the records as RDF "
                        "(PROV-O) for review or another store; gold: the corrected articles' facts as gold files "
                        "for eval/score.py (needs --output DIR); resolution: the merges and splits as "
                        "resolution.yaml same/different groups")
    p.add_argument("--output", "-o", metavar="PATH", default=None,
                   help="write to this file (the directory for --format gold) instead of standard output")
    p.add_argument("--active", action="store_true", help="leave out the corrections that were undone")


def _examples(verb: str) -> list[str]:
    e = VERB_EXAMPLES[verb]
    return e if isinstance(e, list) else [e]


def _value_help(kind: str) -> str:
    return {"entity": "an entity IRI (a person, organisation or country)",
            "place": "a place entity IRI",
            "date": "YYYY-MM-DD, YYYY-MM or YYYY",
            "status": "one of " + ", ".join(cx.STATUS),
            "type": "one of " + ", ".join(cx.TYPES) + " (or a class IRI)",
            "name": "a name the entity is written with in some articles; those mentions become a new entity"}[kind]


def _common(v, store_arg) -> None:
    v.add_argument("--reason", default="", metavar="TEXT", help="why: kept with the correction (say what you saw)")
    v.add_argument("--by", default=None, metavar="NAME",
                   help="who corrects (default $NEWSGRAPH_USER, else your login name)")
    store_arg(v)


def cmd_correct(args, kg_of) -> int:
    from .errors import CliError
    if not getattr(args, "verb", None):
        raise CliError("give an action: newsgraph correct ACTION IRI ... (newsgraph correct --help lists them)")
    with kg_of(args) as kg:
        if args.verb == "undo":
            c = kg.corrections.undo(args.target, reason=args.reason, by=args.by)
            print(f"correct: undone {c.iri} ({c.line()})")
            return 0
        value, new_person = getattr(args, "value", None), getattr(args, "new_person", None)
        if args.verb == "add-attendee" and not value and new_person is None:
            raise CliError("add-attendee needs the attendee: an ENTITY IRI, or --new-person NAME")
        c = kg.corrections.make(args.verb, args.target, value, reason=args.reason, by=args.by, new_person=new_person)
        n = dict((x.iri, k) for x, k in curate.status(kg.store, kg._minter)).get(c.iri, 0)
    print(f"correct: {c.line()} recorded as {c.iri} (applied in {n} article{'s' if n != 1 else ''})")
    return 0


def cmd_corrections(args, kg_of) -> int:
    from .errors import CliError
    with kg_of(args, read_only=True) as kg:
        if args.format == "gold":
            if not args.output:
                raise CliError("--format gold writes one file per article: give --output DIR")
            paths = kg.corrections.gold(args.output)
            print(f"corrections: wrote {len(paths)} gold file(s) to {args.output}", file=sys.stderr)
            return 0
        if args.format == "trig":
            text = curate.records_trig(kg.store, kg._minter)
            _write(args.output, text)
            return 0
        if args.format == "resolution":
            import yaml
            decisions = curate.resolution_decisions(kg.store, kg._minter)
            _write(args.output, "# newsgraph corrections --format resolution: the store's merges and splits\n"
                   + yaml.safe_dump(decisions, allow_unicode=True, sort_keys=False))
            return 0
        rows = kg.corrections.rows(include_undone=not args.active)
    if args.format == "json":
        _write(args.output, json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif args.format == "csv":
        import io
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
        _write(args.output, buf.getvalue())
    else:
        _write(args.output, _table(rows))
    return 0


def _table(rows: list[dict]) -> str:
    if not rows:
        return "no corrections\n"
    lines = []
    for r in rows:
        value = f" {r['value']}" if r["value"] else ""
        lines.append(f"{r['time']}  {r['by']}  {r['action']} {r['target']}{value}\n"
                     f"    {r['status']}; {r['correction']}"
                     + (f"\n    reason: {r['reason']}" if r["reason"] else "")
                     + (f"\n    replaces: {r['replaced']}" if r["replaced"] else ""))
    return "\n".join(lines) + "\n"


def _write(path: str | None, text: str) -> None:
    if path:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
