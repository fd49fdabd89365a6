"""The telegram grammar, element by element, on lines taken from real cables of ../shared."""

from __future__ import annotations

import pytest

from cablekg.model import Addressee, ClassifiedBy, Declassification, Reference
from cablekg.parse.banner import read_banner
from cablekg.parse.caveats import read_caveat_line
from cablekg.parse.classified_by import read_classified_by
from cablekg.parse.declass import eo_classifier, read_eo
from cablekg.parse.dtg import read_dtg
from cablekg.parse.header import read_addressee, split_glued
from cablekg.parse.ids import canonical_id
from cablekg.parse.references import Citing, read_references
from cablekg.parse.tags import read_tags, tag_line_text


@pytest.mark.parametrize(
    ("line", "iso", "precedence"),
    [
        ("R 290728Z SEP 07", "2007-09-29T07:28:00Z", "ROUTINE"),  # 07MUSCAT920
        ("P R 281848Z DEC 66", "1966-12-28T18:48:00Z", "PRIORITY"),  # 66BUENOSAIRES2481
        ("O 260858Z JUL 06 ZDK", "2006-07-26T08:58:00Z", "IMMEDIATE"),  # 06NEWDELHI5239
        ("P 260929Z JUN 08 ZFF6", "2008-06-26T09:29:00Z", "PRIORITY"),  # 08SAOPAULO335
        ("O P 072258Z FEB 85", "1985-02-07T22:58:00Z", "IMMEDIATE"),  # 85STATE38496
        ("061601Z MAY 78", "1978-05-06T16:01:00Z", None),  # 78KABUL3619
        ("170856Z May 00", "2000-05-17T08:56:00Z", None),  # 00HOCHIMINHCITY838
        ("Cable dated:2005-11-29T14:19:00", "2005-11-29T14:19:00Z", None),  # 05CAIRO8938
        ("Tuesday, 03 July 2001, 12:03", "2001-07-03T12:03:00Z", None),  # 01VATICAN3507
    ],
)
def test_date_time_groups(line, iso, precedence):
    dtg = read_dtg(line)
    assert (dtg.iso, dtg.precedence) == (iso, precedence)


@pytest.mark.parametrize(
    ("line", "reading"),
    [
        (
            "C O N F I D E N T I A L SECTION 01 OF 02 MUSCAT 000920",
            ("CONFIDENTIAL", "MUSCAT", "000920", 1, 2),
        ),
        ("UNCLAS SECTION 01 OF 02 HAVANA 004690 ", ("UNCLASSIFIED", "HAVANA", "004690", 1, 2)),
        ("S e c r e t state 068250", ("SECRET", "STATE", "068250", None, None)),  # 88BAGHDAD28
        (
            "SS E C R E T SECTION 01 OF 02 PARIS 001699 ",
            ("SECRET", "PARIS", "001699", 1, 2),
        ),  # 05PARIS1699
        ("UNCLASSIFIED BUENOS AIRES 2481 ", ("UNCLASSIFIED", "BUENOS AIRES", "2481", None, None)),
        ("S E C R E T  STATE 038496 ", ("SECRET", "STATE", "038496", None, None)),  # 85STATE38496
        (
            "C o n f i d e n t i a l section 01 of 02 khartoum 000881",
            ("CONFIDENTIAL", "KHARTOUM", "000881", 1, 2),
        ),
        ("S E C R E T SECTION 02 OF 03QRIPOLI 000583 ", ("SECRET", "QRIPOLI", "000583", 2, 3)),
    ],
)
def test_banners(line, reading):
    banner = read_banner(line)
    assert (
        banner.classification,
        banner.station_written,
        banner.serial,
        banner.section,
        banner.of,
    ) == reading


def test_banner_markings_and_what_follows_the_serial():
    efto = read_banner("UNCLAS E F T O LONDON 002240 ")  # 09EFTOLONDON2240
    assert efto.station_written == "LONDON" and efto.marks == ("EFTO",)
    glued = read_banner(  # 05CAIRO8938: the line breaks were lost
        "C O N F I D E N T I A L CAIRO 008938SIPDISFOR THE DIRECTOR FROM THE AMBASSADORE.O. 12958"
    )
    assert glued.serial == "008938" and glued.rest.startswith("SIPDISFOR THE DIRECTOR")
    assert read_banner("Secret Service agents met 12 times") is None


