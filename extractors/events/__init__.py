"""Events: meetings (who met whom, where, when) and claims (who said what), from a Doc with
sentences and entity mentions. Components `ng_meetings` and `ng_claims` live in `components.py`;
word lists in `data/`."""
