"""The despin stage: its phrase tables, detection, restoration, and the scored gates of issue #4.

Gates (floors only go up): seed 002 restored to within WER 0.05 of its hand-restored original
(``tests/data/spin/seed002_original.txt``), and clean news (AEB gold bodies, RealNews, seeds 000/001/003/
004) never flagged, with at most 0.1 % of its words changed.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT, benchmark, case_params, load_cases, sample, shared
from textmend.edits import apply_edits, replay
from textmend.rules import RuleError
from textmend.stages import despin

FIXTURE = DATA / "spin" / "seed002_original.txt"


bench = benchmark("spin")  # its WER and clean-corpus helpers (one definition of the numbers)


def run(text: str, **options: Any) -> despin.StageOutput:
    out = despin.apply(text, despin.Options(**options))
    assert replay(text, out.edits, ["despin"]) == out.text
    return out


def seed002() -> str:
    return bench.strip_stray_a(sample("002"))


# ---------------------------------------------------------------------------------------------------
# Tables


def test_shipped_tables_load_and_validate() -> None:
    tables = despin.load_tables()
    sources = {e.source for e in tables.entries}
    assert sources == {"news.tsv", "tortured.tsv"}
    news = [e for e in tables.entries if e.source == "news.tsv"]
    assert len(news) >= 500, "the news table should cover the spinner's everyday vocabulary"
    kinds = {e.kind for e in news}
    assert kinds == {"mwe", "name", "word", "number"}
    assert sum(e.status == "impossible" for e in news) >= 200


def test_news_table_has_several_originals_where_the_spinner_merges_words() -> None:
    by_spun = {(e.spun, e.status): e for e in despin.load_tables().entries if e.source == "news.tsv"}
    assert by_spun[("mentioned", "spun")].originals == ("said",)
    assert ("discussed", "said") in {e.originals for e in despin.load_tables().entries if e.spun == "mentioned"}
    assert by_spun[("assist", "spun")].originals == ("support", "help", "aid")
    assert set(by_spun[("navy", "ambiguous")].originals) == {"military", "army"}


def test_every_table_header_names_source_and_licence() -> None:
    for name in despin.TABLES:
        head = (ROOT / "rules" / "spin" / name).read_text(encoding="utf-8")[:2000].lower()
        assert "source:" in head and "licen" in head, name
    tortured = (ROOT / "rules" / "spin" / "tortured.tsv").read_text(encoding="utf-8")[:2000]
    assert "Problematic Paper Screener" in tortured and "Cabanac" in tortured and "CC BY 4.0" in tortured


def rows(*lines: str) -> list[tuple[int, list[str]]]:
    return [(n, line.split("\t")) for n, line in enumerate(lines, start=1)]


def test_validation_refuses_a_cycle() -> None:
    entries = despin.parse_table(rows("chilly\tcold\tword\tspun\t-", "cold\tchilly\tword\tspun\t-"), "t.tsv")
    with pytest.raises(RuleError, match="cycle"):
        despin.validate(entries)


def test_validation_refuses_a_chain() -> None:
    entries = despin.parse_table(rows("nonetheless\thowever\tword\tspun\t-", "however\tbut\tword\tspun\t-"), "t.tsv")
    with pytest.raises(RuleError, match="itself a spun form"):
        despin.validate(entries)


def test_a_conditional_entry_may_restore_to_another_spun_form() -> None:
    entries = despin.parse_table(
        rows("nonetheless\thowever\tword\tspun\t-", "however\tbut\tword\tspun\tafter=\\s+\\w"), "t.tsv"
    )
    despin.validate(entries)


def test_validation_refuses_duplicates() -> None:
    entries = despin.parse_table(rows("yr\tyear\tword\timpossible\t-", "YR\tyear\tword\tspun\t-"), "t.tsv")
    with pytest.raises(RuleError, match="duplicate"):
        despin.validate(entries)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("\tyear\tword\tspun\t-", "empty spun"),
        ("yr\t\tword\tspun\t-", "empty original"),
        ("yr\tyear|\tword\tspun\t-", "empty original"),
        ("yr\tyear\tverb\tspun\t-", "kind"),
        ("yr\tyear\tword\tmaybe\t-", "status"),
        ("yr\tyr\tword\tspun\t-", "equals the spun"),
        ("yr\tyear\tword\tspun\tafter=[a-", "does not compile"),
        ("yr\tyear\tword\tspun\tbefore=\\d", "must end with"),
        ("yr\tyear\tword\tspun\tsomewhere=x", "unknown context"),
        ("yr\tyear\tword\tspun\t!doc=|", "empty phrase list"),
    ],
)
def test_parse_errors_name_the_line(line: str, message: str) -> None:
    with pytest.raises(RuleError, match=message) as info:
        despin.parse_table(rows(line), "t.tsv")
    assert "rules/spin/t.tsv:1" in str(info.value)


def test_doc_not_holds_only_where_the_document_lacks_every_phrase() -> None:
    """Session 11: ``!doc=A|B`` excludes a row in a document holding any of the phrases (the author's own
    sense: "officers" in a police story), and is an exclusion, not a context to wait for."""
    (e,) = despin.parse_table(rows("officers\tofficials\tword\tambiguous\t!doc=police|arrest"), "t.tsv")
    assert e.doc_not == ("police", "arrest") and e.conditional and not e.wants_context
    text = "Officers said the Police were told."
    assert not despin._context_holds(e, despin._Doc(text), 0, 8)
    assert despin._context_holds(e, despin._Doc("Officers said the council was told."), 0, 8)


def test_impossible_entries_are_restored_in_any_document() -> None:
    """Each unconditional impossible phrase, alone in a clean sentence, is restored to an original."""
    failures = []
    for e in despin.load_tables().entries:
        if e.status != "impossible" or e.conditional or e.source != "news.tsv":
            continue
        text = f"Officials said that {e.spun} mattered."
        out = run(text)
        restored = [despin.norm(o) for o in e.originals]
        if not out.edits or not any(r in despin.norm(out.text) for r in restored):
            failures.append(e.where)
    assert not failures


def test_tables_load_lazily_not_at_import() -> None:
    code = (
        "import textmend.stages.despin as d; "
        "print(d.load_tables.cache_info().currsize, d.load_counts.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "0"]


# ---------------------------------------------------------------------------------------------------
# Golden cases: case, possessives, articles, context


@pytest.mark.parametrize("case", case_params(load_cases("spin/cases")))
def test_cases(case: dict[str, Any]) -> None:
    out = run(case["original"], assume_spun=case["assume_spun"])
    assert out.text == case["expected"], case["comment"]


@pytest.mark.parametrize(
    ("source", "replacement", "expected"),
    [
        ("Chilly Battle", "Cold War", "Cold War"),
        ("chilly battle", "cold war", "cold war"),
        ("CHILLY BATTLE", "Cold War", "COLD WAR"),
        ("Nonetheless", "however", "However"),
        ("In Response To", "according to", "According To"),
        ("Individuals’s", "People's", "People’s"),
        ("Individuals's", "People’s", "People's"),
    ],
)
def test_match_case(source: str, replacement: str, expected: str) -> None:
    assert despin.match_case(source, replacement) == expected


@pytest.mark.parametrize(
    ("word", "vowel"),
    [("architecture", True), ("more", False), ("hour", True), ("university", False), ("one", False), ("8", True)],
)
def test_vowel_sound(word: str, vowel: bool) -> None:
    assert despin.starts_with_vowel_sound(word) is vowel


def test_unflagged_document_changes_only_impossible_phrases() -> None:
    text = "The authorities mentioned the plan on Monday. Critics recalled the Chilly Battle."
    out = run(text)
    assert out.meta["spun"] is False
    assert out.text == "The authorities mentioned the plan on Monday. Critics recalled the Cold War."
    assert [e.rule for e in out.edits] == ["news.impossible"]


def test_edits_carry_candidates_and_confidence() -> None:
    out = run("He thanked them for their unwavering assist for the operation.", assume_spun=True)
    (edit,) = [e for e in out.edits if e.before == "assist"]
    assert edit.after == "support"
    assert edit.candidates[:3] == ("support", "help", "aid")
    assert edit.confidence is not None and 0.0 < edit.confidence <= 1.0
    assert edit.stage == "despin" and "rules/spin/news.tsv:" in edit.reason


def test_tortured_operator_rows_need_their_context_word() -> None:
    without = run("The bosom of the family.", assume_spun=True)
    assert "bosom" in without.text
    with_context = run("Screening for breast cancer: the bosom was scanned.", assume_spun=True)
    assert "the breast was scanned" in with_context.text


def test_tortured_simple_rows_apply_in_spun_documents() -> None:
    out = run("They trained a profound learning model with counterfeit consciousness.", assume_spun=True)
    assert "artificial intelligence" in out.text


def test_oversized_input_is_skipped() -> None:
    out = despin.apply("Chilly Battle " * 10, despin.Options(max_chars=50))
    assert out.text == "Chilly Battle " * 10 and "despin_skipped" in out.meta


# ---------------------------------------------------------------------------------------------------
# Seed 002: detection, restoration, replay


def test_seed002_is_flagged_with_a_high_score() -> None:
    out = run(seed002())
    assert out.meta["spun"] is True
    assert out.meta["spin_markers"] >= 10
    assert out.meta["spin_score"] > 2 * despin.Options().threshold


def test_seed002_word_error_rate_gate() -> None:
    text = seed002()
    reference = FIXTURE.read_text(encoding="utf-8")
    assert bench.wer(text, reference) > 0.25  # the fixture really undoes the spin
    out = run(text)
    assert bench.wer(out.text, reference) <= 0.05


def test_seed002_edits_replay_sorted_and_disjoint() -> None:
    text = seed002()
    out = run(text)
    spans = [(e.start, e.end) for e in out.edits]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert all(text[e.start : e.end] == e.before for e in out.edits)
    assert replay(text, out.edits, ["despin"]) == out.text


def test_restoring_twice_changes_nothing_more() -> None:
    once = run(seed002()).text
    twice = run(once)
    assert twice.meta["spun"] is False
    assert twice.text == once


def test_a_context_restored_in_the_same_pass_is_read_in_a_second() -> None:
    """The spinner's "each" is "both" before a plural; here the plural is itself spun ("international locations")
    and only restored by the first pass, so a second pass restores "each"."""
    text = (
        "The prime minister will go to Tokyo subsequent week for talks on a brand new commerce settlement, "
        "officers mentioned on Monday. The go to comes as each international locations search to spice up "
        "exports. “A deal might be reached earlier than the top of the 12 months,” a authorities spokesperson "
        "mentioned. Final 12 months, commerce between the 2 international locations was price £30 billion."
    )
    out = run(text)
    assert out.meta["spun"] is True
    assert "both countries" in out.text
    assert [e.before for e in out.edits if e.step == 1] == ["each"]
    assert apply_edits(text, bench.in_input_coordinates(out.edits)) == out.text
    assert run(out.text).text == out.text


def test_later_passes_leave_what_the_first_chose() -> None:
    """The first pass is the same with later passes or without; they only add edits, and those map
    back onto the input without overlapping it."""
    text = seed002()
    one = run(text, max_passes=1)
    out = run(text)
    assert [e for e in out.edits if e.step == 0] == one.edits
    assert apply_edits(text, bench.in_input_coordinates(out.edits)) == out.text


def test_pairs_benchmark_scores_every_set(capsys: pytest.CaptureFixture[str]) -> None:
    """benchmarks/spin.py pairs: in dev and heldout every spun article is flagged, at least half its
    spin undone, and few words the spinner left alone are changed; in all three sets every original
    (clean news written fresh) comes out untouched; the held-out differences are never printed.
    heldout2 (a third helper's set, added later) is only scored: its figures are reported, not
    gated, beyond its originals."""
    results = bench.pairs(show=True)
    shown = capsys.readouterr().out
    for part in ("dev", "heldout"):
        assert results[f"{part}_flagged"] == results[f"{part}_pairs"] >= 8
        assert results[f"{part}_wer_after"] <= results[f"{part}_wer_before"] / 1.7
        assert results[f"{part}_harm_words"] <= 25
    assert results["heldout2_pairs"] == 10
    for part in ("dev", "heldout", "heldout2"):
        assert results[f"{part}_originals_flagged"] == results[f"{part}_originals_words_changed"] == 0
    assert "dev/01_spun.txt" in shown and "heldout/" not in shown and "heldout2/" not in shown


def test_pairs_keep_their_lines() -> None:
    """Every spun copy in benchmarks/data/spin_pairs has its original's lines (one paragraph a line), so
    the scores compare paragraph with paragraph."""
    spun_files = sorted(bench.PAIRS.glob("*/*_spun.txt"))
    assert len(spun_files) >= 28
    for spun_path in spun_files:
        original = spun_path.with_name(spun_path.name.replace("_spun", "_original"))
        spun, ref = spun_path.read_text(encoding="utf-8"), original.read_text(encoding="utf-8")
        assert spun.count("\n") == ref.count("\n"), spun_path.relative_to(bench.PAIRS)


def test_fresh5_benchmark_scores_light_to_heavy_spins(capsys: pytest.CaptureFixture[str]) -> None:
    """benchmarks/spin.py fresh5 (session 12): eighteen articles written before the table was read, spun
    lightly (5-10 swaps), medium or heavily with a thesaurus of their own, and eight clean articles using
    spinners' words in their own sense.  Dev figures at the end of session 12: 7 of 12 flagged (the four
    light ones and one heavy one at 119 are not: see the xfail below), WER 0.1016 -> 0.0506 (0.0628 before),
    harm 5 words (14 before), 165 restored (130 before).  Held out (13-18, c06-c08): scored, never shown.  Every
    original and every clean article comes out unflagged and untouched."""
    results = bench.pairs(show=True, folder=bench.FRESH5)
    shown = capsys.readouterr().out
    assert results["dev_pairs"] == 12 and results["heldout_pairs"] == 6
    assert results["dev_flagged"] >= 7
    assert results["dev_wer_after"] <= 0.052
    assert results["dev_harm_words"] <= 5
    assert results["dev_restored"] >= 160
    assert results["dev_clean_docs"] == 5 and results["heldout_clean_docs"] == 3
    for part in ("dev", "heldout"):
        assert results[f"{part}_originals_flagged"] == results[f"{part}_originals_words_changed"] == 0
        assert results[f"{part}_clean_flagged"] == results[f"{part}_clean_words_changed"] == 0
        assert results[f"{part}_wer_after"] <= results[f"{part}_wer_before"] / 1.7
    assert "dev/01_spun.txt" in shown and "heldout/" not in shown


def test_fresh5_keeps_its_lines() -> None:
    """Every spun copy in benchmarks/data/spin_fresh5 has its original's lines."""
    spun_files = sorted(bench.FRESH5.glob("*/*_spun.txt"))
    assert len(spun_files) == 18
    for spun_path in spun_files:
        original = spun_path.with_name(spun_path.name.replace("_spun", "_original"))
        spun, ref = spun_path.read_text(encoding="utf-8"), original.read_text(encoding="utf-8")
        assert spun.count("\n") == ref.count("\n"), spun_path.relative_to(bench.FRESH5)