def test_header_lines_that_lost_their_breaks_are_cut_again():
    # 01VATICAN3507: a printout's second page glued its heading, date-time group and FM line.
    line = (
        "SAS-00 /002W  ------------------00B3A7 031716Z /38 O 031203Z JUL 01 FM AMEMBASSY VATICAN"
    )
    assert split_glued("INFO LOG-00 NP-00 " + line)[-2:] == [
        "O 031203Z JUL 01",
        "FM AMEMBASSY VATICAN",
    ]
    # 00HOCHIMINHCITY838: the banner glued to the last INFO addressee.
    assert split_glued("INFO AMEMBASSY HANOIUNCLAS SECTION 01 OF 03 HO CHI MINH CITY 000838") == [
        "INFO AMEMBASSY HANOI",
        "UNCLAS SECTION 01 OF 03 HO CHI MINH CITY 000838",
    ]


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        ("RUEHC/SECSTATE WASHDC 8810", Addressee("SECSTATE WASHDC", "RUEHC", None)),
        (
            "RUEHLP/AMEMBASSY LA PAZ PRORITY 3855",
            Addressee("AMEMBASSY LA PAZ", "RUEHLP", "PRIORITY"),
        ),
        (
            "RUEHKV/AMEMBASSY KYIV NIACT IMMEDIATE 7881-7884",
            Addressee("AMEMBASSY KYIV", "RUEHKV", "NIACT IMMEDIATE"),
        ),
        ("AMEMBASSY ISLAMABAD PRIORITY", Addressee("AMEMBASSY ISLAMABAD", None, "PRIORITY")),
    ],
)
def test_addressees(text, addressee):
    assert read_addressee(text) == addressee


@pytest.mark.parametrize(
    ("line", "declassification"),
    [
        ("E.O. 12958: DECL: 09/25/2017", Declassification("12958", "2017-09-25", None)),
        ("E.O. 12958: N/A ", Declassification("12958", None, "N/A")),
        (
            "E.O. 12958: DECL: 04/07/11 ",
            Declassification("12958", "2011-04-07", None),
        ),  # 01DOHA1093
        ("E.O. 12958: DECL: 2019/12/17 ", Declassification("12958", "2019-12-17", None)),
        ("E.O. 12356: DECL: OADR ", Declassification("12356", None, "OADR")),  # 85BEIRUT1014
        ("E.O.12356:  DECL: OADR ", Declassification("12356", None, "OADR")),  # 85DAMASCUS1314
        ("E. O. 11652: GDS ", Declassification("11652", None, "GDS")),  # 73TEHRAN2077
        (
            "E.O.12065: GDS 9/7/85 (XUX, DENNIS) CR-P ",
            Declassification("12065", "1985-09-07", "GDS"),  # the classifier apart (below)
        ),
        ("E.O. 12958: DECL: TWENTY YEARS ", Declassification("12958", None, "TWENTY YEARS")),
        (
            "E.o. 12958: decl: 07/01/2034",
            Declassification("12958", "2034-07-01", None),
        ),  # 88BAGHDAD28
    ],
)
def test_executive_order_lines(line, declassification):
    assert read_eo(line) == declassification


def test_executive_order_12065_lines_name_the_classifier():
    # 79ANKARA6618 and 79TEHRAN8980: the classifier in brackets, surname first, then the office
    assert eo_classifier("E.O.12065: GDS 9/7/85 (XUX, DENNIS) CR-P ") == ClassifiedBy("DENNIS XUX")
    line = "E.O. 12065: GDS 8/12/85 (TOMSETH, VICTOR L.) OR-P"
    assert eo_classifier(line) == ClassifiedBy("VICTOR L. TOMSETH")
    assert eo_classifier("E.O. 12958: DECL: 1.6X1 (C)") is None


