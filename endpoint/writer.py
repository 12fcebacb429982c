"""An update runs here, in a child process of the server, never in the server itself.

Oxigraph parses and applies an update in native code: a pathological text can overflow the
stack (a crash, not an exception) and a heavy one can run for minutes, and Python can stop
neither. In a child process the server can do both: kill it at the time limit (the
transaction was not committed, so nothing changed) and survive it crashing. The child
inherits the server's writer guard (graph/store/guard.py), so no other newsgraph writer can
slip in while the server's own RocksDB lock is handed over.

Protocol: the update text on standard input; one JSON object on standard output:
{"ok": true} or {"ok": false, "status": 400|500, "message": "..."}.
"""
from __future__ import annotations

import json
import sys


def run_child(argv: list[str] | None, work, refused: tuple = (), what: str = "update") -> int:
    """The child's life: open the store (argv: location, options), run `work(store, text)` on the
    text from standard input, write the JSON reply. `refused` exceptions are the client's (400)."""
    argv = sys.argv[1:] if argv is None else argv
    from .worker import _die_with_parent, explain_syntax_error
    _die_with_parent()
    location, options = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    text = sys.stdin.buffer.read().decode("utf-8")
    from newsgraph.graph.store import QueryError, StoreError, open_store
    try:
        store = open_store(location, **options)
        try:
            work(store, text)
        finally:
            store.close()
        reply = {"ok": True}
    except QueryError as exc:
        reply = {"ok": False, "status": 400, "message": explain_syntax_error(str(exc), text)}
    except refused as exc:
        reply = {"ok": False, "status": 400, "message": str(exc)}
    except StoreError as exc:
        reply = {"ok": False, "status": 500, "message": f"{what} failed: {exc}"}
    sys.stdout.write(json.dumps(reply))
    sys.stdout.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_child(argv, lambda store, text: store.update(text))


if __name__ == "__main__":
    sys.exit(main())
