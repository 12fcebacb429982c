"""The graph layer: extraction records -> RDF (one named graph per article), stores, export.

Knows nothing of spaCy or Flask."""
