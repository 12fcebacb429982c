"""Meeting and claim shapes found failing on real news (issue 14), each with sentences of our own and a cast
that appears in no seed article."""
from __future__ import annotations

import datetime as dt

from newsgraph.extractors.pipeline import Extractor

EX = Extractor()
WEDNESDAY = dt.date(2024, 5, 15)


def extract(text: str, lang: str, title: str | None = None):
    out = EX.extract(text, lang, WEDNESDAY, title=title)
    names = {e.key: e.name for e in out.entities}
    meetings = [({names.get(a, a) for a in m.attendees}, names.get(m.location), m.date, m.status)
                for m in out.meetings]
    claims = [(names.get(c.author, c.author), c.text) for c in out.claims]
    return meetings, claims


def test_a_generic_source_before_zufolge_names_no_speaker():
    meetings, claims = extract("Die Ministerin Carla Wendt reist nach Oslo. Am Freitagmorgen will Wendt dann den "
                               "Angaben zufolge zu einem Treffen mit dem Außenminister Pekka Laine nach Warschau "
                               "reisen.", "de")
    assert not any(by == "Carla Wendt" for by, _ in claims)
    assert any(who == {"Carla Wendt", "Pekka Laine"} and where == "Warsaw" and date == "2024-05-17" and
               status == "planned" for who, where, date, status in meetings), meetings


def test_a_meeting_with_one_person_after_a_visit_is_the_visitors():
    for text, lang in (("Die Ministerin Carla Wendt reist am Mittwochabend nach Oslo. Für Donnerstagmorgen ist "
                        "dort ein Treffen mit dem norwegischen Außenminister Lars Haugen geplant.", "de"),
                       ("Minister Carla Wendt travels to Oslo on Wednesday. A meeting with Norwegian Foreign "
                        "Minister Lars Haugen is planned there for Thursday.", "en")):
        meetings, _ = extract(text, lang)
        assert any(who == {"Carla Wendt", "Lars Haugen"} and where == "Oslo" and status == "planned"
                   for who, where, _, status in meetings), meetings


def test_plural_calls_with_several_people_are_one_call_each():
    for text, lang in (("Außerdem führte Kanzlerin Carla Wendt Telefonate mit EU-Kommissionschef Pierre Lamont "
                        "und Nato-Generalsekretär Jens Haugen. Wendt sagte, es sei gut.", "de"),
                       ("Chancellor Carla Wendt held phone calls with Commission President Pierre Lamont and NATO "
                        "chief Jens Haugen on Friday. Wendt said it was fine.", "en")):
        meetings, claims = extract(text, lang)
        pairs = sorted(sorted(who) for who, *_ in meetings)
        assert pairs == [["Carla Wendt", "Jens Haugen"], ["Carla Wendt", "Pierre Lamont"]], meetings
        assert [by for by, _ in claims] == ["Carla Wendt"]  # "phone calls" is no reporting verb


def test_a_german_talk_verb_at_the_clause_end_reaches_back_over_a_long_topic():
    meetings, _ = extract("Der Ministerpräsident Carl Wendt will am Mittag mit Firmenchef Jonas Haugen über die "
                          "Abbaupläne des Konzerns in Tromsø und Bodø sprechen. Das kurzfristig anberaumte Treffen "
                          "findet in Bergen statt.", "de")
    assert [(who, where) for who, where, _, _ in meetings] == [({"Carl Wendt", "Jonas Haugen"}, "Bergen")]


def test_an_additive_adverb_makes_another_meeting_and_an_apposition_keeps_the_modal():
    meetings, _ = extract("Ministerpräsident Carl Wendt will am Mittag in Bergen mit Firmenchef Jonas Haugen "
                          "sprechen. Wendt will sich in Bergen zudem mit dem Vorstandsvorsitzenden von Nordtel, "
                          "Ola Brekke, treffen.", "de")
    assert sorted((sorted(who), status) for who, _, _, status in meetings) == [
        (["Carl Wendt", "Jonas Haugen"], "planned"), (["Carl Wendt", "Ola Brekke"], "planned")]


