"""Write ../encoding_fresh6.json and the raw-byte files beside this script (session 13, written before the
encoding stage was read).  Each damaged form is made with Python's codecs from the correct text, so it is what
that misreading really gives (ftfy's ``sloppy-windows-125x`` keeps the bytes a code page leaves undefined as C1
controls, as browsers and many scrapers do).

    python tests/data/encoding_fresh6/make_cases.py
"""

from __future__ import annotations

import json
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-125x codecs)

HERE = Path(__file__).resolve().parent

CODECS = {"cp1252": "sloppy-windows-1252", "cp1250": "sloppy-windows-1250", "latin-1": "latin-1", "mac": "mac_roman"}


def moj(text: str, codec: str, times: int = 1) -> str:
    """UTF-8 of ``text`` read as ``codec`` (``times`` times over)."""
    for _ in range(times):
        text = text.encode("utf-8").decode(CODECS[codec])
    return text


def single(text: str, written: str, read: str) -> str:
    """``text`` saved in one single-byte code page and read as another."""
    return text.encode(written).decode(read)


# (label, note, original, expected); the original is None where it is made by ``moj`` from the expected text.
DAMAGE: list[tuple[str, str, str, str]] = []


def add(label: str, note: str, original: str, expected: str) -> None:
    DAMAGE.append((label, note, original, expected))


def m(label: str, note: str, text: str, codec: str, times: int = 1) -> None:
    add(label, note, moj(text, codec, times), text)


