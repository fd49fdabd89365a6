"""One test per damage found in the developer corpus while building the parser (text alone)."""

from __future__ import annotations

import multiprocessing

import pytest

from cablekg.parse import parse_raw, parse_text
from tests.corpus import page


@pytest.fixture(scope="module")
def cable(shared):
    def read(name: str):
        raw = page(shared, name)
        return parse_text(raw.text, raw.source, None)

    return read


def test_header_of_one_cable_joined_to_the_body_of_another(cable):
    spliced = cable("08LAPAZ751")  # header LA PAZ #0751 (CCCCC), body BOGOTA 004036 (SECRET)
    assert (spliced.id, spliced.classification) == ("08LAPAZ751", "CONFIDENTIAL")
    assert spliced.repairs[-1].startswith("banner BOGOTA 004036 contradicts the header")


def test_partial_extract_followed_by_a_database_dump_of_the_full_cable(cable):
    kabul = cable("08KABUL1064")
    assert kabul.tags == ("PREL", "PTER", "ECON", "IR", "PK", "AF")
    assert (
        kabul.subject
        == "FOREIGN MINISTER SPANTA ON PAKISTAN, IRAN, AND PLANS FOR TRIP TO WASHINGTON"
    )
    numbers = [p.number for p in kabul.paragraphs if p.number]
    assert numbers == sorted(set(numbers))  # one copy of the text, not two
    assert "text holds 2 copies of the cable; kept the fullest" in kabul.repairs


def test_mail_wrapper_before_the_header(cable):
    tripoli = cable("08TRIPOLI230")  # From: / Sent: / To: / Subject: before VZCZC
    assert (tripoli.id, tripoli.date, tripoli.classification) == (
        "08TRIPOLI230", "2008-03-17T16:53:00Z", "CONFIDENTIAL"
    )  # fmt: skip
    assert tripoli.subject == "LIBYA MAKES PROGRESS ON BANKING REFORM"
    assert [r.id for r in tripoli.references] == ["08TRIPOLI126"]


def test_printout_sections_repeat_their_headers(cable):
    vatican = cable("01VATICAN3507")
    numbers = [p.number for p in vatican.paragraphs if p.number]
    assert numbers == list(range(1, 21))
    assert "skipped a repeated section header" in vatican.repairs
    assert vatican.signers == ("MMERANTE",)


def test_preamble_run_together_on_one_line(cable):
    cairo = cable("05CAIRO8938")  # Cable dated:...C O N F I D E N T I A L CAIRO 008938SIPDISFOR ...
    assert (cairo.id, cairo.date, cairo.classification) == (
        "05CAIRO8938",
        "2005-11-29T14:19:00Z",
        "CONFIDENTIAL",
    )
    assert cairo.tags == ("PTER", "KCRM", "PREL", "EG", "OVIP")
    assert cairo.declassification.date == "2015-11-28"
    assert cairo.signers == ("RICCIARDONE",)


def test_banner_serial_cut_short_is_completed_from_the_de_line(cable):
    wayne = cable("07BUENOSAIRES1673")  # "BUENOS AIRES 00167SIPDIS", DE RUEHBU #1673/01
    assert wayne.id == "07BUENOSAIRES1673"
    assert [p.number for p in wayne.paragraphs] == list(range(1, 19))  # ¶2 glued to a heading


def test_redacted_banner_station_comes_from_the_fm_line(cable):
    assert cable("10SHENYANG4").id == "10SHENYANG4"  # SE C R E T ... XXXXXXXXXXXX 000004


def test_sensitive_unclassified_is_cablegates_for_official_use_only(cable):
    assert cable("09BUENOSAIRES548").classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    assert cable("09BUENOSAIRES548").caveats == ("SBU",)


def test_header_printed_again_after_the_body(cable):
    berry = cable("04TRIPOLI31")
    assert berry.signers == ("BERRY",) and berry.paragraphs[-1].number == 6
    assert len(berry.recipients) == 2


def test_partial_extract_without_date_estimates_its_year(cable):
    flash = cable("05SANJOSE1634")  # subject "SAN JOSE FLASH REPORT - JULY 2005", E.O. 12958: N/A
    assert flash.id == "05SANJOSE1634" and flash.date is None
    assert flash.repairs == (
        "no date-time group: year 2005 estimated from the executive order and the years the "
        "text mentions",
    )


def test_malformed_wikileaks_id_is_canonicalised(shared):
    efto = parse_raw(page(shared, "09EFTOLONDON2240"))
    assert efto.id == "09LONDON2240"


def test_garbled_csv_row_inside_the_text(cable):
    state = cable("09STATE30927")  # ...",S E C R E T STATE 030927 ""NOFORN ,,""SIPDIS ...
    assert state.id == "09STATE30927"
    assert state.tags == ("PINR", "PGOV", "AR")