def test_general_reporting_verbs_of_news_prose():
    _, claims = extract("„Wir haben schon Routine, was Wechsel betrifft“, kommentierte Parteichefin Ilse Brandauer. "
                        "Landrat Tobias Fennler verwies auf die hohen Kosten der Sanierung. Bürgermeisterin Ilse "
                        "Brandauer lobte die Feuerwehr für ihren Einsatz.", "de")
    said = {(by, what.split()[0]) for by, what in claims}
    assert ("Ilse Brandauer", "Wir") in said
    assert any(by == "Tobias Fennler" and "Kosten" in what for by, what in claims)
    assert any(by == "Ilse Brandauer" and "Feuerwehr" in what for by, what in claims)
    _, claims = extract("Mayor Dana Whitcombe praised the volunteers for their work, noting that the bridge had "
                        "reopened early. Councillor Omar Fadeyi remarked that costs were rising.", "en")
    assert any(by == "Dana Whitcombe" and "work" in what for by, what in claims)
    assert any(by == "Omar Fadeyi" and "costs" in what for by, what in claims)


def test_a_trip_with_several_one_on_one_meetings_keeps_them_apart():
    meetings, _ = extract("Die Außenministerin Ilse Brandauer reist am Mittwoch nach Oslo. Brandauer will am "
                          "Donnerstag nach Bergen weiter reisen, um dort mit Bürgermeister Lars Haugen zu sprechen. "
                          "Darüber hinaus wolle sie Reederchef Ola Brekke zu einem Gespräch treffen. Am Freitag will "
                          "Brandauer dann zu einem Treffen mit dem Außenminister Pekka Laine nach Helsinki reisen.",
                          "de")
    pairs = {(frozenset(who), where) for who, where, _, _ in meetings}
    assert (frozenset({"Ilse Brandauer", "Lars Haugen"}), "Bergen") in pairs
    assert (frozenset({"Ilse Brandauer", "Ola Brekke"}), "Bergen") in pairs
    assert (frozenset({"Ilse Brandauer", "Pekka Laine"}), "Helsinki") in pairs


def test_a_meeting_told_after_the_quote_takes_the_place_where_the_speaker_was():
    meetings, claims = extract("Es müsse ein Prozess in Gang kommen, sagte Carl Wendt in Norwegens Hauptstadt Oslo. "
                               "«Das ist wichtig.»\n\nDies sei nötig, sagte Wendt nach einem Gespräch mit dem "
                               "Kronprinzen und faktischen Herrscher des Landes, Jonas Haugen.", "de")
    assert any(who == {"Carl Wendt", "Jonas Haugen"} and where == "Oslo" and status == "held"
               for who, where, _, status in meetings), meetings
    assert ("Carl Wendt", "Dies sei nötig") in claims  # the closing name is no part of what was said


def test_a_later_one_on_one_meeting_of_the_same_trip_is_where_the_trip_was():
    meetings, _ = extract("Prime Minister Ana Kovac has held separate talks with leaders from Chile and Peru in "
                          "Lisbon. Kovac first met Chilean President Tomás Errázuriz. Kovac also had a one-on-one "
                          "meeting with Peruvian Premier Rosa Quispe.", "en")
    assert any(who == {"Ana Kovac", "Rosa Quispe"} and where == "Lisbon" for who, where, _, _ in meetings), meetings


def test_spoke_to_a_person_a_scare_quoted_discussion_and_a_form_of_address():
    meetings, _ = extract("Premier Oskar Lindahl spoke to Mr Vantanen over the phone on Tuesday.", "en")
    assert any(who == {"Oskar Lindahl", "Vantanen"} for who, *_ in meetings), meetings
    meetings, _ = extract("Governor Ruth Abernathy had a \"very good discussion\" with Senator Paul Okonjo in Denver "
                          "on Monday.", "en")
    assert any(who == {"Ruth Abernathy", "Paul Okonjo"} and where == "Denver" for who, where, _, _ in meetings)
    meetings, _ = extract("Governor Ruth Abernathy spoke to reporters in Denver. The discussion centred on the budget "
                          "drafted in Boulder.", "en")
    assert not meetings


def test_discussed_with_is_a_meeting_and_what_was_discussed_is_no_place():
    meetings, _ = extract("Yesterday, President Tomás Errázuriz discussed with Senator Paul Okonjo in Quito efforts "
                          "to reach a deal.", "en")
    assert any(who >= {"Tomás Errázuriz", "Paul Okonjo"} and where == "Quito" for who, where, _, _ in meetings)
    meetings, _ = extract("Premier Ana Kovac has met with her counterpart Lars Haugen, with the two leaders discussing "
                          "the floods in Peru and Chile. Kovac held the talks on the sidelines of the summit in Lima on "
                          "Friday.", "en")
    assert any(who >= {"Ana Kovac", "Lars Haugen"} and where == "Lima" for who, where, _, _ in meetings), meetings