# Icelandic
m(
    "Icelandic names read as cp1252",
    "Þ C3 9E (Ãž), ó C3 B3, ð C3 B0 (Ã°), í C3 AD (Ã + soft hyphen)",
    "Þórólfur Guðnason briefed reporters in Reykjavík.",
    "cp1252",
)
m(
    "Icelandic town names read as Latin-1",
    "í C3 AD: Ã and a soft hyphen; ö C3 B6; the C1 bytes kept",
    "Flights from Keflavík to Akureyri resumed; Eyjafjallajökull is quiet.",
    "latin-1",
)
m("Icelandic capitals read as cp1252", "Þ C3 9E, Æ C3 86 (Ã†): a headline", "ÞINGVELLIR AND ÆGISÍÐA CLOSED", "cp1252")
m(
    "Icelandic name read as Mac Roman",
    "ð C3 B0 read as Mac Roman: √∞; Æ C3 86: √Ü; ó C3 B3: √≥",
    "Guðrún Ævarsdóttir won the seat.",
    "mac",
)
add(
    "Icelandic eth and thorn in a line with correct text, read as cp1252",
    "only one name is mojibake: the rest of the line is right",
    "Reykjavík’s mayor met " + moj("Þórður Snær", "cp1252") + " on Tuesday.",
    "Reykjavík’s mayor met Þórður Snær on Tuesday.",
)
# Hungarian
m(
    "Hungarian double acute read as cp1252",
    "ő C5 91 (Å‘), á C3 A1",
    "Orbán Viktor met Gulyás Gergely in Győr.",
    "cp1252",
)
m(
    "Hungarian town read as cp1250",
    "UTF-8 read as cp1250: á C3 A1 (Ăˇ), ő C5 91 (Ĺ‘), ó C3 B3 (Ăł)",
    "Grape prices in Hódmezővásárhely rose again.",
    "cp1250",
)
m(
    "Hungarian ű and Ö read as Latin-1",
    "ű C5 B1 (Å±), Ö C3 96 (Ã + C1 control U+0096)",
    "The rector, Dr. Szűcs Ödön, resigned.",
    "latin-1",
)
m(
    "Hungarian capitals with Ő read as cp1252",
    "Ő C5 90: 90 undefined in cp1252, kept as U+0090",
    "ŐRSÉG NATIONAL PARK REOPENS",
    "cp1252",
)
add(
    "Hungarian ő saved as Latin-1 (õ)",
    "ő is not in Latin-1; the cp1250 byte F5 read as cp1252 gives õ: a guess",
    single("Fans in Győr and Szőny cheered.", "cp1250", "cp1252"),
    "Fans in Győr and Szőny cheered.",
)
# Slovak
m(
    "Slovak capitals Ľ and Ť read as cp1252",
    "Ľ C4 BD (Ä½), Ť C5 A4 (Å¤), š C5 A1 (Å¡)",
    "Ľudovít Ťažký visited Košice on Friday.",
    "cp1252",
)
m(
    "Slovak names read as cp1250",
    "ú C3 BA (Ăş), š C5 A1 (Ĺˇ)",
    "Mayor Matúš Vallo opened the Dúbravka tram line.",
    "cp1250",
)
m("Slovak place read as Mac Roman", "Š C5 A0 (≈†), é C3 A9 (√©)", "Snow closed Štrbské Pleso.", "mac")
m(
    "Slovak ô and ä read as Latin-1",
    "ô C3 B4, ä C3 A4, č C4 8D (C1 U+008D)",
    "The ôsmy ročník of the festival opened in Žilina.",
    "latin-1",
)
# Lithuanian
m(
    "Lithuanian ė and Š read as cp1252",
    "ė C4 97 (Ä—), Š C5 A0 (Å + no-break)",
    "The minister visited Šiauliai and Klaipėda.",
    "cp1252",
)
m(
    "Lithuanian surname read as cp1252",
    "ū C5 AB (Å«), ė C4 97",
    "Ingrida Šimonytė replied to Gabrielius Landsbergis.",
    "cp1252",
)
m("Lithuanian Ž read as Latin-1", "Ž C5 BD (Å½)", "Žalgiris beat Rytas in Kaunas.", "latin-1")
m("Lithuanian phrase read as cp1250", "ė C4 97, ž C5 BE", "Naujienos iš Panevėžio ir Marijampolės.", "cp1250")
m(
    "Lithuanian ų and į read as cp1252",
    "ų C5 B3 (Å³), į C4 AF (Ä¯)",
    "Protestuotojų buvo daugiau nei į mitingą.",
    "cp1252",
)
# Estonian
m("Estonian õ read as cp1252", "õ C3 B5 (Ãµ), ä C3 A4", "Flights from Pärnu to Tõravere were cut.", "cp1252")
m(
    "Estonian capital Õ read as Latin-1",
    "Õ C3 95: Ã and the C1 control U+0095",
    "Kaja Kallas said Õismäe would get a school.",
    "latin-1",
)
m("Estonian word read as Mac Roman", "õ C3 B5 (√µ), ü C3 BC (√º)", "Jüri said the Tõnismägi stop would close.", "mac")
m("Estonian name read as cp1250", "ü C3 BC (Ăź)", "Jüri Ratas spoke in Tartu.", "cp1250")
# Albanian
m("Albanian ë read as cp1252", "ë C3 AB (Ã«)", "Edi Rama spoke in Tiranë and Durrës.", "cp1252")
m("Albanian ç read as Latin-1", "ç C3 A7, ë C3 AB", "The çarshia of Gjirokastër was restored.", "latin-1")
m("Albanian capitals Ë read as cp1252", "Ë C3 8B (Ã‹)", "KËSHILLI BASHKIAK I SHKODRËS VOTED", "cp1252")
m("Albanian town read as Mac Roman", "ë C3 AB (√´)", "The ferry from Vlorë was late.", "mac")
# Welsh
m("Welsh ŵ and ŷ read as cp1252", "ŵ C5 B5 (Åµ), ŷ C5 B7 (Å·)", "Gŵyl y Gwanwyn starts at Tŷ Hywel.", "cp1252")
m("Welsh â read as Latin-1", "â C3 A2", "Roads in Cwmbrân and Llanrhaeadr were closed.", "latin-1")
m("Welsh capitals Ŵ and Ŷ read as cp1252", "Ŵ C5 B4 (Å´), Ŷ C5 B6 (Å¶)", "ŴYR A ŶD: NEW BOOK", "cp1252")
m("Welsh ŷ and an apostrophe read as cp1252", "’ E2 80 99, ŷ C5 B7", "Mae’r Eisteddfod yn Llŷn eleni.", "cp1252")
# Maltese
m("Maltese Ħ and apostrophe read as cp1252", "Ħ C4 A6 (Ä¦), ’ E2 80 99", "Ħamrun Spartans won at Ta’ Qali.", "cp1252")
m(
    "Maltese Ġ with its no-break byte read as cp1252",
    "Ġ C4 A0 (Ä + no-break), ħ C4 A7 (Ä§)",
    "The Ġgantija temples in Għajnsielem reopened.",
    "cp1252",
)
m(
    "Maltese Ż and Ċ read as Latin-1",
    "Ż C5 BB (Å»), ġ C4 A1, Ċ C4 8A (C1 U+008A)",
    "Żebbuġ council and the Ċirkewwa ferry.",
    "latin-1",
)
m("Maltese ministry read as cp1250", "Ġ C4 A0", "The Ministru tal-Ġustizzja said no.", "cp1250")
# symbols
m("degree sign read as cp1252", "° C2 B0 (Â°)", "Temperatures reached 38°C in Seville.", "cp1252")
m("plus-minus sign read as cp1252", "± C2 B1 (Â±)", "The margin of error is ±3 points.", "cp1252")
m("multiplication sign read as cp1252", "× C3 97 (Ã—)", "The room measures 4×5 metres.", "cp1252")
m("one-half read as cp1252", "½ C2 BD (Â½)", "Add ½ cup of flour.", "cp1252")
m("euro sign read as cp1252", "€ E2 82 AC (â‚¬)", "Tickets cost €25 each.", "cp1252")
m("trade mark sign read as cp1252", "™ E2 84 A2 (â„¢)", "Harbourline™ ferries cancelled four sailings.", "cp1252")
m("copyright sign read as cp1252", "© C2 A9 (Â©)", "© 2025 Harbour Press", "cp1252")
m("bullets read as cp1252", "• E2 80 A2 (â€¢)", "Key points: • rates held • jobs up", "cp1252")
m("ellipsis read as cp1252", "… E2 80 A6 (â€¦)", "He paused… then left.", "cp1252")
m("per mille sign read as cp1252", "‰ E2 80 B0 (â€°)", "The limit is 0.5‰ for new drivers.", "cp1252")
m("arrow read as cp1252", "→ E2 86 92 (â†’)", "Route: Tallinn → Tartu", "cp1252")
m(
    "euro and ellipsis read as Latin-1",
    "€ E2 82 AC and … E2 80 A6: C1 controls U+0082, U+0080 kept",
    "Prices rose to €4… then fell.",
    "latin-1",
)
m("degree sign read as Mac Roman", "° C2 B0 (¬∞)", "Overnight lows of -4°C are forecast.", "mac")
m(
    "euro sign and apostrophe read as Mac Roman",
    "€ E2 82 AC (‚Ǩ), ’ E2 80 99 (‚Äô)",
    "The council’s €2m plan was dropped.",
    "mac",
)
m("em dash read as Mac Roman", "— E2 80 94 (‚Äî)", "The vote — the third this year — failed.", "mac")
m("euro sign encoded twice", "€ read as cp1252 twice", "Rents rose by €120 a month.", "cp1252", 2)
m(
    "arrow read as Latin-1",
    "→ E2 86 92: C1 controls U+0086 and U+0092 kept",
    "Trains run Vilnius → Kaunas hourly.",
    "latin-1",
)
add(
    "multiplication sign in a line with a correct one",
    "only the second × is mojibake",
    "A 3×4 grid at 20°C and a " + moj("5×6", "cp1252") + " one.",
    "A 3×4 grid at 20°C and a 5×6 one.",
)
# entities
add(
    "numeric apostrophe with a leading zero",
    "&#0039;: the zero-padded form some CMSs write",
    "It&#0039;s over, the coach said.",
    "It's over, the coach said.",
)
add(
    "hexadecimal entity with a capital X",
    "&#X2019;",
    "The council&#X2019;s budget was cut.",
    "The council’s budget was cut.",
)
add(
    "numeric entity escaped twice",
    "&amp;#8217; after an Icelandic name",
    "Reykjavík&amp;#8217;s harbour froze.",
    "Reykjavík’s harbour froze.",
)
add(
    "nbsp entity without its semicolon at a line end after a quote",
    "&nbsp then a line break",
    "“We will appeal,” she said.&nbsp\nThe court rose.",
    "“We will appeal,” she said.\nThe court rose.",
)
add(
    "hexadecimal apostrophe entity",
    "&#x27;",
    "Don&#x27;t miss the final, fans were told.",
    "Don't miss the final, fans were told.",
)
add(
    "double-escaped nbsp entity between names",
    "&amp;nbsp;",
    "Gyula&amp;nbsp;Horn died in 2013.",
    "Gyula Horn died in 2013.",
)
add(
    "mdash entity without its semicolon",
    "&mdash between spaces",
    "Vilnius &mdash the capital &mdash voted.",
    "Vilnius — the capital — voted.",
)
add(
    "degree and one-half entities",
    "&deg; &frac12;",
    "It was 21&deg;C and the lead was 2&frac12; lengths.",
    "It was 21°C and the lead was 2½ lengths.",
)
add(
    "Icelandic letter entities",
    "&THORN; &eth; &aelig;",
    "&THORN;orger&eth;ur and &aelig;gir were named.",
    "Þorgerður and ægir were named.",
)
add(
    "Hungarian letters as numeric entities",
    "&#337; &#x0171;",
    "Gy&#337;r and Sz&#x0171;cs were named.",
    "Győr and Szűcs were named.",
)
add(
    "euro entity without its semicolon before a digit",
    "&euro25",
    "Tickets cost &euro25 each.",
    "Tickets cost €25 each.",
)
add(
    "ampersand escaped three times in a company name",
    "&amp;amp;amp;",
    "R&amp;amp;amp;D spending rose.",
    "R&D spending rose.",
)
add(
    "copy entity without its semicolon before a year, at the end of an article",
    "&copy 2025",
    "The hearing resumes on Monday.\n&copy 2025 Harbour Press. All rights reserved.",
    "The hearing resumes on Monday.\n© 2025 Harbour Press. All rights reserved.",
)
add(
    "numeric apostrophe without its semicolon before a letter",
    "&#39s",
    "Tallinn&#39s port reopened.",
    "Tallinn's port reopened.",
)
add(
    "hellip entity without its semicolon at a line end",
    "&hellip then a line break",
    "And then&hellip\nNothing.",
    "And then…\nNothing.",
)
add("capital O-umlaut entity in a headline", "&Ouml;", "&Ouml;DÖN SZŰCS RESIGNS", "ÖDÖN SZŰCS RESIGNS")
add(
    "left and right single quote entities around a word",
    "&lsquo; &rsquo;",
    "The so-called &lsquo;reform&rsquo; stalled.",
    "The so-called ‘reform’ stalled.",
)
add("nbsp entity without its semicolon before a digit", "&nbsp2", "Gate&nbsp2 closed early.", "Gate 2 closed early.")
# C1 controls, a lone byte, wraps
add(
    "C1 control for cp1252 en dash between years",
    "U+0096",
    "The 2019\x962024 plan was dropped.",
    "The 2019–2024 plan was dropped.",
)
add(
    "C1 controls for cp1252 curly quotes around a Welsh word",
    "U+0093 and U+0094",
    "The sign read \x93Croeso\x94.",
    "The sign read “Croeso”.",
)
add(
    "Hungarian ő mojibake cut by a hard wrap",
    "Å‘ split by a line break (fold -w)",
    "The match in GyÅ\n‘r was postponed.",
    "The match in Győ\nr was postponed.",
)
add(
    "lone A-circumflex for a no-break space before a unit",
    "C2 A0 read as Â + no-break, the no-break made a space",
    "She ran the 42Â km route.",
    "She ran the 42 km route.",
)
add(
    "lone A-circumflex after a per cent sign",
    "a no-break space made Â + no-break",
    "Up 5%Â\u00a0in March.",
    "Up 5% in March.",
)
add(
    "Mac Roman bytes read as cp1252",
    "Estonian ä (8A) read as Š: a single-byte misreading",
    single("The ferry from Pärnu was late.", "mac_roman", "cp1252"),
    "The ferry from Pärnu was late.",
)
add(
    "Mac Roman bytes of Icelandic read as cp1252",
    "ö (9A) read as š, í (92) as ’",
    single("Snow at Höfn and Reykjavík.", "mac_roman", "cp1252"),
    "Snow at Höfn and Reykjavík.",
)
add(
    "Hungarian ű saved as cp1250, read as cp1252 (û)",
    "FB read as û",
    single("Szűcs and Űrhajó", "cp1250", "cp1252"),
    "Szűcs and Űrhajó",
)
m("Lithuanian name encoded three times", "š and ė read as cp1252 three times", "Šimonytė", "cp1252", 3)
m("Maltese name encoded twice", "ħ read as cp1252 twice", "Ħal Qormi", "cp1252", 2)

