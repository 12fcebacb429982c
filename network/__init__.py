"""The interactive actor network: store -> networkx (graphdata) -> one offline HTML page (page).

`render_page(store, ...)` gives the page as a string (the endpoint's /network route);
`newsgraph viz` writes it to a file (cli.run_viz).
"""
from .graphdata import ActorNotFound, NetworkError, build_graph  # noqa: F401

__all__ = ["ActorNotFound", "NetworkError", "build_graph", "render_page"]


def render_page(store, actor=None, depth=1, since=None, until=None, types=None, min_weight=1) -> str:
    """The network of `store`, filtered, as one self-contained HTML page (no external requests).

    Raises NetworkError (ActorNotFound when `actor` matches nobody) for bad filter values."""
    from .page import render_page as _render
    return _render(store, actor=actor, depth=depth, since=since, until=until, types=types, min_weight=min_weight)