@pytest.mark.xfail(
    strict=True,
    reason="known miss (session 12): a lightly spun article (5-10 ordinary-word swaps in 300 words) scores "
    "30-65, inside the range of clean news (up to 62); only its impossible phrases are fixed. 10 (heavy) "
    "scores 119, under the threshold of 120, with no impossible phrase",
)
@pytest.mark.parametrize("name", ["01", "02", "03", "04", "10"])
def test_fresh5_unflagged_spun_articles(name: str) -> None:
    spun = (bench.FRESH5 / "dev" / f"{name}_spun.txt").read_text(encoding="utf-8")
    assert run(spun).meta["spun"] is True


def test_fresh6_benchmark_scores_three_other_spinners(capsys: pytest.CaptureFixture[str]) -> None:
    """benchmarks/spin.py fresh6 (session 13): eighteen articles written before the table was read, spun by
    three spinners of other styles than seed 002's (a phrase rewriter, verbs and adjectives only, "the"
    constructions and word order), light to heavy, and eleven clean articles using spinners' words in their own
    sense.  Dev at the start of session 13: 3 of 12 flagged, WER 0.0955 -> 0.0843, harm 5, 34 restored; at its
    end 5 flagged, 0.0687, harm 5, 69 restored.  Held out (13-18, c08-c11): scored, never shown.  Every original
    and every clean article comes out unflagged and untouched."""
    results = bench.pairs(show=True, folder=bench.FRESH6)
    shown = capsys.readouterr().out
    assert results["dev_pairs"] == 12 and results["heldout_pairs"] == 6
    assert results["dev_flagged"] >= 5
    assert results["dev_wer_after"] <= 0.069
    assert results["dev_harm_words"] <= 5
    assert results["dev_restored"] >= 69
    assert results["dev_clean_docs"] == 7 and results["heldout_clean_docs"] == 4
    for part in ("dev", "heldout"):
        assert results[f"{part}_originals_flagged"] == results[f"{part}_originals_words_changed"] == 0
        assert results[f"{part}_clean_flagged"] == results[f"{part}_clean_words_changed"] == 0
        assert results[f"{part}_wer_after"] < results[f"{part}_wer_before"]
    assert "dev/01_spun.txt" in shown and "heldout/" not in shown


