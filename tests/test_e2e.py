"""End to end: the default pipeline on the twelve seed-like articles of ``tests/data/e2e`` (see its README).

Each case is compared with its hand-written clean text word by word (line breaks count as words, shown as
``¶``).  Where the tool gets a case right the output must match exactly; where it does not, every
difference that is left is listed below as (expected, textmend), so the test documents the known misses
and fails when one is mended (update the list) or a new one appears.  Cases 03, 06, 09 and 12 are held
out: scored, never fixed from.  ``python benchmarks/e2e.py`` prints the same differences by stage.
"""

from __future__ import annotations

import difflib
import re

import pytest

import textmend
from conftest import DATA

E2E = DATA / "e2e"
CASES = sorted(p.name[: -len(".expected.txt")] for p in E2E.glob("*.expected.txt"))

#: What textmend still gets wrong, per case: (expected words, textmend's words), in order.
KNOWN_MISSES: dict[str, list[tuple[str, str]]] = {
    "02_hospital_waits": [
        # despin (under): the spinner's swaps of one ordinary word for another ('workers' for staff, 'groups' for teams,
        # 'have been' for were, 'ready' for waiting, 'belief' for trust in lower case), which a word table cannot
        # tell from the author's own words; 'the federal government' and 'at the least' are kept as written
        ("grow", "develop"),
        ("region", "area"),
        ("published", "revealed"),
        ("staff", "workers"),
        ("were", "have been"),
        ("Almost", "Nearly"),
        ("were waiting", "have been ready"),
        ("planned treatment", "deliberate therapy"),
        ("waiting", "ready"),
        ("data showed.", "facts confirmed."),
        ("were", "have been"),
        ("surprising”.", "stunning”."),
        ("trust", "belief"),
        ("extra", "additional"),
        ("staff", "workers"),
        ("teams", "groups"),
        ("incredibly", "extremely"),
        ("want", "wish"),
        ("some", "a few"),
        ("had", "needed"),
        ("free up", "release"),
        ("department", "division"),
        ("", "federal"),
        ("additional", "extra"),
        ("groups", "teams"),
        ("every", "each"),
        ("“Some", "“A few"),
        ("told", "instructed"),
        ("those", "these"),
        ("trust", "belief"),
        ("previous", "earlier"),
        ("", "the"),
    ],
    "06_bakery_closures": [
        # held out (scored, never fixed from). despin (under): 'retailers' for shops, 'the place' for where, 'seek
        # out' for find, '1 / 4' for a quarter ... boilerplate (under): the spun update line ('Up to date' for
        # Updated) and the 'Also Read:' list at the end
        ("shops", "retailers"),
        ("slump", "droop¶Up to date 3:12 PM, Mon, June 8, 2026"),
        ("shops", "retailers"),
        ("end", "top"),
        ("firm", "agency"),
        ("were at", "have been in"),
        ("although", "though"),
        ("find", "seek out"),
        ("staff", "workers"),
        ("nearby", "close by"),
        ("shops", "retailers"),
        ("towns, where", "cities, the place"),
        ("visit", "go to"),
        ("a statement,", "an announcement,"),
        ("difficult”.", "tough”."),
        ("", "best"),
        ("shop,", "store,"),
        ("", "now"),
        ("change", "vary"),
        ("stores", "shops"),
        ("delivery,", "supply,"),
        ("a quarter", "1 / 4"),
        ("in", "within"),
        ("company", "corporate"),
        ("loss", "lack"),
        ("compared", "in contrast"),
        ("profit", "revenue"),
        ("higher", "increased"),
        ("wet", "moist"),
        ("", "season"),
        ("kept shoppers", "stored customers"),
        ("quickly", "rapidly"),
        ("shops", "retailers"),
        ("places", "locations"),
        ("really", "actually"),
        ("Research.", "Analysis."),
        ("probably", "most likely"),
        ("right", "actual"),
        ("would", "will"),
        ("full list", "total listing"),
        ("staff.", "workers."),
        ("offer every worker", "provide each employee"),
        ("in", "within"),
        (
            "",
            "¶ Also Read:¶Pub chain Ironside to sell 60 sites to cut debt"
            "¶High street footfall falls for fifth month in a row"
            "¶Why your weekly shop prices more even as inflation eases",
        ),
    ],
    "08_flood_warning": [
        # words (under): a capitalised word glued to 'and' ('Roadand') is left: splitting 'X' + 'and' would break
        # names such as Zealand
        ("Road and", "Roadand"),
    ],
    "09_charity_fraud": [
        # held out. despin (under): 'get well' for recover, 'bought' for sold, 'playing money owed' for gambling
        # debts, and ordinary-word swaps ('listening to' for hearing is restored since session 7)
        ("bank", "checking"),
        ("occasions", "events"),
        ("discovered", "found"),
        ("noticed", "seen"),
        ("one", "a single"),
        ("trust,”", "belief,”"),
        ("told", "instructed"),
        ("care for", "look after"),
        ("families.”", "households.”"),
        ("client", "consumer"),
        ("struggling with gambling debts", "fighting playing money owed"),
        ("always intended", "all the time supposed"),
        ("back.", "again."),
        ("sold", "bought"),
        ("forced", "compelled"),
        ("because of", "due to"),
        ("advantage", "benefit"),
        ("who", "that"),
        ("completely,”", "utterly,”"),
        ("a statement", "an assertion"),
        ("throughout", "all through"),
        ("difficult", "tough"),
        ("recover", "get well"),
        ("under", "underneath"),
        ("take place", "happen"),
    ],
    "11_festival_cancelled": [
        # despin (under): ordinary-word swaps ('floor' for ground, 'levels' for stages, 'realm annually, in line
        # with'); 'crew' made 'team' (over: crew -> team is an ambiguous row with no context); some forms here are
        # the writer's own spinning ('We have now', 'would even be', 'people charges')
        ("site under", "location underneath"),
        ("attract", "draw"),
        ("could", "may"),
        ("guarantee", "assure"),
        ("safety", "security"),
        ("staff.", "workers."),
        ("", "now"),
        ("can", "are able to"),
        ("ground", "floor"),
        ("simply", "just"),
        ("wet", "moist"),
        ("stages", "levels"),
        ("receive", "obtain"),
        ("", "likely"),
        ("offered", "provided"),
        ("chance", "possibility"),
        ("those fees", "people charges"),
        ("also", "even"),
        ("businesses", "companies"),
        ("would", "can"),
        ("serious", "severe"),
        ("area each year, according to", "realm annually, in line with"),
        ("shows", "exhibits"),
        ("towns", "cities"),
        ("would perform", "might carry out"),
        ("at", "on"),
        ("Exchange", "Trade"),
        ("evening,", "night,"),
        ("crew,", "team,"),
        ("because of", "due to"),
    ],
    "12_mountain_railway": [
        # held out. boilerplate (under): a 'Section | By NAME | DATE | N min read' line and a travel disclosure;
        # encoding (under): a mojibake closing quote whose last byte was lost, after a space ('left, â€ said'
        # became a dagger) or glued to the next word ('woman, â€she'); typography: '“ When' left padded
        ("", "¶ Travel | By Elena Sorriba | 11 April 2026 | 6 min read"),
        ("“When", "“ When"),
        ("left,” said", "left, †said"),
        ("woman,” she", "woman, â€she"),
        (
            "",
            "¶ Elena Sorriba travelled as a guest of the Valdoria tourist board, which did not review this article"
            " before publication.",
        ),
    ],
}


