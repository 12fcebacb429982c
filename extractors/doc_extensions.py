"""Doc and Span extensions shared by our pipeline components."""
from spacy.tokens import Doc, Span

# ng_known_persons: family name -> (full name, given name) of persons named in the headline, so that the body's
# bare "Griesert" is the "Wolfgang Griesert" the headline introduced
# ng_headline: the headline's text, so that the lead's "Der deutsche Außenminister traf sich mit …" under "Steinmeier
# zu Besuch in Warschau" can be the person the headline names
for _name, _default in (("ng_entities", None), ("ng_meetings", None), ("ng_claims", None),
                        ("ng_published", None), ("ng_known_persons", None), ("ng_headline", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
if not Span.has_extension("ng_form"):
    Span.set_extension("ng_form", default="name")