def test_a_misspelt_key_in_a_language_data_file_is_an_error_at_load(tmp_path, monkeypatch):
    import pytest

    from newsgraph.extractors.events import lexicon as lexmod

    text = (lexmod.DATA / "en.yaml").read_text("utf-8").replace("  talk_preps:", "  talk_prepz:", 1)
    (tmp_path / "en.yaml").write_text(text, "utf-8")
    (tmp_path / "reporting_verbs.tsv").write_text((lexmod.DATA / "reporting_verbs.tsv").read_text("utf-8"), "utf-8")
    monkeypatch.setattr(lexmod, "DATA", tmp_path)
    with pytest.raises(lexmod.LexiconError, match="talk_prepz"):
        lexmod.Lexicon("en")


def test_receiving_a_visitor_a_joint_press_conference_and_no_meeting_without_people_or_place():
    meetings, _ = extract("President Tomás Errázuriz made the remarks while receiving the President of Malawi, "
                          "Mr. Jonas Kaphwiti, in the State House in Lilongwe.", "en")
    assert any(who >= {"Tomás Errázuriz", "Jonas Kaphwiti"} and where == "Lilongwe" for who, where, _, _ in meetings)
    meetings, _ = extract("At a joint press conference in Tromsø on Tuesday, Premier Carl Wendt and President "
                          "Jonas Haugen said they agreed.", "en")
    assert any(who == {"Carl Wendt", "Jonas Haugen"} and where == "Tromsø" for who, where, _, _ in meetings)
    meetings, _ = extract("The call came amid a stalemate in the negotiations between Chile and Peru.", "en")
    assert meetings == []  # nobody named, nowhere: no meeting a user could look up


def test_a_pronoun_after_a_passive_report_is_its_subject_not_the_agent():
    # the sentence before names the visitor as subject and the host after "von"/"by": "er"/"he" is the visitor
    for text, lang in (("Zum Auftakt wurde Bundesratspräsident Aurel Brandmeier in Accra von Staatspräsident "
                        "Kwame Asante empfangen. Danach fanden Gespräche mit Vertretern der Kirchen statt. "
                        "Außerdem traf er mit Außenministerin Efua Mensah zusammen.", "de"),
                       ("At the start, Speaker Aurel Brandmeier was received in Accra by President Kwame Asante. "
                        "Talks with church leaders followed. He also met Foreign Minister Efua Mensah.", "en")):
        meetings, _ = extract(text, lang)
        assert any(who == {"Aurel Brandmeier", "Efua Mensah"} for who, *_ in meetings), meetings
        assert not any({"Kwame Asante", "Efua Mensah"} <= who for who, *_ in meetings), meetings


def test_called_on_a_person_is_a_courtesy_visit_unless_a_demand_follows():
    meetings, claims = extract("Prime Minister Amara Diallo called on President Tomas Varga at the presidential "
                               "palace in Windhoek on Tuesday.", "en")
    assert any(who == {"Amara Diallo", "Tomas Varga"} and where == "Windhoek" and date == "2024-05-14"
               for who, where, date, _ in meetings), meetings
    assert not any(by == "Amara Diallo" for by, _ in claims), claims  # a visit, not a demand
    meetings, _ = extract("Foreign Minister Lena Okafor separately called on President Tomas Varga and briefed "
                          "him on the projects.", "en")
    assert any(who == {"Lena Okafor", "Tomas Varga"} for who, *_ in meetings), meetings
    for text in ("Tomas Varga called on Lena Okafor and Amara Diallo to respect the vote.",
                 "Tomas Varga called on President Lena Okafor for restraint."):
        meetings, claims = extract(text, "en")
        assert not meetings, meetings
        assert any(by == "Tomas Varga" for by, _ in claims), claims  # the demand stays a claim


def test_exchanging_views_with_a_person_is_a_conversation():
    meetings, _ = extract("Minister Lena Okafor exchanged views with her counterpart Pavel Horak in Prague on "
                          "Tuesday.", "en")
    assert any(who == {"Lena Okafor", "Pavel Horak"} and where == "Prague" for who, where, *_ in meetings), meetings
    meetings, _ = extract("Die Ministerin Lena Okafor reiste nach Prag. Am Mittwoch tauschte sich Okafor dort mit "
                          "ihrem Amtskollegen Pavel Horak aus.", "de")
    assert any({"Lena Okafor", "Pavel Horak"} <= who for who, *_ in meetings), meetings


def test_a_called_off_meeting_is_kept_as_cancelled_and_a_place_in_its_reason_is_not_its_venue():
    for text, lang in (("Präsident Goran Ilić musste wegen des Streits im Sandžak ein Gespräch mit Ministerin "
                        "Carla Wendt am Mittwoch absagen.", "de"),
                       ("President Goran Ilic had to cancel a meeting with Minister Carla Wendt on Wednesday "
                        "because of the dispute in Sandzak.", "en")):
        meetings, _ = extract(text, lang)
        assert [(who, where, status) for who, where, _, status in meetings] == \
            [({"Goran Ilić" if lang == "de" else "Goran Ilic", "Carla Wendt"}, None, "cancelled")], meetings