def test_fresh6_keeps_its_lines() -> None:
    """Every spun copy in benchmarks/data/spin_fresh6 has its original's lines."""
    spun_files = sorted(bench.FRESH6.glob("*/*_spun.txt"))
    assert len(spun_files) == 18
    for spun_path in spun_files:
        original = spun_path.with_name(spun_path.name.replace("_spun", "_original"))
        spun, ref = spun_path.read_text(encoding="utf-8"), original.read_text(encoding="utf-8")
        assert spun.count("\n") == ref.count("\n"), spun_path.relative_to(bench.FRESH6)


@pytest.mark.xfail(
    strict=True,
    reason="known miss (session 13): spin_fresh6 dev articles left unflagged. 02, 10 light (6-7 swaps of "
    "ordinary words: 'acknowledged' for said, 'lesser' for smaller) and 08 heavy (37 swaps, "
    "verbs and adjectives only: 'complimentary', 'alerted', 'overextended') score 0-40, inside clean news (up to "
    "62), because the table knows few of these words and they are ordinary English; 03, 06, 09, 12 (word order and "
    "'the' constructions) hold no word the original lacks, which a phrase table cannot see",
)
@pytest.mark.parametrize("name", ["02", "03", "06", "08", "09", "10", "12"])
def test_fresh6_unflagged_spun_articles(name: str) -> None:
    spun = (bench.FRESH6 / "dev" / f"{name}_spun.txt").read_text(encoding="utf-8")
    assert run(spun).meta["spun"] is True


#: Session 13 rows (news.tsv, section "session 13 (spin6)"): in a spun document (its first sentence makes it
#: one) the spinner's form is restored; the look-alikes of the author's own English stay.
SESSION13_ROWS = [
    pytest.param(
        "Raiders hit three put up places of work in a week.", "three post offices in a week", id="post_offices"
    ),
    pytest.param("It took away their peace of thoughts for good.", "their peace of mind for", id="peace_of_mind"),
    pytest.param("The judge weighed their responsible pleas carefully.", "their guilty pleas", id="guilty_pleas"),
    pytest.param("His barrister advised the courtroom that he was ill.", "told the court that", id="told_the_court"),
    pytest.param("They broke in through the again of the shop.", "through the back of the shop", id="the_back"),
    pytest.param("He found it in his again garden at night.", "his back garden", id="back_garden"),
    pytest.param("Work is because of begin within the spring.", "Work is due to", id="due_to_begin"),
    pytest.param("The hall is because of open in the spring.", "due to open in", id="due_to_open"),
    pytest.param("Thieves took energy instruments from the van.", "took power tools from", id="power_tools"),
    pytest.param("The plan will pace up the upgrade of the grid.", "speed up the upgrade", id="speed_up"),
    pytest.param(
        "Our staff have worked incredibly difficult, and it shows.", "worked incredibly hard,", id="worked_hard"
    ),
    pytest.param("The union alerted that schools were stretched.", "union warned that schools", id="warned_that"),
    pytest.param("The group lodged an attraction in May.", "lodged an appeal in May", id="lodged_an_appeal"),
    pytest.param("It comes back as soon as each 3,000 years.", "back once every 3,000 years", id="once_every"),
    pytest.param("Locals raised issues roughly the loss of the mill.", "issues about the loss", id="issues_about"),
    pytest.param("Observers check each few nights.", "check every few nights", id="every_few_nights"),
    pytest.param("Her attraction against the ruling failed.", "Her appeal against the ruling", id="appeal_against"),
    pytest.param(
        "An attraction by the group will be heard in May.", "An appeal by the group will be", id="appeal_heard"
    ),
]


@pytest.mark.parametrize(("text", "expected"), SESSION13_ROWS)
def test_session13_rows_restore_in_a_spun_document(text: str, expected: str) -> None:
    out = run("The Chilly Battle is over, mentioned CNN. " + text)
    assert out.meta["spun"] is True
    assert expected in out.text


SESSION13_KEEP = [
    "Flights were cancelled because of take-off delays, and the row is because of open borders.",
    "He worked difficult shifts at the plant, and officers found the work difficult.",
    "Staff were alerted that the system had failed, and the guards were alerted that night.",
    "She began to pace up and down while the hedge fund traded in energy instruments such as futures.",
    "He was named in the again-expanded squad, and he scored again yards from the line.",
    "The vote was delayed because of end-of-year rules, and sales fell because of open borders.",
    "The zoo launched a new attraction, and critics dismissed the attraction as a gimmick.",
    "As soon as each team has played, the draw is made.",
    "The fairground attraction could be heard from the beach, and the attraction was heard about by word of mouth.",
]


@pytest.mark.parametrize("text", SESSION13_KEEP)
def test_session13_rows_keep_the_authors_english(text: str) -> None:
    """The look-alikes of the session 13 rows stay, in a spun document as in a clean one."""
    assert run(text).text == text
    out = run("The Chilly Battle is over, mentioned CNN. " + text)
    assert out.meta["spun"] is True
    assert text in out.text