def test_subject_holding_an_executive_order_number(shared):
    text = (
        "SUBJECT: DEMARCHE DELIVERED: DESIGNATION OF IRANIANS UNDER\nE.O. 13382\n\nREF: STATE 887\n"
    )
    header = (
        "C O N F I D E N T I A L SAN JOSE 000700\n\nE.O. 12958: DECL: 08/20/2019\nTAGS: PARM PREL\n"
    )
    cable = parse_text(header + text)
    assert cable.subject == "DEMARCHE DELIVERED: DESIGNATION OF IRANIANS UNDER E.O. 13382"
    assert cable.declassification.order == "12958"


def test_a_run_of_end_markers_followed_by_text_is_read_in_linear_time(shared):
    """`> > > ... z` at the end of a cable once took time exponential in the number of markers
    (22 of them: 30 s). The parse runs in a child process so a regression fails, not hangs."""
    text = (shared / "examples" / "07MUSCAT920.txt").read_text(encoding="utf-8")
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        answer = pool.apply_async(parse_text, (text.rstrip() + "\n" + "> " * 60 + "zz\n",))
        cable = answer.get(timeout=20)
    assert cable.id == "07MUSCAT920"
    assert cable.paragraphs[-1].text.endswith("> zz")


def test_partial_extract_is_not_older_than_the_past_events_it_tells(cable):
    # DECL 03/11/2008 alone says 1998 (the usual ten years); "Gulen, indicted in 2000" rules it out
    ankara = cable("03ANKARA1516")
    assert ankara.id == "03ANKARA1516" and ankara.date is None
    assert any("past events the text tells" in repair for repair in ankara.repairs)


def test_a_decade_is_not_a_year_of_the_cable(cable):
    # "tinges of 1970s ideology" and E.O. 12958 (1995-2010): no year to give, so no id
    brasilia = cable("03BRASILIA3124")
    assert brasilia.id is None and brasilia.date is None
    assert brasilia.station == "BRASILIA"


def test_classifier_title_and_name_are_split_around_a_generational_suffix(cable):
    randt = cable("08BEIJING1454").classified_by  # "Ambassador Clark T. Randt, Jr. Reasons"
    assert (randt.name, randt.title) == ("Clark T. Randt, Jr", "Ambassador")


def test_classifier_surname_alone_after_a_title_is_the_name(cable):
    wayne = cable("09BUENOSAIRES153").classified_by  # "Ambassador Wayne for reasons 1.4 (b) ..."
    assert (wayne.name, wayne.title) == ("Wayne", "Ambassador")
    assert wayne.reasons == ("1.4(b)", "1.4(d)")


def test_reasons_broken_by_a_stray_space_are_not_part_of_the_name(cable):
    allegrone = cable("08PARIS2134").classified_by  # "... Kathleen Allegrone for reas ons 1.4"
    assert (allegrone.name, allegrone.title) == (
        "Kathleen Allegrone",
        "Political Minister-Counselor",
    )


def test_signature_after_a_separator_of_asterisks_in_lower_case(cable):
    # "... Classified SIPRNET website." / "******* ****" / "kurtzer"
    assert cable("05TELAVIV45").signers == ("kurtzer",)


def test_signature_with_a_generational_suffix(cable):
    assert cable("07BERLIN802").signers == ("TIMKEN JR",)


def test_signature_before_a_mixed_case_end_marker(cable):
    rice = cable("07STATE135366")  # "Rice" / "Nnnn" / "End Cable Text"
    assert rice.signers == ("Rice",)
    assert not rice.paragraphs[-1].text.endswith(("Rice", "Nnnn"))


def test_signature_with_debris_after_it_or_a_footer(cable):
    assert cable("09TRIPOLI32").signers == ("CRETZ",)  # "CRETZ ."
    assert cable("08BRASILIA43").signers == ("SOBEL",)  # "SOBEL 2008-01-08"
    assert cable("10ANKARA126").signers == ("Jeffrey",)  # "Jeffrey" / "Visit Ankara's ..."


def test_a_last_line_carrying_on_the_sentence_is_no_signature(cable):
    hague = cable("04THEHAGUE2793")  # "... cleared by S/WCI Prosper and EUR" / "Stephens."
    assert hague.signers == ()
    assert hague.paragraphs[-1].text.endswith("EUR Stephens.")


def test_misspelled_reference_station_is_the_one_known_station_a_letter_off(cable):
    tripoli = cable("09TRIPOLI661")  # "07 TRIPOLII 695"
    assert ("07 TRIPOLII 695", "07TRIPOLI695") in [(r.text, r.id) for r in tripoli.references]
    assert "reference station TRIPOLII read as TRIPOLI" in tripoli.repairs
    usnato = cable("09USNATO464")  # "TALLIN 309", a letter missing
    assert "09TALLINN309" in [r.id for r in usnato.references]