@pytest.mark.parametrize(
    ("line", "tags"),
    [
        (
            "TAGS: PHUM PREL KCRM KWMN SMIG ELAB KMPI MU",
            ["PHUM", "PREL", "KCRM", "KWMN", "SMIG", "ELAB", "KMPI", "MU"],
        ),
        ("TAGS PGOV, PREL, AF ", ["PGOV", "PREL", "AF"]),  # missing colon
        (
            "Tags: mtcre, parm, prel, ettc, mnuc, tspa, ir, gm, ch",
            ["MTCRE", "PARM", "PREL", "ETTC", "MNUC", "TSPA", "IR", "GM", "CH"],
        ),
        ("TAGS PREL;PGOV;KCOR;HU;HR ", ["PREL", "PGOV", "KCOR", "HU", "HR"]),  # 10ZAGREB97
        (
            "TAGS: PREL AF PK IN AF PK IN VT VTPREL",
            ["PREL", "AF", "PK", "IN", "VT"],
        ),  # 01VATICAN5693
        ("TAGS: ETRDEINVECINPGOVCS", ["ETRD", "EINV", "ECIN", "PGOV", "CS"]),  # 06SANJOSE2037
        (
            "TAGS OVIP (CLINTON, HILLARY), PGOV, PREL, KDEV, ECON,",
            ["OVIP", "PGOV", "PREL", "KDEV", "ECON", "CLINTON, HILLARY"],
        ),
        (
            "AGS: PGOV, PREL, ECON, SOCI, AR ",
            ["PGOV", "PREL", "ECON", "SOCI", "AR"],
        ),  # 07BUENOSAIRES1673
    ],
)
def test_tags_lines(line, tags):
    assert read_tags(tag_line_text(line))[0] == tags


def test_tags_repairs_are_recorded():
    tags, repairs = read_tags(
        "PREL ETRD WTRQ KDEMAF POGOV"
    )  # 08REYKJAVIK135, 09KABUL4150, 09LONDON2222
    assert tags == ["PREL", "ETRD", "WTRO", "KDEM", "AF", "POGOV"]  # POGOV: WikiLeaks spells it so
    assert repairs == ["TAGS WTRQ read as WTRO", "TAGS KDEMAF split into KDEM AF"]


def test_caveat_lines_and_their_repair():
    assert read_caveat_line("STPDIS") == (
        ["SIPDIS"],
        ["caveat STPDIS read as SIPDIS"],
    )  # 07MUSCAT920
    assert read_caveat_line("NOFORN SIPDIS") == (["NOFORN", "SIPDIS"], [])
    assert read_caveat_line("SENSITIVE BUT UNCLASSIFIED ") == (["SBU"], [])
    assert read_caveat_line("DEPARTMENT FOR NEA/ARP") is None


MUSCAT = Citing(year=2007, station="MUSCAT", serial=920, day_of_year=272)


@pytest.mark.parametrize(
    ("text", "citing", "refs"),
    [
        (  # 07MUSCAT920, with the OCR bullets
            "A. MUSCAT 375 ¶B. MUSCAT 822 1C. MUSCAT 298 1D. MUSCAT 883",
            MUSCAT,
            [("A", "07MUSCAT375", "MUSCAT 375"), ("B", "07MUSCAT822", "MUSCAT 822"),
             ("C", "07MUSCAT298", "MUSCAT 298"), ("D", "07MUSCAT883", "MUSCAT 883")],
        ),
        (  # 85STATE38496: numbered items
            "1. ROME 1902, 2. STATE 31565  3. STATE 014859",
            Citing(year=1985, station="STATE", serial=38496, day_of_year=38),
            [("1", "85ROME1902", "ROME 1902"), ("2", "85STATE31565", "STATE 31565"),
             ("3", "85STATE14859", "STATE 014859")],
        ),
        (  # 66BUENOSAIRES2481: a circular airgram is not a cable
            "STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966",
            Citing(year=1966, station="BUENOSAIRES", serial=2481, day_of_year=362),
            [(None, "66STATE106206", "STATE 106206"), (None, None, "STATE CA-3400 NOV 2, 1966")],
        ),
        (  # 09TRIPOLI678: an explicit year before the station
            "A. Tripoli 487; B. State 129000; C. 08 Tripoli 679",
            Citing(year=2009, station="TRIPOLI", serial=678, day_of_year=232),
            [("A", "09TRIPOLI487", "Tripoli 487"), ("B", "09STATE129000", "State 129000"),
             ("C", "08TRIPOLI679", "08 Tripoli 679")],
        ),
        (  # 08SAOPAULO335-like: a year in parentheses after the serial
            "SAO PAULO 421; BRASILIA 709 (08) SAO PAULO 542",
            Citing(year=2009, station="SAOPAULO", serial=600, day_of_year=200),
            [(None, "09SAOPAULO421", "SAO PAULO 421"), (None, "08BRASILIA709", "BRASILIA 709 (08)"),
             (None, "09SAOPAULO542", "SAO PAULO 542")],
        ),
        (  # 08BEIJING3662: e-mails are references without an id
            "A. Hong Kong 1747 and previous, B. E-mail Shanghai Financial Update, Friday, "
            "September 19, 2008",
            Citing(year=2008, station="BEIJING", serial=3662, day_of_year=267),
            [("A", "08HONGKONG1747", "Hong Kong 1747"),
             ("B", None, "E-mail Shanghai Financial Update, Friday, September 19, 2008")],
        ),
        (  # 09UNVIEVIENNA289: UNVIE is written short in references
            "UNVIE 00266 ",
            Citing(year=2009, station="UNVIEVIENNA", serial=289, day_of_year=170),
            [(None, "09UNVIEVIENNA266", "UNVIE 00266")],
        ),
    ],
)  # fmt: skip
def test_reference_blocks(text, citing, refs):
    assert [(r.label, r.id, r.text) for r in read_references(text, citing)] == refs