def test_a_role_subject_and_a_place_after_a_list_of_tagged_names():
    # "die Bundesaußenministerin" / "the minister" is the person of that role named before; the country in
    # brackets after each name is a tag, not an attendee; the place after the bracketed list is the venue;
    # a sentence-initial "Morgen" is tomorrow
    for text, lang in (("Außenministerin Carla Wendt reist heute nach Tallinn. Morgen trifft sich die "
                        "Bundesaußenministerin mit ihren drei baltischen Amtskollegen Urmas Kask (Estland), Edgars "
                        "Ozols (Lettland) und Jonas Petraitis (Litauen) in Riga.", "de"),
                       ("Foreign Minister Carla Wendt travels to Tallinn today. Tomorrow the minister will meet her "
                        "three Baltic counterparts Urmas Kask (Estonia), Edgars Ozols (Latvia) and Jonas Petraitis "
                        "(Lithuania) in Riga.", "en")):
        meetings, _ = extract(text, lang)
        assert ({"Carla Wendt", "Urmas Kask", "Edgars Ozols", "Jonas Petraitis"}, "Riga", "2024-05-16", "planned") \
            in meetings, meetings


def test_meetings_of_a_day_of_receptions_are_the_hosts():
    meetings, _ = extract("On Monday President Ana Moreira spent the day receiving heads of state who came to "
                          "Lisbon for her inauguration. The meetings took place at the Belem Palace. One of the "
                          "meetings was with the president of Chile Tomas "
                          "Rojas. Another meeting was with Peruvian President Elena Quispe.", "en")
    people = [who for who, *_ in meetings]
    assert any({"Ana Moreira", "Tomas Rojas"} <= who for who in people), meetings
    assert any({"Ana Moreira", "Elena Quispe"} <= who for who in people), meetings


def test_so_speaker_followed_by_a_relative_clause():
    _, claims = extract("Verbandschef Mario Lindqvist glaubt an eine gute Saison. \"Die Stadt hat uns alle "
                        "Zusagen gegeben\", so Lindqvist, der sich mit dem Bürgermeister einigte.", "de")
    assert any(by == "Mario Lindqvist" and "Zusagen" in text for by, text in claims), claims


def test_the_leaders_of_two_countries_are_their_heads_named_in_the_article():
    meetings, _ = extract("The leaders of Norway and Chile underscored the alliance at the outset of their talks in "
                          "Oslo on Monday. Norwegian Prime Minister Erik Solvang said to Chilean President Ana Reyes "
                          "that ties are firm. Chilean Vice President Luis Mora stayed in Santiago.", "en")
    assert ({"Erik Solvang", "Ana Reyes"}, "Oslo", "2024-05-13", "held") in meetings, meetings


def test_a_day_range_closed_by_a_numeric_date_starts_on_its_first_day():
    meetings, _ = extract("Am 24. und 25.08. trifft Außenministerin Carla Wendt mit ihrem Amtskollegen Lars Haugen "
                          "in Oslo zusammen.", "de")
    assert ({"Carla Wendt", "Lars Haugen"}, "Oslo", "2024-08-24", "planned") in meetings, meetings


def test_the_head_of_a_body_is_the_person_whose_title_names_it():
    # "der Chef des Verbandes" speaks for its head named before ("Verbands-Boss X"), not for the body, and not
    # for another official of the same body
    _, claims = extract("Nach dem Treffen glaubt FIFA-Boss Mario Lindqvist an eine gute WM, FIFA-Generalsekretär "
                        "Tomas Rehn schwieg. \"Wir werden die beste WM organisieren\", erklärte der Chef des "
                        "Fußball-Weltverbandes nach der Sitzung.", "de")
    assert ("Mario Lindqvist", "Wir werden die beste WM organisieren") in claims, claims


def test_a_role_subject_in_the_lead_is_the_person_the_headline_names():
    for title, text, lang in (
            ("Brandt zu Besuch in Lissabon", "Der deutsche Außenminister traf sich am Montag mit Jorge Ferreira. "
             "Peter Brandt sagte danach, die Gespräche seien gut gewesen.", "de"),
            ("Brandt visits Lisbon", "The German foreign minister met Jorge Ferreira on Monday. Peter Brandt said "
             "afterwards the talks had been good.", "en")):
        meetings, _ = extract(text, lang, title)
        assert [who for who, *_ in meetings] == [{"Peter Brandt", "Jorge Ferreira"}], meetings
    # without a headline naming them, the role stays no one
    meetings, _ = extract("The German foreign minister met Jorge Ferreira on Monday. Peter Brandt said afterwards "
                          "the talks had been good.", "en", "Talks in Lisbon")
    assert not any("Peter Brandt" in who for who, *_ in meetings), meetings