def test_body_glued_to_the_classified_by_line_is_cut_at_its_paragraph_starts(cable):
    tripoli = cable("08TRIPOLI870")  # no line breaks from SUBJECT to the end of the text
    assert [(p.number, p.marking) for p in tripoli.paragraphs][:3] == [
        (1, "C"),
        (2, "U"),
        (3, "C"),
    ]
    assert len(tripoli.paragraphs) == 8
    assert tripoli.paragraphs[0].text.startswith("Summary: Apparently seeking to balance")
    assert tripoli.classified_by.reasons == ("1.4(b)", "1.4(d)")  # not the markings after it
    assert tripoli.signers == ("STEVENS",)


def test_first_paragraph_run_into_the_ref_line(cable):
    # "REF: A) STATE 132944, B) TRIPOLI 480  1. (U) The Government of Libya (GOL) does not ...":
    # the body starts at the first paragraph number, not inside the REF block
    tripoli = cable("08TRIPOLI982")
    assert [r.id for r in tripoli.references] == ["08STATE132944", "08TRIPOLI480"]
    assert [p.number for p in tripoli.paragraphs] == [1, 2]
    assert tripoli.signers == ("CRETZ",)


def test_body_glued_to_the_ref_line_after_its_last_item(cable):
    # "REF: STATE 43799 (SBU) Poloff delivered reftel message ...": a page that lost its breaks
    manama = cable("08MANAMA287")
    assert [r.id for r in manama.references] == ["08STATE43799"]
    assert manama.paragraphs[0].text.startswith("(SBU) Poloff delivered reftel message to MFA")
    assert manama.signers == ("HENZEL",)
    assert "split the body from a preamble line that lost its line break" in manama.repairs


def test_body_glued_to_the_classified_by_reasons(cable):
    # "... for reasons 1.4 (b) and (d). (C) Poloff discussed ...": the (C) marks the body
    manama = cable("08MANAMA126")
    assert manama.classified_by.reasons == ("1.4(b)", "1.4(d)")  # not a reason (c)
    assert manama.paragraphs[0].text.startswith("(C) Poloff discussed reftel points")
    cairo = cable("09CAIRO1044")  # the prose comes late: a long name before the verb
    assert cairo.classified_by.reasons == ("1.4(d)",)
    assert cairo.paragraphs[0].text.startswith("(C) On June 7, Egyptian Initiative for Personal")


def test_body_line_right_after_classified_by_without_a_blank_line(cable):
    delhi = cable("06NEWDELHI4405")
    assert [r.id for r in delhi.references] == [
        "06STATE93949",
        "06NEWDELHI4101",
        "06COLOMBO1040",
    ]
    assert delhi.classified_by.reasons == ("1.4(b)", "1.4(d)")
    assert delhi.paragraphs[0].text.startswith("(C) MEA Joint Secretary for the Americas")
    assert delhi.signers == ("MULFORD",)


def test_numbered_marking_ending_the_ref_line_starts_the_body(cable):
    # "REF: VILNIUS 663 1. (SBU)" and the paragraph's text on the next line
    vilnius = cable("08VILNIUS668")
    assert [r.id for r in vilnius.references] == ["08VILNIUS663"]
    first = vilnius.paragraphs[0]
    assert (first.number, first.marking) == (1, "SBU")
    assert first.text.startswith("The neutrality of the Belarusian regime")
    tbilisi = cable("08TBILISI1372")  # not a reference "(SBU)"
    assert [r.text for r in tbilisi.references] == ["TBILISI 1362"]
    assert (tbilisi.paragraphs[0].number, tbilisi.paragraphs[0].marking) == (1, "SBU")


def test_sbu_notice_and_body_run_into_the_subject_line(cable):
    # "SUBJECT: ... ANOTHER CHILD Sensitive but Unclassified. Please handle accordingly. (SBU) On"
    cairo = cable("09CAIRO226")
    assert cairo.subject == "EGYPT'S 55th BIRD FLU VICTIM, ANOTHER CHILD"
    assert "SBU" in cairo.caveats
    assert cairo.paragraphs[0].text.startswith("(SBU) On February 8, 2009, Egypt's Ministry")
    sao_paulo = cable("08SAOPAULO19")  # "... VENEZUELA SENSITIVE BUT UNCLASSIFIED; PLEASE PROTECT"
    assert sao_paulo.subject == (
        "FORMER FINANCE MINISTER ON BRAZILIAN POLITICS AND RELATIONS WITH VENEZUELA"
    )