def _words(text: str) -> list[str]:
    return re.findall(r"\S+|\n", text.strip())


def _show(words: list[str]) -> str:
    return " ".join(words).replace(" \n ", "¶").replace("\n", "¶")


def differences(got: str, want: str) -> list[tuple[str, str]]:
    """(expected, got) for each stretch of words where ``got`` differs from ``want``."""
    a, b = _words(want), _words(got)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [(_show(a[i1:i2]), _show(b[j1:j2])) for tag, i1, i2, j1, j2 in ops if tag != "equal"]


def test_the_twelve_cases_are_there() -> None:
    assert len(CASES) == 12 and all((E2E / f"{name}.txt").is_file() for name in CASES)
    assert set(KNOWN_MISSES) <= set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_case(name: str) -> None:
    text = (E2E / f"{name}.txt").read_text(encoding="utf-8")
    want = (E2E / f"{name}.expected.txt").read_text(encoding="utf-8")
    result = textmend.clean(text)
    assert result.replay() == result.text
    if name not in KNOWN_MISSES:
        assert result.text.strip() == want.strip()
    assert differences(result.text, want) == KNOWN_MISSES.get(name, [])


@pytest.mark.parametrize("name", CASES)
def test_cleaning_twice_changes_nothing_more(name: str) -> None:
    once = textmend.clean((E2E / f"{name}.txt").read_text(encoding="utf-8")).text
    assert textmend.clean(once).text == once
