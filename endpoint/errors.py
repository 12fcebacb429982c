"""The endpoint's error with an HTTP status: raised by the app and by the route modules it registers,
answered by the app's one error handler (so the route modules need not import the app)."""
from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
