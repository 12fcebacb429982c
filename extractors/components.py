"""Imports every module that registers a pipeline component, so names resolve."""
from . import sentences  # noqa: F401  ng_sentences
from .entities import components as _entity_components  # noqa: F401  ng_places ... ng_entity_linker
from .events import components as _event_components  # noqa: F401  ng_meetings, ng_claims