def test_seed002_fixture_differs_only_by_spin() -> None:
    """Same lines, same subscribe block, no mojibake: only the wording was put back."""
    spun = seed002().split("\n")
    original = FIXTURE.read_text(encoding="utf-8").split("\n")
    assert len(spun) == len(original)
    assert "Subscribe to The Week" in original and "SUBSCRIBE & SAVE" in original
    assert "\u00c2" not in "".join(original)


KNOWN_FAILURES = [
    pytest.param(
        "the 2 pariah states have been “able to confront",
        "the two pariah states were “ready to confront",
        id="were_ready",
    ),
    pytest.param(
        "a youthful Kim decided to show his nation into",
        "a younger Kim determined to turn his country into",
        id="determined_turn",
    ),
    pytest.param("analysts in danger consultancy Teneo", "analysts at risk consultancy Teneo", id="at_risk"),
]


@pytest.mark.xfail(strict=True, reason="spins that context cannot undo yet (seed 002)")
@pytest.mark.parametrize(("spun", "original"), KNOWN_FAILURES)
def test_known_failures(spun: str, original: str) -> None:
    assert run(spun, assume_spun=True).text == original


# ---------------------------------------------------------------------------------------------------
# Clean news: never flagged, (almost) never touched


def test_clean_news_is_not_flagged_and_not_changed() -> None:
    shared("aeb", "aeb_pages_text.jsonl")
    docs = bench.clean_documents()
    assert len(docs) >= 190
    flagged = []
    words = changed = 0
    for name, text in docs:
        out = run(text)
        if out.meta["spun"]:
            flagged.append((name, out.meta["spin_score"]))
        words += len(text.split())
        changed += bench.changed_words(text, out.text)
    assert not flagged
    assert changed / words <= 0.001


def test_fresh_clean_articles_are_not_flagged_and_not_changed() -> None:
    """benchmarks/data/spin_clean: 20 clean articles written without reading the rules (out of sample)."""
    docs = bench.fresh_clean_documents()
    assert len(docs) == 20
    for name, text in docs:
        out = run(text)
        assert not out.meta["spun"] and out.text == text, (name, out.meta["spin_score"], out.edits[:3])
        assert out.meta["spin_score"] < 0.75 * despin.Options().threshold, name


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_clean_seeds_unchanged(prefix: str) -> None:
    text = sample(prefix)
    out = run(text)
    assert out.meta["spun"] is False
    assert out.text == text


def test_clean_scores_stay_well_under_the_threshold() -> None:
    """The calibration margin: the highest clean score is under 3/4 of the threshold."""
    shared("aeb", "aeb_pages_text.jsonl")
    top = max(run(text).meta["spin_score"] for _, text in bench.clean_documents())
    assert top < 0.75 * despin.Options().threshold


def test_negative_snippets_stay() -> None:
    """Clean phrases that look like spinner output, kept in documents not flagged."""
    snippets = [
        "He mentioned the war twice, however much it hurt.",
        "The local authorities were informed of the changes.",
        "A social gathering was held in the village hall.",
        "Please submit the form before the deadline.",
        "She scored the winning goal in the final minute.",
        "We need to go to the polls in the present day climate.",
        "Hundreds of thousands of people marched.",
        "The particular person responsible was arrested.",
    ]
    for s in snippets:
        assert run(s).text == s


def test_report_json_round_trip() -> None:
    out = run(seed002())
    data = json.loads(json.dumps([e.to_dict() for e in out.edits[:5]]))
    assert data[0]["stage"] == "despin" and "candidates" in data[0]
    assert re.fullmatch(r"(news|tortured)\.(impossible|spun|ambiguous)", data[0]["rule"])


def test_benchmark_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    shared("aeb", "aeb_pages_text.jsonl")
    results = bench.measure()
    assert results["seed002_wer_after"] <= 0.05 and results["clean_flagged"] == 0
    assert "seed002_wer_after" in capsys.readouterr().out


def test_fixture_path_is_in_the_repository() -> None:
    assert Path(FIXTURE).is_file()


# ---------------------------------------------------------------------------------------------------
# Any input: no error, edits replay

_SPUNISH = st.sampled_from(
    ["Chilly Battle", "mentioned", "İndividuals’s", "yr", "2", "p.c.", "a extra", "an ", "’s", "go to to", "\n", "”, "]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=12), _SPUNISH), max_size=25).map(" ".join), st.booleans())
def test_any_text_replays(text: str, spun: bool) -> None:
    out = run(text, assume_spun=spun)
    assert isinstance(out.meta["spin_score"], float)


# ---------------------------------------------------------------------------------------------------
# Speed without changing the output (issue #6): the fast paths against plain references


def test_unicode_facts_the_fast_paths_rely_on() -> None:
    """``\\w`` is ``isalnum`` or '_'; lower-casing to one character keeps ``isalnum``; only KELVIN SIGN
    lower-cases from outside ASCII into it.  Checked for every code point of this Python."""
    word = re.compile(r"\w")
    wrong_w, wrong_lower, into_ascii = [], [], []
    for i in range(sys.maxunicode + 1):
        c = chr(i)
        if (word.match(c) is not None) != (c.isalnum() or c == "_"):
            wrong_w.append(i)
        low = c.lower()
        if len(low) == 1 and low.isalnum() != c.isalnum():
            wrong_lower.append(i)
        if i > 127 and low.isascii():
            into_ascii.append(c)
    assert not wrong_w and not wrong_lower
    assert into_ascii == [despin._LOWERS_TO_ASCII]


_ODD = ["\u212a", "İ", "Σ", "ς", "ß", "ﬁ", "é", "_", "中", "’", "“", "€", "œ", "?", "\ud800", "2", "1,000"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=8), st.sampled_from(_ODD)), max_size=30).map("".join))
def test_count_words_is_the_regex_count(text: str) -> None:
    expected = len(re.findall(r"\w+", text))
    assert despin.count_words(text) == expected
    assert despin.count_words(text, despin._Doc(text).latin1) == expected  # the bytes the scan made


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=8), st.sampled_from(_ODD)), max_size=30).map("".join))
def test_scan_text_from_the_latin1_bytes(text: str) -> None:
    """Every character outside ASCII is a space in the scan text, whether it was '?' or a Latin-1 byte."""
    low = despin.norm(text) if despin._LOWERS_TO_ASCII in text else text
    mapped = "".join(c.lower() if c.isascii() and c.isalnum() else " " for c in low)
    assert despin._scan_text(text) == despin._Doc(text).scanned == f" {mapped} "


@functools.cache
def _plain_automaton() -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key in despin.load_tables().by_key:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


_QUOTED = {"“": "”", '"': '"', "‘": "’", "'": "'’", "«": "»", "»": "«", "„": "“”", "‹": "›", "「": "」"}


def _named_in_quotes(text: str, start: int, end: int, key: str) -> bool:
    """The phrase is a whole quotation (a comma or full stop may close it inside the marks) and its line
    holds one of its originals as a word, within 300 characters (session 11: 'a "cold war" becomes a
    "chilly battle"')."""
    if start == 0 or text[start - 1] not in _QUOTED:
        return False
    rest = text[end:]
    if rest[:1] in ",." and rest[:1]:
        rest = rest[1:]
    if not rest or rest[0] not in _QUOTED[text[start - 1]]:
        return False
    line = text[: text.find("\n", end) if "\n" in text[end:] else len(text)].rsplit("\n", 1)[-1]
    offset = len(text[:start].rsplit("\n", 1)[-1])  # the phrase's start in its line
    line = despin.norm(line[max(0, offset - 300) : offset + (end - start) + 300])
    words = [o for e in despin.load_tables().by_key[key] for o in e.originals]
    return any(re.search(rf"(?<!\w){re.escape(despin.norm(o))}(?!\w)", line) for o in words)