CLEAN: list[tuple[str, str, str]] = [
    ("Portuguese MÃE in capitals", "'MÃE' and 'MÃES'", "DIA DAS MÃES: MÃE DE TRÊS FILHOS CONTA SUA HISTÓRIA"),
    (
        "Portuguese capitals ending in Ã before a closing quote",
        "Ã then ” is C3 94 in cp1252 (Ô)",
        "A manchete dizia “CAPITÃ” em letras grandes.",
    ),
    ("Portuguese capitals ending in Ã before an ellipsis", "Ã then … is C3 85 in cp1252 (Å)", "E A IRMÃ… ONDE ESTAVA?"),
    ("Portuguese capitals ending in Ã before an en dash", "Ã then – is C3 96", "SÃO PAULO – A CIDADE DE SÃO PAULO"),
    ("Portuguese capitals with Ã and Ç", "'CORAÇÃO', 'PÃO'", "PÃO E CORAÇÃO: A FESTA DO BAIRRO"),
    ("Romanian Â in capitals", "'ROMÂNIA', 'ÎNTÂLNIRE'", "ÎNTÂLNIRE LA BUCUREȘTI: ROMÂNIA ȘI MOLDOVA"),
    ("Romanian â in a town name", "'Târgu Mureș', 'Câmpina'", "Trains from Târgu Mureș to Câmpina were late."),
    ("Vietnamese Ã and Â", "'Ãnh', 'Âu'", "Bà Nguyễn Thị Ãnh đến Châu Âu."),
    ("Icelandic written right", "Þ ð æ ö", "Þórshöfn and Ægissíða: Guðrún said the öldurót was bad."),
    ("Hungarian written right", "ő ű in capitals and small", "ŐSZI TŰZIJÁTÉK: Győr and Szűcs"),
    ("Slovak written right", "Ľ ť ô ä", "Ľubica Ťažká spoke in Štrbské Pleso about the ôsmy ročník."),
    ("Lithuanian written right", "ė ų į ū", "Šimonytė met protestuotojų leaders in Klaipėda."),
    ("Estonian written right", "õ Õ ä", "ÕISMÄE and Tõravere got new schools."),
    ("Albanian written right", "ë Ë ç", "KËSHILLI of Shkodër met in the çarshia."),
    ("Welsh written right", "ŵ ŷ Ŵ â", "Gŵyl Tŷ Hywel in Cwmbrân: ŴYR."),
    ("Maltese written right", "Ħ ġ Ċ Ż", "Ħamrun, Għajnsielem, Ċirkewwa and Żebbuġ."),
    ("AT&T, R&D and Q&A", "ampersands in names", "AT&T’s R&D chief held a Q&A on Friday."),
    (
        "ampersands glued to words that start like entity names",
        "'&not', '&para', '&copy' are entity names",
        "Copy&paste from P&O’s Terms&notes page; Sears&copyright; Fish&paragraph.",
    ),
    ("ampersands in shop and firm names", "'M&S', 'H&M', 'B&B', 'A&E'", "M&S, H&M and a B&B near the A&E closed."),
    ("et cetera written &c.", "the old abbreviation", "Hats, gloves, scarves &c. were donated."),
    (
        "prose about HTML entities in code spans",
        "entities quoted in backticks",
        "Write `&nbsp;` for a no-break space and `&#8217;` for an apostrophe.",
    ),
    ("mojibake quoted in a code span", "a bug report quotes the damage", "The export showed `Ã©` where `é` belonged."),
    ("mojibake of a quote in a code span", "'â€™' quoted", "Search the database for `â€™` and replace it."),
    (
        "mojibake in a fenced code block",
        "a fenced block quotes a log",
        "The log said:\n```\nname=GyÅ‘r\n```\nIt was fixed.",
    ),
    ("ASCII art with box lines", "pipes and dashes", "+-----+-----+\n| Yes | 52% |\n+-----+-----+"),
    ("table-flip kaomoji", "° in a face", "Fans posted (╯°□°)╯︵ ┻━┻ after the draw."),
    ("shrug kaomoji", "¯ and ツ", "His reply: ¯\\_(ツ)_/¯"),
    ("square root and infinity", "√ ∞ ≈: look like Mac Roman mojibake", "√2 ≈ 1.41 and the series tends to ∞."),
    ("logic not sign", "¬ before a letter", "In logic, ¬p means not p."),
    ("degree, plus-minus and times used right", "° ± ×", "Lows of 4°C ±2, on a 3×3 grid."),
    ("fractions and per mille used right", "½ ¼ ‰", "A ½-marathon, ¼ of the vote, 0.5‰ alcohol."),
    ("euro, trade mark and copyright used right", "€ ™ ©", "© 2025 Harbourline™, tickets €25."),
    ("bullets, ellipsis and arrows used right", "• … →", "• Tallinn → Tartu… then home."),
    ("C-cedilla and A-tilde next to each other in Portuguese", "'AÇÃ' in 'AÇÃO'", "“AÇÃO” was the headline."),
    ("Swedish Å at word starts", "'Åre', 'ÅSA'", "ÅSA LINDQVIST won in Åre."),
    (
        "a URL with ampersands and entity names",
        "'&deg=' '&euro=' in a query string",
        "See https://example.org/w?id=7&deg=2&euro=5&amp_x=1 for data.",
    ),
    ("hash and a number", "'#039' and '#2019' as tags", "Issue #039 and the #2019 vote were discussed."),
    ("an entity name as a word", "'mdash' and 'hellip' in a style guide", "Our style guide says mdash, not hellip."),
    ("French û and î", "'dû', 'maître'", "Le maître a dû partir."),
    ("Icelandic capital Ð and thorn in a headline", "'ÐÞ'", "HÚSAVÍK OG ÞÓRSHÖFN: NÝR VEGUR"),
    ("a C-caron after a code", "'č' in a plain line", "Code KČ-7 applies in Žilina."),
    ("Maltese apostrophe words", "'Ta’', 'Ħ’'", "Ta’ Qali and Ħ’Attard."),
    ("Estonian Š and Ž right", "'Šokolaad', 'Žürii'", "Šokolaad won the Žürii prize."),
]