def test_a_dateline_closed_by_a_colon_is_where_the_days_meeting_was():
    for text, lang, place in (
            ("Lissabon, 13.05.2024: Am Montag haben sich Bischof Jorge Ferreira und Ministerin Carla Wendt zu einem "
             "Gespräch getroffen.", "de", "Lisbon"),
            ("Porto: Minister Carla Wendt held talks with Jorge Ferreira on Monday.", "en", "Porto")):
        meetings, _ = extract(text, lang)
        assert [(who, where) for who, where, *_ in meetings] == [({"Carla Wendt", "Jorge Ferreira"}, place)], meetings


def test_a_modal_reaches_back_over_a_long_partner_and_an_object_pronoun_is_the_visitor():
    meetings, _ = extract("Zum Auftakt will Carl Wendt am Mittwoch in der Hauptstadt Porto Novo mit dem Präsidenten der "
                          "Westafrikanischen Entwicklungsbank (Ebid), Omar Sarr, zusammentreffen. Anschließend wird "
                          "ihn Staatspräsident Jorge Ferreira offiziell begrüßen und ein Gespräch mit ihm führen.", "de")
    assert [(who, where, date, status) for who, where, date, status in meetings] == [
        ({"Carl Wendt", "Omar Sarr"}, "Porto-Novo", "2024-05-15", "planned"),
        ({"Carl Wendt", "Jorge Ferreira"}, "Porto-Novo", "2024-05-15", "planned")], meetings


def test_a_partner_pronoun_is_not_its_own_clauses_subject():
    for text, lang in (("Carl Wendt kam am Montag nach Tromsø. Am Dienstag führte Präsident Jonas Haugen dort ein "
                        "Gespräch mit ihm.", "de"),
                       ("Carl Wendt arrived in Tromsø on Monday. Afterwards President Jonas Haugen held talks with "
                        "him.", "en")):
        meetings, _ = extract(text, lang)
        assert any(who == {"Carl Wendt", "Jonas Haugen"} and where == "Tromsø" for who, where, *_ in meetings), meetings


def test_a_partner_named_by_a_nations_role_is_that_nations_holder():
    meetings, _ = extract("Ghanaian President Omar Sarr and Norwegian Prime Minister Carl Wendt spoke on Friday. "
                          "The prime minister met with the Ghanaian president on Monday evening.", "en")
    assert [who for who, *_ in meetings] == [{"Carl Wendt", "Omar Sarr"}], meetings
    # a president of unknown nation is not "the Ghanaian president"
    meetings, _ = extract("President Jonas Haugen and Norwegian Prime Minister Carl Wendt spoke on Friday. "
                          "The prime minister met with the Ghanaian president on Monday evening.", "en")
    assert not any("Jonas Haugen" in who for who, *_ in meetings), meetings


def test_a_wie_or_as_attribution_over_a_title_says_the_main_clause():
    for text, lang, word in (
            ("Beide Seiten einigten sich in Tromsø darauf, die Gespräche am Samstag fortzusetzen, wie Norwegens "
             "Außenminister Carl Wendt dem Rundfunk sagte.", "de", "fortzusetzen"),
            ("Both sides agreed in Tromsø to resume the talks on Saturday, as Norway's Foreign Minister Carl Wendt "
             "told state radio.", "en", "resume")):
        _, claims = extract(text, lang)
        assert [by for by, _ in claims] == ["Carl Wendt"], claims
        assert word in claims[0][1], claims


def test_state_media_praise_verbs_are_claims():
    _, claims = extract("While receiving Omar Sarr, Prime Minister Carl Wendt highly evaluated the group's "
                        "business in Norway. He asked the firm to continue long-term investment. Wendt applauded "
                        "the firm's expansion plan and expressed his hope that it will support the forum.", "en")
    texts = " | ".join(t for by, t in claims if by == "Carl Wendt")
    for word in ("business in Norway", "long-term investment", "expansion plan", "support the forum"):
        assert word in texts, claims