def reference_matches(text: str, statuses: frozenset[str], tortured: bool = True) -> list[tuple[int, int, str]]:
    """Matching as the stage did it before issue #6: every phrase in the lower-cased text, kept on word
    boundaries, each with its first entry that holds, then leftmost-longest non-overlapping; a phrase
    named in quotes beside its original is not matched (session 11)."""
    tables = despin.load_tables()
    lowered = despin.norm(text)
    doc = despin._Doc(text)
    found = []
    hits = []
    for end_idx, key in _plain_automaton().iter(lowered):
        start, end = end_idx - len(key) + 1, end_idx + 1
        if key[0].isalnum() and start > 0 and lowered[start - 1].isalnum():
            continue
        if key[-1].isalnum() and end < len(lowered) and lowered[end].isalnum():
            continue
        hits.append((start, end, key))
    named = [(start, end) for start, end, key in hits if _named_in_quotes(text, start, end, key)]
    for start, end, key in hits:
        if any(s <= start and end <= e for s, e in named):
            continue
        for e in tables.by_key[key]:
            if e.status not in statuses or (not tortured and e.source == "tortured.tsv"):
                continue
            if despin._context_holds(e, doc, start, end):
                found.append((start, end, e.where))
                break
    found.sort(key=lambda m: (m[0], m[0] - m[1]))
    kept, pos = [], 0
    for m in found:
        if m[0] >= pos:
            kept.append(m)
            pos = m[1]
    return kept


def _found(text: str, statuses: frozenset[str], tortured: bool = True) -> list[tuple[int, int, str]]:
    matches = despin.find_matches(text, despin.load_tables(), statuses=statuses, tortured=tortured)
    return [(m.start, m.end, m.entry.where) for m in matches]


def _phrases() -> list[str]:
    return sorted({e.spun for e in despin.iter_entries()})


_ORIGINALS = sorted({o for e in despin.iter_entries() for o in e.originals})[::40]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_phrases()),
            st.sampled_from(_phrases()).map(lambda p: p.upper().replace("K", "\u212a")),
            st.sampled_from([" ", " ", "\n", ", ", "-", "'", "’", "“", "é", "İ", "_", "2", "the", "said", "a "]),
            st.sampled_from(["”", '"', "»"]),
            st.sampled_from(_ORIGINALS),  # beside a phrase in quotes: named, not used
            st.text(max_size=4),
        ),
        max_size=30,
    ).map("".join),
    st.booleans(),
)
def test_matching_equals_the_plain_reference(text: str, tortured: bool) -> None:
    for statuses in (despin.STATUSES, frozenset({"impossible"})):
        assert _found(text, statuses, tortured) == reference_matches(text, statuses, tortured)


def _weak_words() -> list[str]:
    return sorted({e.spun for e in despin.iter_entries() if e.status == "weak"})


def _with_a_weak_word() -> list[str]:
    weak = set(_weak_words())
    return [k for k in _phrases() if k not in weak and weak & set(re.findall(r"[a-z0-9]+", k.lower()))]