HELD_OUT_EVERY = 3  # every third case of each group is held out


def main() -> None:
    cases = []
    for i, (label, note, original, expected) in enumerate(DAMAGE):
        part = "held out" if i % HELD_OUT_EVERY == 2 else "dev"
        assert original != expected, label
        cases.append(
            {
                "label": label,
                "comment": f"session 13 fresh6 case ({part}): {note}",
                "original": original,
                "expected": expected,
            }
        )
    for i, (label, note, text) in enumerate(CLEAN):
        part = "held out" if i % HELD_OUT_EVERY == 2 else "dev"
        cases.append(
            {
                "label": label,
                "comment": f"session 13 fresh6 case ({part}): {note}; clean: must come out byte-identical",
                "original": text,
                "expected": text,
            }
        )
    labels = [c["label"] for c in cases]
    assert len(set(labels)) == len(labels)
    out = HERE.parent / "encoding_fresh6.json"
    out.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(len(DAMAGE), "damage,", len(CLEAN), "clean")


if __name__ == "__main__":
    main()


# Raw files as a scraper saves them, no charset declared: (file, text, how it is saved, note, held out).
BYTES: list[tuple[str, str, str, str, bool]] = [
    (
        "utf16le_nobom_icelandic.txt",
        "Ríkisstjórnin tilkynnti á þriðjudag að nýr vegur til Þórshafnar yrði opnaður í haust.\n"
        "Íbúar í Húsavík fögnuðu fréttunum.\n",
        "utf-16-le",
        "UTF-16 LE without a BOM, Icelandic",
        False,
    ),
    (
        "utf16be_nobom_hungarian.txt",
        "A győri polgármester kedden bejelentette, hogy a szőnyi híd felújítása tavasszal kezdődik.\n"
        "Az ellenzék szerint a költségek túl magasak.\n",
        "utf-16-be",
        "UTF-16 BE without a BOM, Hungarian ő ű",
        True,
    ),
    (
        "cp1252_smartquotes_english.txt",
        "The mayor’s office said the “temporary” closure – announced on Friday – would last until March.\n"
        "Residents called the decision “a disgrace”… and vowed to fight it.\n",
        "cp1252",
        "cp1252 English with curly quotes (93 94 92), an en dash (96) and an ellipsis (85)",
        False,
    ),
    (
        "latin1_utf8bom_albanian.txt",
        "Kryeministri tha të martën se porti i Durrësit do të hapet përsëri në maj.\n"
        "Opozita kërkoi një hetim për shpenzimet e bashkisë.\n",
        "bom+latin-1",
        "Latin-1 Albanian (ë EB, ç E7) with a UTF-8 BOM in front, as an editor that adds one leaves it",
        False,
    ),
    (
        "mixed_utf8_cp1252_lines.txt",
        "The festival’s director said on Monday that “every ticket” had been sold.\n"
        "Tõnis Mägi ütles, et kontsert algab õhtul kell üheksa.\n",
        "lines:utf-8,cp1252",
        "the first line UTF-8, the second cp1252 (õ F5, ä E4, ü FC): two sources pasted into one file",
        True,
    ),
    (
        "cp1250_slovak.txt",
        "Primátor Bratislavy v utorok oznámil, že nová električková trať do Petržalky bude hotová v lete.\n"
        "Obyvatelia Dúbravky žiadajú ďalšie spoje.\n",
        "cp1250",
        "Windows-1250 Slovak (ť ľ ô ä ď)",
        False,
    ),
    (
        "cp1257_lithuanian.txt",
        "Vilniaus meras antradienį pranešė, kad naujas tiltas per Nerį bus atidarytas rudenį.\n"
        "Gyventojai skundžiasi dėl spūsčių.\n",
        "cp1257",
        "Windows-1257 Lithuanian (ė į ū š ž)",
        True,
    ),
    (
        "macroman_estonian.txt",
        "Tallinna linnavalitsus teatas teisipäeval, et uus trammiliin Õismäele valmib järgmisel aastal.\n"
        "Elanikud ootavad ühendust põnevusega ning küsivad, miks töö nii kaua võtab.\n",
        "mac_roman",
        "Mac Roman Estonian (õ 9B, ä 8A, ü 9F, Õ CD)",
        False,
    ),
    (
        "mixed_utf8_cp1252_lines_icelandic.txt",
        "Forsætisráðherra sagði á fimmtudag að nýja brúin yrði opnuð í júní.\n"
        "Þingmenn stjórnarandstöðunnar gagnrýndu kostnaðinn harðlega.\n",
        "lines:cp1252,utf-8",
        "the first line cp1252 (æ E6, ð F0, á E1), the second UTF-8: two sources pasted into one file",
        False,
    ),
]


def encode(text: str, how: str) -> bytes:
    if how == "bom+latin-1":
        return b"\xef\xbb\xbf" + text.encode("latin-1")
    if how.startswith("lines:"):
        codecs = how[len("lines:") :].split(",")
        lines = text.splitlines(keepends=True)
        return b"".join(line.encode(codec) for line, codec in zip(lines, codecs, strict=True))
    return text.encode(how)


def write_bytes() -> None:
    entries = []
    for name, text, how, note, held_out in BYTES:
        (HERE / name).write_bytes(encode(text, how))
        entries.append({"file": name, "expected": text, "note": note, "held_out": held_out})
    (HERE / "bytes_cases.json").write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(len(entries), "byte files")


if __name__ == "__main__":
    write_bytes()