def test_welcoming_a_titled_person_is_a_reception_and_welcoming_their_decision_a_claim():
    for text, lang in (("Prime Minister Carl Wendt welcomed President Omar Sarr to Oslo on Monday.", "en"),
                       ("Premierminister Carl Wendt begrüßte am Montag Präsident Omar Sarr in Oslo.", "de")):
        meetings, claims = extract(text, lang)
        assert [(who, where) for who, where, *_ in meetings] == [({"Carl Wendt", "Omar Sarr"}, "Oslo")], meetings
        assert claims == [], claims
    meetings, claims = extract("Prime Minister Carl Wendt welcomed President Omar Sarr's decision on Monday.", "en")
    assert [by for by, _ in claims] == ["Carl Wendt"] and meetings == [], (meetings, claims)


def test_a_konjunktiv_continuation_is_the_same_claim():
    _, claims = extract("Ministerin Carla Wendt sagte am Montag, die Gespräche in Bergen seien gut verlaufen. "
                        "Norwegen wolle die Zusammenarbeit ausbauen.", "de")
    assert len(claims) == 1 and claims[0][0] == "Carla Wendt", claims
    assert "gut verlaufen" in claims[0][1] and "Zusammenarbeit ausbauen" in claims[0][1], claims


def test_a_held_meeting_without_a_place_belongs_to_the_round_of_its_person():
    text = ("Prime Minister Carl Wendt met business leaders on the sidelines of the fisheries forum in Tromsø on "
            "Monday.\n\nThe firms asked for new quotas. They also want lower taxes.\n\nThe Norwegian leader also met "
            "with Jonas Haugen, Regional Head for Government Affairs with the UK's Barclays, where he said the bank's "
            "services were strong.")
    meetings, _ = extract(text, "en")
    assert any({"Carl Wendt", "Jonas Haugen"} <= who and where == "Tromsø" and date == "2024-05-13"
               for who, where, date, _ in meetings), meetings
    # a meeting on another day is not part of that round
    meetings, _ = extract(text.replace("also met with", "met on Friday with"), "en")
    assert any({"Carl Wendt", "Jonas Haugen"} <= who and where is None for who, where, *_ in meetings), meetings


def test_expressed_is_a_claim():
    _, claims = extract("Secretary of State, Carl Wendt, expressed how delighted he was to be in Lima.", "en")
    assert claims and claims[0][0] == "Carl Wendt" and "delighted" in claims[0][1], claims


def test_the_leads_meeting_without_a_place_is_where_the_headline_puts_it():
    text = ("Nach dem Streit haben sich Carl Wendt und Jonas Haugen am Montag zu einem Gipfel getroffen. Haugen "
            "kam mit dem Zug, der Tromsø-Verband schickte einen Vertreter aus Tromsø.")
    meetings, _ = extract(text, "de", "Fischerei-Gipfel in Tromsø: Verband spricht Wendt das Vertrauen aus")
    assert [(who, where) for who, where, *_ in meetings] == [({"Carl Wendt", "Jonas Haugen"}, "Tromsø")], meetings
    meetings, _ = extract(text, "de", "Fischerei-Gipfel: Verband spricht Wendt das Vertrauen aus")
    assert [(who, where) for who, where, *_ in meetings] == [({"Carl Wendt", "Jonas Haugen"}, None)], meetings


def test_two_pairs_on_one_day_are_two_meetings_and_the_outlet_after_reported_is_no_speaker():
    meetings, _ = extract("The Norwegian Crown Prince and Prime Minister, Carl Wendt, has on Wednesday received the "
                          "US Secretary of State, Jonas Haugen, in Oslo, reported the Norwegian News Agency (NTB). "
                          "Earlier on Wednesday, the US Secretary of State met with his Norwegian counterpart, "
                          "Prince Omar Sarr, in Oslo.", "en")
    assert meetings[0][:2] == ({"Carl Wendt", "Jonas Haugen"}, "Oslo"), meetings  # not Sarr: "Crown Prince" titles Wendt
    assert any("Omar Sarr" in who for who, *_ in meetings[1:]), meetings  # a second encounter, not merged


def test_a_place_in_the_topic_talked_about_is_no_venue_and_no_attendee():
    meetings, _ = extract("Die Ministerin Haldora Fenk traf am Montag in Tallinn ihren Amtskollegen Rasmus Oja. "
                          "Über bilaterale Fragen zu Europa und Georgien sprach Fenk auch mit dem Regierungschef "
                          "Kaarel Tamm.", "de")
    assert ({"Haldora Fenk", "Kaarel Tamm"}, "Tallinn") in [(who, where) for who, where, _, _ in meetings], meetings
    meetings, _ = extract("Foreign Minister Haldora Fenk held talks on the war in Sudan with Rasmus Oja in Tallinn "
                          "on Monday.", "en")
    assert [(who, where) for who, where, _, _ in meetings] == [({"Haldora Fenk", "Rasmus Oja"}, "Tallinn")]
    # a name right after the topic word is a named event, and the place after it its venue
    meetings, _ = extract("Prime Minister Haldora Fenk met business leaders on the sidelines of the World Economic "
                          "Forum on ASEAN 2024 in Tallinn.", "en")
    assert [where for _, where, _, _ in meetings] == ["Tallinn"], meetings