_MIXED_TEXT = st.lists(
    st.one_of(
        st.sampled_from(_phrases()),
        st.sampled_from(_phrases()).map(lambda p: p.upper().replace("K", "\u212a")),
        st.sampled_from([" ", " ", "\n", ", ", "-", "'", "’", "“", "”", '"', "é", "İ", "_", "2", "the", "said", "a "]),
        st.sampled_from(_ORIGINALS),  # beside a phrase in quotes: named, not used
        st.sampled_from(["1", "2", "3", " 2 ", "2-", "-2", "2,000", "the 2", "2 pariah", "1 million"]),
        st.sampled_from([k for k in _phrases() if re.search(r"(?<![^\W_])[1-9](?![^\W_])", k)]),  # a lone digit inside
        st.sampled_from(_weak_words()),
        st.sampled_from(_weak_words()).map(str.title),
        st.sampled_from(_with_a_weak_word()),  # a longer phrase holding a weak word as a token
        st.text(max_size=4),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MIXED_TEXT, st.booleans())
def test_aside_phrases_added_later_select_as_all_hits_at_once(text: str, tortured: bool) -> None:
    """A flagged document selects among the hits without the lone digits and the weak words (the
    ``aside`` automaton) and adds those afterwards: the same matches as selecting among all hits at once."""
    tables = despin.load_tables()
    doc = despin._Doc(text)
    kept, deferred = despin._select(
        despin._scan(doc, tables.automaton, tables.keys),
        doc,
        tables,
        statuses=despin.STATUSES,
        tortured=tortured,
        defer_inert=True,
    )
    later = despin._with_aside(despin._with_deferred(kept, deferred, doc, tables, tortured), doc, tables, tortured)
    at_once = despin._select(despin.scan(doc, tables), doc, tables, statuses=despin.STATUSES, tortured=tortured)[0]
    assert [(m.start, m.end, m.entry.where) for m in later] == [(m.start, m.end, m.entry.where) for m in at_once]


def test_remembered_candidate_words_and_evidence_are_the_plain_ones() -> None:
    counts = despin.load_counts()
    for e in despin.iter_entries():
        for cand in (*e.originals, e.spun, e.spun.upper()):
            words = cand.split()
            assert despin._candidate_words(cand) == (
                despin._lookup_word(words[0], side="right"),
                despin._lookup_word(words[-1], side="left"),
                despin.starts_with_vowel_sound(words[0]),
            )
    for a, b in [("the", "cold"), ("cold", "war"), (None, "war"), ("said", None), ("zzqx", "war"), ("war", "of")]:
        assert despin._neighbour_evidence(a, b) == despin._evidence(despin._association(counts, a, b))


def test_allowed_entries_are_the_group_filtered() -> None:
    tables = despin.load_tables()
    for statuses in (despin.STATUSES, frozenset({"impossible"})):
        for tortured in (True, False):
            allowed = tables.allowed(statuses, tortured)
            for k, info in tables.keys.items():
                assert allowed[k] == tuple(
                    (e, c) for e, c in info.group if e.status in statuses and (tortured or e.source != "tortured.tsv")
                )


def _match_case_reference(source: str, replacement: str) -> str:
    """match_case as it was before its fast path for lower-case phrases (session 9)."""
    if "\u2019" in source:
        replacement = replacement.replace("'", "\u2019")
    elif "'" in source:
        replacement = replacement.replace("\u2019", "'")
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if any(c.isupper() for c in replacement):
        return replacement
    if not letters or not source.lstrip(despin._QUOTES_OPEN)[:1].isupper():
        return replacement
    words = [w for w in source.split() if w[:1].isalpha()]
    if len(words) > 1 and all(w[0].isupper() for w in words):
        return " ".join(w[:1].upper() + w[1:] for w in replacement.split(" "))
    return replacement[:1].upper() + replacement[1:]


_CASES = st.one_of(
    st.sampled_from(_phrases()),
    st.sampled_from(_phrases()).map(str.title),
    st.sampled_from(_phrases()).map(str.upper),
    st.text(alphabet="aB'’“ -2ǅⓐªİ", max_size=8),
    st.text(max_size=6),
)


@settings(max_examples=500, deadline=None)
@given(_CASES, _CASES)
def test_match_case_equals_the_reference(source: str, replacement: str) -> None:
    assert despin.match_case(source, replacement) == _match_case_reference(source, replacement)


def test_aside_holds_the_lone_digits_and_weak_words_only() -> None:
    tables = despin.load_tables()
    aside = {key for _, phrases in tables.aside.items() for key, *_ in phrases}
    assert aside == {k for k, info in tables.keys.items() if info.quiet and k.isascii() and k.isalnum()}
    assert {"1", "2", "9"} <= aside
    weak = {k for k, info in tables.keys.items() if all(e.status == "weak" for e, _ in info.group)}
    assert weak and weak <= aside  # a phrase with only weak entries is one word alone in its group
    for k in aside:
        assert all(despin.entry_weight(e) == 0 for e, _ in tables.keys[k].group), k
    assert not aside & {key for _, phrases in tables.automaton.items() for key, *_ in phrases}


def test_matching_equals_the_plain_reference_on_real_documents() -> None:
    docs = [sample(p) for p in ("000", "001", "002", "003", "004")]
    docs.append(docs[2].encode("utf-8").decode("cp1252", errors="replace"))  # mojibake
    for text in docs:
        assert _found(text, despin.STATUSES) == reference_matches(text, despin.STATUSES)
        assert _found(text, frozenset({"impossible"})) == reference_matches(text, frozenset({"impossible"}))


def test_numbers_are_checked_in_flagged_documents_only_but_still_restored() -> None:
    """A lone digit adds no evidence, so its context is read only once the document is flagged."""
    text = "Officials saw the 2 pariah states meet again on Monday, and nobody was surprised by it at all."
    assert any(e.before == "2" and e.after == "two" for e in run(text, assume_spun=True).edits)
    out = run(text)
    assert out.meta["spun"] is False and not out.edits


# ---------------------------------------------------------------------------------------------------
# The spinner family's everyday substitutions (technology, media, culture, economy)

SPUN_EVERYDAY = (
    "The choose mentioned on Monday that the taking pictures occurred close to a seaside in the course of"
    " the New 12 months pageant, when a hearth broke out and police opened hearth. The agency launched a "
    "software program replace for its new mannequin, with a much bigger display screen, a higher digital "
    "camera and a number of new options for Android customers. Girls voters mentioned the economic "
    "system, the greenback and site visitors had been their prime considerations, and the marriage "
    "ceremony stays a cherished reminiscence."
)

SPUN_CONNECTIVES = (
    "The US president will go to Ukraine subsequent week, the White Home mentioned on Tuesday, in his first journey"
    " for the reason that the battle started. In accordance with officers, the talks will cowl the supply of air"
    " protection methods. Mr Biden mentioned in an announcement, including that the US would additionally ship"
    " satellite tv for pc imagery. Critics within the Home of Representatives mentioned the journey was a mistake."
    " The Kremlin mentioned the go to would change nothing on the bottom, and lawmakers will vote on a brand new"
    " support package deal."
)

SPUN_SPORT = (
    "The supervisor has admitted his facet must do higher after they had been overwhelmed 2-1 at residence by a"
    " workforce from the underside of the desk. The guests levelled quickly after the break. The gamers know"
    " they need to enhance, and the membership’s house owners are anxious in regards to the membership’s"
    " possibilities of qualifying."
)

#: Each spun paragraph with phrases its restoration must hold.
SPUN_PARAGRAPHS = {
    "everyday": (
        SPUN_EVERYDAY,
        [
            "The judge said",
            "the shooting happened",
            "near a beach",
            "the New Year festival",
            "a fire broke out and police opened fire",
            "a software update for its new model",
            "a much bigger screen, a better camera and several new features for Android users",
            "Women voters",
            "the economy, the dollar and traffic",
            "the wedding",
            "a cherished memory",
        ],
    ),
    "connectives": (
        SPUN_CONNECTIVES,
        [
            "first trip since the war started",
            "air defence systems",
            "in a statement, adding that the US",
            "House of Representatives said the trip was a mistake",
            "nothing on the ground",
            "a new support package.",
        ],
    ),
    "sport": (
        SPUN_SPORT,
        [
            "beaten 2-1 at home by a team from the bottom of the table",
            "levelled soon after the break",
            "they need to improve",
            "the club’s owners",
            "about the club’s chances of qualifying",
        ],
    ),
}


@pytest.mark.parametrize(
    ("paragraph", "restored"),
    [pytest.param(p, r, id=f"{k}: {r[:40]}") for k, (p, rs) in SPUN_PARAGRAPHS.items() for r in rs],
)
def test_substitutions_restored_in_a_spun_document(paragraph: str, restored: str) -> None:
    out = run(paragraph)
    assert out.meta["spun"] is True
    assert restored in out.text


@pytest.mark.parametrize(
    "clean",
    [
        pytest.param(
            "Voters can choose to train as nurses. The film was launched in 2019 and the collection of options is"
            " wide. Customers complained about the telephone line, girls played on the seaside, and efficiency"
            " gains were small. A number of officers said air pollution was rising, and the digital camera market"
            " shrank.",
            id="everyday",
        ),
        pytest.param(
            "The report raised concerns, including that the money was spent twice. The wreck lay on the bottom of the"
            " lake, and the team compared teaching methods. The two firms agreed a package deal for the stadium.",
            id="connectives",
        ),
        pytest.param(
            "The workforce was overwhelmed by orders. House owners asked in regards to the tax, and the outcome"
            " surprised the possibilities of a deal.",
            id="sport",
        ),
    ],
)
def test_spun_forms_stay_in_a_clean_document(clean: str) -> None:
    """The same spun forms are ordinary English: a document that is not flagged keeps them all."""
    out = run(clean)
    assert out.meta["spun"] is False
    assert out.text == clean


def test_a_new_year_marker_is_restored_in_any_document() -> None:
    out = run("Crowds gathered in the square for the New 12 months celebrations on Tuesday night.")
    assert out.text == "Crowds gathered in the square for the New Year celebrations on Tuesday night."


def test_round_trip_respins_with_the_table_and_scores_restoration() -> None:
    """benchmarks/spin.py roundtrip: the table read backwards writes spun forms; despin and scoring."""
    import random

    spinner = bench.Spinner.from_table(ROOT / "rules" / "spin" / "news.tsv", rate=1.0)
    clean = "The judge said the Cold War ended. Last year the New Year festival drew visitors to the beach."
    spun, segments = spinner.respin(clean, random.Random(0))
    assert "Chilly" in spun and "New 12 months" in spun and "pageant" in spun
    assert "".join(spun[s.spun_start : s.spun_end] for s in segments) == spun
    kept = [s for s in segments if not s.replaced]
    assert all(clean[s.clean_start : s.clean_end] == spun[s.spun_start : s.spun_end] for s in kept)
    out = run(spun, assume_spun=True)
    rt = bench.RoundTrip()
    bench.score_round_trip(clean, spun, segments, bench.in_input_coordinates(out.edits), True, rt)
    assert rt.replaced == sum(s.replaced for s in segments) >= 5
    assert rt.restored + rt.wrong + rt.left == rt.replaced
    assert rt.restored >= rt.replaced - 2 and rt.harm == 0


#: The spinner's words that are also ordinary English, in a spun document (its first sentence makes it one):
#: the text, and phrases the output must hold (the ordinary uses kept, the spinner's restored).
ORDINARY_USES = [
    pytest.param(
        "United are 11 points behind the leaders after higher prices and native speakers joined the"
        " protest, and the workforce is 11 factors behind.",
        ["11 points behind the leaders after higher prices and native speakers", "the team is 11 points behind"],
        id="scores_prices_and_native_speakers_stay",
    ),
    pytest.param(
        "Fans really love the new stadium, which is really massive, and more information will follow,"
        " mentioned the information website.",
        ["Fans really love the new stadium, which is very big", "more information will follow, said the news site"],
        id="really_before_a_verb_and_more_information_stay",
    ),
    pytest.param(
        "A Fort Worth man with a net worth of $2 million bought $3 billion worth of items, and the worth"
        " of petrol rose.",
        [
            "A Fort Worth man with a net worth of $2 million bought $3 billion worth of items",
            "the price of petrol rose",
        ],
        id="fort_worth_net_worth_and_billions_worth_stay",
    ),
    pytest.param(
        "His first name was withheld, and the name of the street changed. He made a cellphone name with"
        " the minister over the previous week, up from the previous year. Road safety and safety belts"
        " are the concern of the national safety council.",
        [
            "His first name was withheld, and the name of the street changed",
            "a phone call with the minister over the past week, up from the previous year",
            "Road safety and safety belts",
            "national security council",
        ],
        id="name_previous_and_safety_keep_their_collocations",
    ),
    pytest.param(
        "Layoffs will begin this week, after a great begin to the season. The firm ran short of cash"
        " flow, so the cash went to supply chains, and it could supply no details. Students stayed"
        " inside, and the results came inside 24 hours. It rained throughout the day, and shares fell"
        " throughout the globe.",
        [
            "Layoffs will begin this week, after a great start to the season",
            "Students stayed inside, and the results came within 24 hours",
            "cash flow",
            "supply chains",
            "could provide no details",
            "throughout the day",
            "across the globe",
        ],
        id="verbs_and_noun_phrases_keep_their_ordinary_reading",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ORDINARY_USES)
def test_ordinary_uses_stay_in_a_spun_document(text: str, expected: list[str]) -> None:
    """'points', 'higher', 'native', 'really', 'information', 'worth', 'name', 'previous', 'safety', 'begin',
    'cash', 'supply', 'inside' and 'throughout' are spun forms and ordinary English; beside numbers,
    prices, verbs and their usual collocations the ordinary reading stays."""
    out = run("The Chilly Battle is over, mentioned CNN. " + text)
    assert out.meta["spun"] is True
    for phrase in expected:
        assert phrase in out.text


def test_moved_spans_and_overlaps_are_those_of_a_scan() -> None:
    """The spans of later passes are moved with sorted edit ends and running sums, and tested for overlap
    by bisection (a sum over every edit for every span made a spun document of 5,000 phrases take 10 s):
    the same answers as looking at every edit and every span."""
    import random

    from textmend.edits import Edit
    from textmend.stages.despin import _moved, _overlap_test

    rng = random.Random(7)
    for _ in range(200):
        cuts = sorted(rng.sample(range(0, 400), 20))
        spans = [(cuts[k], cuts[k + 1]) for k in range(0, 20, 2)]
        edits = []
        for a, b in spans:
            if rng.random() < 0.6:
                s = rng.randint(a, b - 1)
                e = rng.randint(s, b)
                edits.append(Edit("despin", "r", s, e, "x" * (e - s), "y" * rng.randint(0, 6), "why"))
        by_scan = [
            (
                a + sum(len(e.after) - (e.end - e.start) for e in edits if e.end <= a),
                b + sum(len(e.after) - (e.end - e.start) for e in edits if e.end <= b),
            )
            for a, b in spans
        ]
        assert _moved(spans, edits) == by_scan
        overlaps = _overlap_test(spans)
        for _ in range(20):
            s = rng.randint(0, 420)
            m = type("M", (), {"start": s, "end": s + rng.randint(1, 30)})()
            assert overlaps(m) == any(a < m.end and m.start < b for a, b in spans)


# ---------------------------------------------------------------------------------------------------
# Weak entries (session 9): ordinary words the spinner writes for other ordinary words

SPUN_LEAD = "The Chilly Battle is over, mentioned CNN. "


def test_weak_entries_swap_one_word_for_one_word() -> None:
    despin.parse_table(rows("concept\tidea\tword\tweak\t-"), "t.tsv")
    with pytest.raises(RuleError, match="one word for one word"):
        despin.parse_table(rows("dealing with\thandling\tmwe\tweak\t-"), "t.tsv")


def test_weak_entries_add_no_evidence_of_spin() -> None:
    weak = [e for e in despin.iter_entries() if e.status == "weak"]
    assert weak
    assert all(despin.entry_weight(e) == 0.0 for e in weak)


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        ("The board had no concept what the auditors would find.", "had no idea what"),
        ("She said she would never get another probability to play there.", "another chance to play"),
        ("Analysts expect the central bank would minimize interest rates next month.", "would cut interest rates"),
    ],
)
def test_a_weak_entry_is_restored_where_the_neighbours_favour_the_original(text: str, restored: str) -> None:
    out = run(SPUN_LEAD + text)
    assert out.meta["spun"] is True
    assert restored in out.text
    assert any(e.rule == "news.weak" for e in out.edits)
    # not flagged: the same sentence alone stays as it is
    assert run(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "The workers at the plant went on strike, and the management refused to talk.",
        "Prices rose across the world as the current crisis deepened.",
        "She appeared in court on Monday, and the floor of the hall was wet.",
    ],
)
def test_a_weak_entry_keeps_the_word_without_strong_evidence(text: str) -> None:
    out = run(SPUN_LEAD + text)
    assert out.meta["spun"] is True
    assert out.text.endswith(text)