def test_serial_without_station_keeps_the_one_before():
    refs = read_references(
        "STATE 1234 AND 2764", Citing(year=2006, station="PARIS", serial=10, day_of_year=200)
    )
    assert refs == [Reference("STATE 1234", "06STATE1234"), Reference("2764", "06STATE2764")]


@pytest.mark.parametrize(
    ("citing", "reference", "year"),
    [
        (
            Citing(2007, "MUSCAT", 20, 9),
            "MUSCAT 883",
            2006,
        ),  # a January cable, a serial above its own
        (Citing(2007, "MUSCAT", 920, 272), "MUSCAT 883", 2007),
        (
            Citing(2009, "PARIS", 15, 6),
            "STATE 130000",
            2008,
        ),  # STATE could not reach 130000 by Jan 6
        (Citing(2009, "PARIS", 15, 6), "STATE 1200", 2009),
        (Citing(2009, "PARIS", 1500, 180), "CAIRO 900", 2009),
    ],
)
def test_reference_year_inference(citing, reference, year):
    [ref] = read_references(reference, citing)
    assert ref.id.startswith(f"{year % 100:02d}")


@pytest.mark.parametrize(
    ("text", "classified"),
    [
        ("Charge d'Affaires Alfred F. Fonteneau, reasons 1.4 b/d.",
         ClassifiedBy("Alfred F. Fonteneau", "Charge d'Affaires", ("1.4(b)", "1.4(d)"))),
        ("Kathleen Allegrone, Political Minister-Counselor, 1.4 (b /d).",  # 09PARIS997
         ClassifiedBy("Kathleen Allegrone", "Political Minister-Counselor", ("1.4(b)", "1.4(d)"))),
        ("AMBASSADOR ELIZABETH MCKUNE FOR REASONS 1.5 (B) AND (D)",  # 01DOHA1093
         ClassifiedBy("ELIZABETH MCKUNE", "AMBASSADOR", ("1.5(b)", "1.5(d)"))),
        ("DEPUTY CHIEF OF MISSION GEOFFREY PYATT FOR REASONS 1.4 ( B) AND (D)",  # 09UNVIEVIENNA289
         ClassifiedBy("GEOFFREY PYATT", "DEPUTY CHIEF OF MISSION", ("1.4(b)", "1.4(d)"))),
        ("Political Counselor John S. Creamer Reasons: 1.4 (b) and (d)",  # 07BOGOTA1232
         ClassifiedBy("John S. Creamer", "Political Counselor", ("1.4(b)", "1.4(d)"))),
        ("Polcouns John Kunstadter; reasons 1.5 (b,d).",  # 03ANKARA1516
         ClassifiedBy("John Kunstadter", "Polcouns", ("1.5(b)", "1.5(d)"))),
    ],
)  # fmt: skip
def test_classified_by(text, classified):
    assert read_classified_by(text) == classified


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("07MUSCAT920", "07MUSCAT920"),
        ("07MUSCAT000920", "07MUSCAT920"),
        ("08ECTION01OF02MANAMA492", "08MANAMA492"),
        ("08SCTION02OF02SAOPAULO335", "08SAOPAULO335"),
        ("09SECTION02OF03QRIPOLI583", "09TRIPOLI583"),
        ("09EFTOLONDON2240", "09LONDON2240"),
        ("not an id", None),
    ],
)
def test_canonical_ids(given, canonical):
    assert canonical_id(given) == canonical