def test_a_continent_is_no_venue():
    meetings, _ = extract("Rasmus Oja und Haldora Fenk sprachen über die Lage in Europa.", "de")
    assert all(where != "Europe" for _, where, _, _ in meetings), meetings


def test_a_headline_visit_names_the_place_of_the_leads_meeting():
    meetings, _ = extract("Lindau/Kamenz: Nach langer Pause besuchte eine Delegation um Bürgermeisterin Petra "
                          "Lindqvist die Partnerstadt Kamenz. In diesem Rahmen traf Lindqvist den neu gewählten "
                          "Bürgermeister Tobias Rehm.", "de",
                          title="Delegation um Bürgermeisterin Petra Lindqvist besucht die Partnerstadt Kamenz")
    assert ({"Petra Lindqvist", "Tobias Rehm"}, "Kamenz") in [(w, p) for w, p, _, _ in meetings], meetings


def test_two_people_visiting_something_together_meet():
    for text, lang in (("Peer Lindqvist traf John Wallner in Dresden. Lindqvist und Wallner wollen am Donnerstag "
                        "gemeinsam die Gedenkstätte besuchen.", "de"),
                       ("Peer Lindqvist met John Wallner in Dresden. Lindqvist and Wallner will visit the memorial "
                        "together on Thursday.", "en")):
        meetings, _ = extract(text, lang)
        assert any(who == {"Peer Lindqvist", "John Wallner"} and status == "planned" and date == "2024-05-16"
                   for who, _, date, status in meetings), meetings


def test_the_ambassador_in_a_city_is_posted_there_and_the_visit_is_elsewhere():
    meetings, _ = extract("Ministerpräsidentin Petra Lindqvist besuchte gemeinsam mit dem deutschen Botschafter "
                          "in Lissabon, Tobias Rehm, am Donnerstag die Villa Europa in Kamenz.", "de")
    assert [(who, where) for who, where, _, _ in meetings] == [({"Petra Lindqvist", "Tobias Rehm"}, "Kamenz")]


def test_a_dateline_with_a_month_names_no_attendee():
    meetings, _ = extract("ACCRA, Ghana Aug 27 – President Kofi Addo will today hold talks with his counterpart "
                          "Marta Lindqvist in Lome.", "en")
    assert [who for who, *_ in meetings] == [{"Kofi Addo", "Marta Lindqvist"}], meetings


def test_a_quotation_whose_opening_mark_was_dropped_runs_from_its_paragraphs_start():
    _, claims = extract("Prime Minister Peter Kowalczyk chaired the meeting.\n\nThe number one issue for the "
                        "islands is rising seas,” Kowalczyk said.\n\n“People are in grave danger,” Kowalczyk said.",
                        "en")
    assert ("Peter Kowalczyk", "The number one issue for the islands is rising seas") in claims, claims
    assert ("Peter Kowalczyk", "People are in grave danger") in claims, claims


def test_a_quotation_then_while_ends_the_first_speakers_claim():
    _, claims = extract("Foreign Minister Tunde Bakare met Minister Ama Owusu. Bakare later told reporters 'the "
                        "chemistry was good' while Owusu said, \"We discussed all the issues.\"", "en")
    texts = dict((text, by) for by, text in claims)
    assert texts.get("We discussed all the issues.") == "Ama Owusu", claims
    assert any(by == "Tunde Bakare" and "chemistry" in text and "discussed" not in text for by, text in claims)


def test_a_bare_surname_is_the_one_of_that_name_already_introduced():
    _, claims = extract("Foreign Minister Tunde Bakare held talks in Accra. Bakare later told reporters the talks "
                        "were good. It was the first visit since the Femi Bakare government took office.", "en")
    assert [by for by, _ in claims] == ["Tunde Bakare"], claims


def test_an_adjective_of_feeling_before_a_colon_introduces_a_quotation_of_the_named_person():
    _, claims = extract("Jonas Wendt, Erster Bevollmächtigter der IG Metall Kassel, zeigt sich empört: „Dieses "
                        "Vorgehen zeigt, wie arrogant die Manager agieren.“", "de")
    assert claims == [("Jonas Wendt", "Dieses Vorgehen zeigt, wie arrogant die Manager agieren.")], claims