def test_a_weak_entry_stays_when_the_document_uses_the_original() -> None:
    """The spinner swaps a word everywhere in a document: where the original also stands, the word is
    the author's."""
    text = "The board had no concept what the auditors would find. Nobody had any idea why."
    out = run(SPUN_LEAD + text)
    assert out.meta["spun"] is True
    assert out.text.endswith(text)


def test_a_weak_word_is_read_as_it_stands_by_its_neighbour() -> None:
    """The match before a weak word reads the weak word itself, not its original, as its right neighbour."""
    text = "The workers discovered problems."
    matches = despin.find_matches(text, despin.load_tables(), statuses=despin.STATUSES)
    weak = [i for i, m in enumerate(matches) if m.entry.status == "weak"]
    assert weak
    for i in weak:
        if i > 0:
            _, right = despin._neighbour_words(text, matches, i - 1, [None] * len(matches))
            assert right == text[matches[i].start : matches[i].end].lower()


# Session 10: more weak rows, and the condition ``both`` for words an author uses in many collocations
# ("stage" for level): the original must beat the word on each neighbour, not only in sum.


def test_both_is_a_condition_of_weak_entries_only() -> None:
    (entry,) = despin.parse_table(rows("stage\tlevel\tword\tweak\tboth"), "t.tsv")
    assert entry.both and not entry.conditional
    with pytest.raises(RuleError, match="weak entries only"):
        despin.parse_table(rows("stage\tlevel\tword\tambiguous\tboth"), "t.tsv")


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        ("Sales climbed to their highest stage since 2021.", "highest level since 2021"),
        ("The health division said waiting lists had grown.", "health department said"),
        ("A study printed last year found the same.", "study published last year"),
        ("Heavy rain left the pitch underneath water on Friday.", "pitch under water"),
        ("The runner set a new world document for the distance.", "world record for"),
        ("Officials were compelled to close the road.", "were forced to close"),
        ("The bands will play small exhibits in nearby towns.", "small shows in"),
    ],
)
def test_session_10_weak_rows_are_restored_where_the_neighbours_favour_the_original(text: str, restored: str) -> None:
    out = run(SPUN_LEAD + text)
    assert out.meta["spun"] is True
    assert restored in out.text
    assert run(text).text == text  # not flagged: untouched


