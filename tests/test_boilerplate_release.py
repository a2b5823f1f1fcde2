"""Press-release and review furniture (session 10): the end block of a release ("ENDS", "###", "-30-",
"Notes to editors", "Media contact" ... and everything below), the "About COMPANY" section above it,
and the rules of the topic files (``rules/boilerplate/<family>.<topic>.rules``).  The articles of
tests/data/boilerplate/extracted_pr run in test_boilerplate.py's ``test_extracted_articles``."""

from __future__ import annotations

from typing import Any

import pytest

from textmend.edits import apply_edits
from textmend.stages import boilerplate

ARTICLE = (
    "Council opens two new libraries in the north of the city\n"
    "The city council opened two new branch libraries on Monday, the first to open in the city for ten years.\n"
    "The branches in Ashby and Millbrook will open six days a week and hold 40,000 books between them.\n"
    '"People asked us for this for a long time," the council leader said at the opening on Monday.\n'
    "A consultation on Sunday opening ends on 15 December, the council said in a statement.\n"
)


def run(text: str, **options: Any) -> boilerplate.StageOutput:
    out = boilerplate.apply(text, boilerplate.Options(**options))
    assert apply_edits(text, out.edits) == out.text
    return out


def test_rule_file_family_is_the_name_up_to_the_first_dot() -> None:
    assert boilerplate.rule_file_family("syndication.rules") == "syndication"
    assert boilerplate.rule_file_family("syndication.press_release.rules") == "syndication"
    ids = {r.id for r in boilerplate.ruleset().rules}
    assert {"syndication.end_mark", "ad.buy_at", "metadata.rating", "bio.reviewer"} <= ids


@pytest.mark.parametrize(
    "mark", ["ENDS", "-ends-", "– ENDS –", "###", "-30-", "END OF PRESS RELEASE", "Notes to editors", "Contacts"]
)
def test_end_mark_takes_the_notes_below_it(mark: str) -> None:
    notes = (
        "Notes to editors\n"
        "The funding is part of a programme announced in the spring.\n"
        "About Westvale Council\n"
        "Westvale Council serves 240,000 residents.\n"
        "Press office: 020 7946 0000\n"
    )
    out = run(ARTICLE + mark + "\n" + notes)
    assert out.text == ARTICLE
    assert all(e.rule.startswith("syndication.") for e in out.edits)


def test_about_section_right_above_the_end_block_goes_with_it() -> None:
    text = (
        ARTICLE
        + "About Westvale Logistics\n"
        + "Westvale Logistics runs 14 warehouses in nine states and serves 600 customers.\n"
        + "Contacts\nDana Whitcomb\n775-555-0190\n"
    )
    out = run(text)
    assert out.text == ARTICLE
    assert {e.rule for e in out.edits} >= {"about.header", "about.block_next", "syndication.contacts_header"}


def test_about_the_study_above_the_end_mark_stays() -> None:
    body = ARTICLE + "About the study\nThe study followed 1,840 pupils for one school year in three cities.\n"
    assert run(body + "ENDS\nNotes to editors\nDr Okafor is available for interview.\n").text == body


def test_end_mark_with_the_article_going_on_below_is_not_a_block() -> None:
    """Prose below the mark of more than half the words above it: the mark is no release's end."""
    more = (
        "The council also said it would review the opening hours of its other twelve branches next year.\n"
        "Readers in the south of the city have asked for longer hours at the central library for years.\n"
        "A decision on the central library is expected in the spring, after the budget is set in March.\n"
        "The library service lends more than two million books a year, its annual report says.\n"
    )
    text = ARTICLE + "###\n" + more
    out = run(text)
    assert out.text == text


def test_end_mark_needs_two_paragraphs_above() -> None:
    text = "Headline here\nENDS\nOne paragraph of the article that reads as prose, and the end of it.\n"
    assert run(text).text == text.replace("ENDS\n", "")  # the mark, above the article, but no block


def test_switched_off_end_mark_takes_no_block() -> None:
    text = ARTICLE + "ENDS\nNotes to editors\nThe funding is part of a programme announced in the spring.\n"
    out = run(text, disabled=frozenset({"syndication.end_mark", "syndication.notes_to_editors"}))
    assert out.text == text


@pytest.mark.parametrize(
    "line",
    [
        "NEWS PROVIDED BY",
        "PRESS RELEASE",
        "FOR IMMEDIATE RELEASE",
        "RENO, Nev.--(BUSINESS WIRE)--",
        "PARIS (AFP)",
        "Translated from the French by Claire Dubois",
        "WEATHER WARNING",
        "Weather desk",
        "We may earn a commission when you buy through links on this page.",
        "Our journalism is independent. When you buy through links on our site, we may earn an affiliate commission.",
        "Rating: 4 out of 5 stars",
        "★★★★☆",
        "Price: $449 at launch",
        "Buy now at BestMart",
    ],
)
def test_furniture_line_above_the_article_goes(line: str) -> None:
    head, rest = ARTICLE.split("\n", 1)
    out = run(f"{head}\n{line}\n{rest}")
    assert out.text == ARTICLE, line


@pytest.mark.parametrize(
    "line",
    [
        "SOURCE Harrowgate Biosciences Inc.",
        "View original content:https://www.prnewswire.com/news-releases/x-301.html",
        "Logged in as Ewan. Log out?",
        "Related reviews",
        "Jordan Pike is a senior reviewer at GadgetDesk who has tested phones and tablets since 2014.",
        "This press release was submitted to the Westvale Herald. It has not been edited.",
        "Media contact: Paula Greaves, 555-0172",
    ],
)
def test_furniture_line_below_the_article_goes(line: str) -> None:
    assert run(ARTICLE + line + "\n").text == ARTICLE, line


@pytest.mark.parametrize(
    "line",
    [
        "In a press release on Tuesday, the council said the libraries would open six days a week.",
        "The company said in a statement that full results will be presented next year.",
        "At $449 the tablet costs about $150 less than its closest rival, and it is faster.",
        "The warning ends at 10am on Wednesday, but more snow showers are expected on Thursday.",
        "The consultation ends on 15 December.",
        "Rating agencies cut the score to 3 out of 10 in March.",
        "About the study",
        "Immediate release of the hostages was demanded by the council on Monday.",
    ],
)
def test_article_lines_that_look_like_release_furniture_stay(line: str) -> None:
    head, rest = ARTICLE.split("\n", 1)
    for text in (
        f"{head}\n{line}\n{rest}",
        f"{ARTICLE}{line}\n",
        f"{head}\n{rest.replace(chr(10), chr(10) + line + chr(10), 1)}",
    ):
        assert run(text).text == text, (line, text)