def test_praise_of_something_of_someone_keeps_the_whole_object():
    _, claims = extract("Speaker Jane Hill spoke highly of the association’s role. Hill also praised the long-term "
                        "efforts of the city. Hill accused Ghana of lying about the deal.", "en")
    assert ("Jane Hill", "the association’s role") in claims, claims
    assert ("Jane Hill", "the long-term efforts of the city") in claims, claims
    assert ("Jane Hill", "lying about the deal") in claims, claims


def test_a_role_with_what_it_is_for_titles_the_name_after_it():
    _, claims = extract("Ghana’s Ambassador to the US Kwesi Boateng said that the visit will increase trade. The "
                        "Minister of Finance Esi Larbi said that the budget is sound.", "en")
    assert ("Kwesi Boateng", "the visit will increase trade") in claims, claims
    assert ("Esi Larbi", "the budget is sound") in claims, claims
    out = EX.extract("Rashid Nuri, Assistant Under-Secretary for Government Coordination Department at the "
                     "ministry, spoke.", "en", WEDNESDAY)
    assert [e.name for e in out.entities if e.kind == "person"] == ["Rashid Nuri"]


def test_a_body_named_by_its_building_is_the_venue_and_beats_a_country_told_later():
    meetings, _ = extract("Prime Minister Keith Adams met with Mr. Naveen Kumar, the chairman of the board of the "
                          "national steel works, at the Diplomatic Centre today.", "en")
    assert [(who, where) for who, where, _, _ in meetings] == [({"Keith Adams", "Naveen Kumar"}, "Diplomatic Centre")]
    meetings, _ = extract("President Kofi Addo will today hold talks with his US counterpart Donald Trump in the "
                          "White House. President Addo is in the US at the invitation of his host Trump.", "en")
    assert [where for who, where, _, _ in meetings if who == {"Kofi Addo", "Donald Trump"}] == ["White House"]


def test_a_news_conference_with_someone_is_a_joint_appearance():
    meetings, _ = extract("\"One interest is the agreement,\" President Michel Tavares said at a news conference "
                          "with Mauricio Ruiz. Tavares held a news conference on Friday.", "en")
    assert [who for who, *_ in meetings] == [{"Michel Tavares", "Mauricio Ruiz"}], meetings


def test_being_a_guest_is_a_visit_and_the_hosts_guest_is_the_visitor():
    meetings, _ = extract("OB Jonas Brenner war erstmals nach seinem Amtsantritt in der Partnerstadt Weimar zu Gast. "
                          "Die Partnerschaft wurde 1987 begründet.\n\nOberbürgermeister Stefan Lorenz bat bei einem "
                          "Empfang seinen Gast, sich in das Goldene Buch der Stadt einzutragen.", "de")
    assert ({"Jonas Brenner"}, "Weimar") in [(who, where) for who, where, _, _ in meetings], meetings
    assert ({"Jonas Brenner", "Stefan Lorenz"}, "Weimar") in [(who, where) for who, where, _, _ in meetings], meetings


def test_a_stop_on_a_journey_told_after_the_meeting_is_where_it_was():
    meetings, _ = extract("Außenminister Jonas Brenner traf am Dienstag mit der Außenministerin Kanadas, Mary Lowe, "
                          "zusammen. Im Mittelpunkt des Gesprächs stand die Lage im Nahen Osten. Lowe macht in "
                          "Hamburg Station, um sich mit der Regierung auszutauschen.", "de")
    assert ({"Jonas Brenner", "Mary Lowe"}, "Hamburg") in [(who, where) for who, where, _, _ in meetings], meetings


def test_separate_audiences_are_one_meeting_with_each_guest_and_german_exonyms_are_places():
    meetings, _ = extract("Rom (dpa) - Papst Leo hat IOC-Präsident Jonas Brenner und FIFA-Präsident Karl Lowe zu "
                          "Privataudienzen im Vatikan empfangen.", "de")
    assert sorted(sorted(who) for who, *_ in meetings) == [["Jonas Brenner", "Leo"], ["Karl Lowe", "Leo"]], meetings
    assert {where for _, where, _, _ in meetings} == {"Vatican"}
    # the separate sessions of a side clause are not the main clause's
    meetings, _ = extract("Envoy Jonas Brenner meets Karl Lowe and Mary Lowe in Oslo, where the team also sees "
                          "other officials in separate sessions.", "en")
    assert any(len(who) == 3 for who, *_ in meetings), meetings