@pytest.mark.parametrize(
    "text",
    [
        "She made her debut on a national stage and never looked back.",  # "stage and" is listed: both fails
        "The plan is at an early stage and may change.",
        "Ticket holders will obtain a full refund.",  # "will obtain" and "will receive" both listed
        "Members of the division said they were ready.",
    ],
)
def test_session_10_weak_rows_keep_the_word_without_evidence_on_both_sides(text: str) -> None:
    out = run(SPUN_LEAD + text)
    assert out.meta["spun"] is True
    assert out.text.endswith(text)


# Session 9 (tests/data/e2e2): decades spelled out and "decide on" for choose.  "decide on between" is
# not English and goes in any document; "the Nineteen Sixties" is rare but an author's own wording in
# places (a title, a literary style), so a decade goes back only in a document flagged as spun.


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        ("Pupils found it hard to decide on between biology and physics.", "hard to choose between biology"),
        ("Diners can decide on from 40 dishes.", "can choose from 40 dishes."),
    ],
)
def test_decide_on_between_is_restored_in_any_document(text: str, restored: str) -> None:
    out = run(text)
    assert restored in out.text


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        ("Most of the equipment was bought in the Nineteen Nineties.", "bought in the 1990s."),
        ("The band was formed in the Nineteen Sixties in Leeds.", "in the 1960s in Leeds."),
    ],
)
def test_spelled_out_decades_are_restored_in_a_spun_document_only(text: str, restored: str) -> None:
    assert restored in run(SPUN_LEAD + text).text
    assert run(text).text == text


def test_within_the_spelled_out_decade_reads_in_the_decade_in_a_spun_document() -> None:
    out = run(SPUN_LEAD + "Labs still use tools bought within the Nineteen Nineties.")
    assert out.meta["spun"] is True
    assert out.text.endswith("bought in the 1990s.")


@pytest.mark.parametrize(
    "text",
    [
        "The nineteen-nineties were a boom time. She was born in nineteen ninety.",
        "Voters decide on Thursday between two candidates; the council will decide on the plan.",
    ],
)
def test_lower_case_decades_and_decide_on_stay(text: str) -> None:
    assert run(text).text == text


def test_funding_is_a_weak_entry_kept_without_strong_evidence() -> None:
    """'funding' is the family's word for investment, and an author's word as often: a flagged document kept
    'matched by funding' only if the row is weak (as ambiguous it became 'investment', tests/data/e2e2 case 01)."""
    text = "The rise in numbers had not been matched by funding, the union said."
    out = run(SPUN_LEAD + text)
    assert out.meta["spun"] is True
    assert out.text.endswith(text)


# --------------------------------------------------------------------------------------------------
# Switching rules off (``Options.disabled``, ``--disable despin.news.ambiguous``; session 9)

_DEV_SPUN = sorted((ROOT / "benchmarks" / "data" / "spin_pairs" / "dev").glob("*_spun.txt"))


def _is_off(rule: str, off: str) -> bool:
    return rule == off or rule.startswith(off + ".")


@pytest.mark.parametrize("off", ["news.ambiguous", "news.spun", "news.weak", "news.impossible", "tortured"])
def test_a_rule_switched_off_makes_no_edit_and_detection_stays(off: str) -> None:
    """A rule switched off still counts as evidence (the same documents flagged, the same score), and
    none of its edits is made; the other rules' edits are made."""
    assert _DEV_SPUN
    others = 0
    for path in _DEV_SPUN:
        text = path.read_text(encoding="utf-8")
        base = despin.apply(text, despin.Options())
        out = despin.apply(text, despin.Options(disabled=frozenset({off})))
        assert out.meta["spun"] == base.meta["spun"] and out.meta["spin_score"] == base.meta["spin_score"]
        assert not [e for e in out.edits if _is_off(e.rule, off)], path.name
        assert replay(text, out.edits, ["despin"]) == out.text
        others += len([e for e in out.edits if not _is_off(e.rule, off)])
        # The other rules' first-pass edits are base's but where a neighbour switched off is read as it stands.
        kept = {(e.start, e.end) for e in base.edits if e.step == 0 and not _is_off(e.rule, off)}
        got = {(e.start, e.end) for e in out.edits if e.step == 0}
        assert len(kept ^ got) <= 2, path.name
    assert others > 100


def test_every_table_switched_off_leaves_a_spun_text_as_it_is() -> None:
    text = _DEV_SPUN[0].read_text(encoding="utf-8")
    base = despin.apply(text, despin.Options())
    assert base.edits and base.meta["spun"]
    out = despin.apply(text, despin.Options(disabled=frozenset({"news", "tortured"})))
    assert out.text == text and not out.edits
    assert out.meta["spun"] and out.meta["spin_score"] == base.meta["spin_score"]


def test_a_switched_off_match_is_read_as_it_stands_by_its_neighbours() -> None:
    """An ambiguous rule switched off keeps its word; the phrase beside it is restored all the same."""
    text = _DEV_SPUN[0].read_text(encoding="utf-8")
    out = despin.apply(text, despin.Options(disabled=frozenset({"news.ambiguous"}), assume_spun=True))
    rules = {e.rule for e in out.edits}
    assert "news.spun" in rules and "news.ambiguous" not in rules


def test_disabled_is_a_frozenset() -> None:
    assert despin.Options(disabled=["news"]).disabled == frozenset({"news"})  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------
# A spun phrase named, not used (session 11, tests/data/clean4: a piece on article spinners had 14 words
# changed): a table phrase that is a whole quotation, its original on the same line, is a mention


ABOUT_SPINNERS = (
    'A "cold war" becomes a "chilly battle". "Artificial intelligence" turns into "counterfeit consciousness".\n'
    "“They don't know that ‘bosom peril’ is not a good way to say ‘breast cancer’,” he said.\n"
    "The team looks for phrases no writer would choose: “irregular woodland” for “random forest”,"
    " “profound learning” for “deep learning”, «flag to commotion» for «signal to noise».\n"
)


def test_a_spun_phrase_named_in_quotes_beside_its_original_is_a_mention() -> None:
    out = run(ABOUT_SPINNERS)
    assert out.edits == []
    assert out.meta["spun"] is False and out.meta["spin_markers"] == 0


def test_a_named_phrase_is_a_mention_also_in_a_spun_document() -> None:
    out = run(ABOUT_SPINNERS, assume_spun=True)
    assert "chilly battle" in out.text and "irregular woodland" in out.text and "bosom peril" in out.text


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        pytest.param("It was the coldest winter of the “Chilly Battle”.", "Cold War", id="quoted alone"),
        pytest.param("They spoke of a chilly battle, not a “cold war”.", "Cold War", id="original quoted"),
        pytest.param("The “Chilly Battle” ended.\nThe Cold War ended.", "Cold War” ended", id="another line"),
        pytest.param("A “Chilly Battle veteran” said the Cold War was over.", "Cold War veteran", id="in a quotation"),
        pytest.param(
            "The “Chilly Battle” ended" + " and then" * 40 + " the Cold War.", "“Cold War”", id="far on its line"
        ),
    ],
)
def test_a_quoted_spun_phrase_is_still_restored_without_its_original_beside_it(text: str, restored: str) -> None:
    """News quotes a source's words ('a "key moment"') and a spinner rewrites inside the marks: a quotation
    alone, or one the phrase is only part of, or an original on another line, is no mention."""
    out = run(text)
    assert restored in out.text, out.text
