"""The API's and the CLI's errors, in a module of their own: the API, the CLI and the parts they delegate to
(corrections) all raise them, and none has to import another for it."""
from __future__ import annotations


class UsageError(ValueError):
    """A bad argument to the API (unknown query or parameter, bad page, unknown format): the
    message says what is accepted. The CLI prints it as its one-line error."""


class MissingParameter(UsageError):
    """A named query was run without a parameter it needs (`param`; `description` says what)."""

    def __init__(self, query: str, param: str, description: str):
        self.query, self.param, self.description = query, param, description
        super().__init__(f"query {query!r} needs the parameter {param} ({description})")


class ClusterError(UsageError):
    """`--cluster`: the Dask cluster cannot be reached, started, or was lost (newsgraph/cluster.py);
    the message says which and why."""


class CliError(Exception):
    """A user-facing error of a command: printed as one line, exit code 2."""
