"""Words stage: glued words split, names, compounds and foreign words left alone, edits replay.

Data: ``tests/data/words/cases.json`` (golden cases), ``negative.txt`` (must stay), ``glued_cases.json``
(1,500 adjacent word pairs of real news text glued together, from the AEB gold bodies and realnews; built
by ``benchmarks/words.py cases``), ``fresh.json`` (session 9: glued words and clean sentences written before
the stage was read, known failures as strict xfails; its README lists the held-out third).  Floors below
only go up.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT, case_params, load_cases, sample, shared
from textmend import rules
from textmend.edits import apply_edits
from textmend.rules import RuleError, read_rule_lines, rules_path
from textmend.stages import words

OPTS = words.Options()


def run(text: str, options: words.Options = OPTS) -> str:
    out = words.apply(text, options)
    assert apply_edits(text, out.edits) == out.text, "edits must replay to the output"
    assert [e.start for e in out.edits] == sorted(e.start for e in out.edits)
    assert all(a.end <= b.start for a, b in zip(out.edits, out.edits[1:], strict=False)), "edits overlap"
    assert all(e.stage == "words" and e.rule in words.RULES for e in out.edits)
    return out.text


def negative_words() -> list[str]:
    return [line.split("#")[0].strip() for _, line in read_rule_lines(DATA / "words" / "negative.txt")]


# ------------------------------------------------------------------------------------------ golden


@pytest.mark.parametrize("case", case_params(load_cases("words/cases")))
def test_golden(case: dict[str, Any]) -> None:
    assert run(case["original"]) == case["expected"]


@pytest.mark.parametrize("case", case_params(load_cases("words/capital_cases")))
def test_glued_capital(case: dict[str, Any]) -> None:
    assert run(case["original"]) == case["expected"]


@pytest.mark.parametrize("case", case_params(load_cases("words/capital_cases")))
def test_glued_capital_gate_changes_nothing(case: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The RE2 gate (with google-re2) only skips documents Python's scan finds nothing in."""
    with_gate = words.capital_glue_edits(case["original"], OPTS)
    monkeypatch.setattr(words, "_capital_gate", lambda: None)
    assert words.capital_glue_edits(case["original"], OPTS) == with_gate


@pytest.mark.parametrize("case", case_params(load_cases("words/number_cases")))
def test_glued_number(case: dict[str, Any]) -> None:
    """A word glued to a number (rule ``glued_number``): units, codes, ordinals, names stay."""
    assert run(case["original"]) == case["expected"]


@pytest.mark.parametrize("case", case_params(load_cases("words/number_cases") + load_cases("words/capital_cases")[:20]))
def test_glue_gate_changes_nothing(case: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The RE2 gate of both rules (with google-re2) only skips documents their scans find nothing in."""
    with_gate = words.apply(case["original"], OPTS).edits
    monkeypatch.setattr(words, "_glue_gate", lambda: None)
    assert words.apply(case["original"], OPTS).edits == with_gate


_GATE_PIECES = [
    *("since", "Since", "SINCE", "in", "In", "the", "June", "june", "JUNE", "about", "aged", "Over", "and", "said"),
    *("F", "RAV", "G", "Q", "T", "www.x", "2019", "3", "12", "3,000", "40", "years", "people", "%", "bn", "pm"),
    *(" ", " ", "\n", "(", ",", ".", "'s", "\u2019s", "new", "Reuters", "Kharkiv", "Johnson", "Monday"),
]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_GATE_PIECES), max_size=10))
def test_glue_gate_skips_only_texts_the_rules_leave(pieces: list[str]) -> None:
    """Session 12: the gate reads a letter-digit join only after a word of number_before.txt or a month (any
    case), where it read any letter ("F1", "RAV4", "Q2"): a text it skips gets no edit from the five rules."""
    gate = words._glue_gate()
    if gate is None:
        pytest.skip("google-re2 not installed")
    text = "".join(pieces)
    if not words._gate_may_match(gate, text):
        assert not words.capital_glue_edits(text, OPTS), text
        assert not words.number_glue_edits(text, OPTS) and not words.number_word_glue_edits(text, OPTS), text
        assert not words.possessive_glue_edits(text, OPTS) and not words.name_glue_edits(text, OPTS), text


def test_glue_gate_skips_letter_digit_codes() -> None:
    gate = words._glue_gate()
    if gate is None:
        pytest.skip("google-re2 not installed")
    assert not words._gate_may_match(gate, "The F1 team tested the RAV4 and G20 kit in Q2 at 2019-11-19T08:57.")
    for text in ("fallen since2019", "took effect on June3", "SINCE2019", "About500 people"):
        assert words._gate_may_match(gate, text), text


def test_glued_number_can_be_switched_off() -> None:
    text = "fallen since2019 and 12years later"
    out = words.apply(text, OPTS)
    assert [e.rule for e in out.edits] == ["glued_number", "glued_number"]
    assert out.edits[0].reason == "'since' glued to '2019'"
    assert run(text, words.Options(disabled=frozenset({"glued_number"}))) == text
    assert run(text, words.Options(document_guard=False)) == "fallen since 2019 and 12 years later"


def test_every_number_word_has_an_effect() -> None:
    """Each word of number_before.txt and number_nouns.txt splits a token of the shape it is listed for."""
    before, nouns = words.number_words()
    for word in sorted(before):
        assert run(f"It was {word}2019 or so.") == f"It was {word} 2019 or so.", word
    for noun in sorted(nouns):
        assert run(f"It took 12{noun} or so.") == f"It took 12 {noun} or so.", noun


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "last" and "next" are function words (determiners of time): "lastweek", "nextmonth"
        ("Prices rose sharply lastweek, the data showed.", "Prices rose sharply last week, the data showed."),
        ("A final vote is expected nextmonth.", "A final vote is expected next month."),
        ("The bill passed the Senate lastmonth.", "The bill passed the Senate last month."),
        ("Two men were detained yesterdayafternoon.", "Two men were detained yesterday afternoon."),
        ("Her passwords are kept in lastpass and nextcloud.", None),
        ("The ship paid its lastage and ballast dues.", None),
        # a 6-7 letter token whose content part is rarer is split when the pair is one of the commonest phrases
        ("The family movedto Canada in 2001.", "The family moved to Canada in 2001."),
        ("The talks beganto falter in March.", "The talks began to falter in March."),
        # session 12: a past form before "to" is split when the pair is frequent (30 M: "hoped to" 65 M)
        ("They hopedto finish the work by June.", "They hoped to finish the work by June."),
    ],
)
def test_time_determiners_and_common_phrases(text: str, expected: str | None) -> None:
    """Session 11: "last"/"next"/"yesterday" glued to a noun, and a 6-7 letter pair under the short-token test's part
    frequency whose bigram is among the commonest phrases ("moved to", :data:`words.SHORT_PHRASE_BIGRAM`)."""
    assert run(text) == (text if expected is None else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The law was passed in 2024and came into force.", "The law was passed in 2024 and came into force."),
        ("About 40%of voters and 3.2%in May.", "About 40% of voters and 3.2% in May."),
        ("It is worth $3bnand the club paid £5mfor him.", "It is worth $3bn and the club paid £5m for him."),
        ("The 1990sand the budget of £12bnlast year.", "The 1990s and the budget of £12bn last year."),
        ("Kick-off is at 3pmon Saturday.", "Kick-off is at 3pm on Saturday."),
        # session 12: a unit of measure, then any listed word; a bare "m" (metres) before three letters or more
        ("They seized 2kgof cocaine 40kmfrom the port.", "They seized 2kg of cocaine 40km from the port."),
        ("Give 50mgof it, 25mmof rain, 90mphon the road.", "Give 50mg of it, 25mm of rain, 90mph on the road."),
        ("It sank 300mfrom the shore.", "It sank 300m from the shore."),
        ("It took 5min, 30mins, 5mmol, 100mph, 2kgs, 10ms and 5kmh.", None),
        # units, codes, brands and two-letter words after a bare number or a sum stay
        ("It took 5min, 24in, 4and20, 2for1, 3in1, 1and1 and £5min.", None),
        ("The 49ers, 76ers, 100and 1999and 1999and.", None),
        ("x = 2024and;", None),
        ("see example.com/2024and and v2024and", None),
    ],
)
def test_glued_number_before_function_word(text: str, expected: str | None) -> None:
    """A number glued to the function word after it (session 11: a year, a percentage, a decade, a sum
    with its unit, a clock time; ``rules/words/number_after.txt``)."""
    assert run(text) == (text if expected is None else expected)
    assert words.apply(text, words.Options(disabled=frozenset({"glued_number"}))).text == text


def test_number_after_gates_change_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Passed in 2024and signed, 40%of them paid £5mfor it at 3pmon Monday, 5min and 1999s."
    with_gate = words.apply(text, OPTS).edits
    assert [e.after for e in with_gate] == ["2024 and", "40% of", "£5m for", "3pm on"]
    monkeypatch.setattr(words, "_number_after_gate", lambda: None)
    monkeypatch.setattr(words, "_glue_gate", lambda: None)
    assert words.apply(text, OPTS).edits == with_gate


def test_every_number_after_word_has_an_effect() -> None:
    for word in sorted(words.number_after()):
        assert run(f"It rose 40%{word} it.") == f"It rose 40% {word} it.", word


def test_glued_numbers_by_the_thousand() -> None:
    """A line of thousands of glued tokens, each split (the recurrence guard scans the document's runs once;
    how the time grows is measured by ``benchmarks/adversarial.py stages``, "glued numbers", not here)."""
    text = " ".join(f"since{1000 + i}" for i in range(1000)) + " end."
    small = len(words.apply(text, OPTS).edits)
    big = len(words.apply(" ".join([text] + [f"about{2000 + i}" for i in range(9000)]), OPTS).edits)
    assert (small, big) == (1000, 10000)


def test_glued_capital_can_be_switched_off() -> None:
    text = "held inNovember"
    assert [e.rule for e in words.apply(text, OPTS).edits] == ["glued_capital"]
    assert run(text, words.Options(capitals=False)) == text
    assert run(text, words.Options(disabled=frozenset({"glued_capital"}))) == text
    assert run("held inNovember and dictatormost", words.Options(disabled=frozenset({"glued_word"}))) == (
        "held in November and dictatormost"
    )


def test_every_capital_keep_entry_has_an_effect(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each entry of glued_capital_keep.txt would be split without the list (else it is dead weight)."""
    listed = words.capital_keep()
    texts = {}
    for token in listed:
        left = max((w for w in words.CAPITAL_LEFT if token.startswith(w) and len(token) - len(w) >= 3), key=len)
        right = token[len(left) :].capitalize()
        texts[token] = f"Read {left}{right} now. {right} is here."
    assert all(run(t) == t for t in texts.values())
    monkeypatch.setattr(words, "capital_keep", lambda: frozenset())
    idle = [token for token, t in texts.items() if run(t) == t]
    assert idle == []


def test_seed_001_only_dictatormost() -> None:
    text = sample("001")
    out = words.apply(text, OPTS)
    assert [(e.before, e.after) for e in out.edits] == [("dictatormost", "dictator most")]
    assert "corrupt dictator most on earth" in out.text
    assert "Kraschatyk Boulevard" in out.text


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_other_seeds_unchanged(prefix: str) -> None:
    text = sample(prefix)
    assert run(text) == text


@pytest.mark.parametrize("word", negative_words())
def test_negative_word_stays(word: str) -> None:
    for text in (f"They spoke of {word} again.", f"“{word},” she said.", f"It was {word.capitalize()} then."):
        assert run(text) == text


@pytest.mark.xfail(strict=True, reason="'a' + '-ar' adjective: the privative prefix is not recognised")
def test_known_failure_acellular() -> None:
    assert run("an acellular vaccine") == "an acellular vaccine"


# ------------------------------------------------------------------------------------- measured sets


def test_glued_pairs_precision_and_recall() -> None:
    """On glued real word pairs: precision at least 99.5 % (measured 100 % on this sample, 99.98 % on all
    33,708 pairs), recall at least 60 % (measured 63 %)."""
    cases = json.loads((DATA / "words" / "glued_cases.json").read_text(encoding="utf-8"))["cases"]
    lex = words.lexicon()
    right = wrong = 0
    for c in cases:
        split, _ = words.choose_split(c["glued"], OPTS, lex)
        if split is None:
            continue
        if (split.first, split.second) == (c["first"], c["second"]):
            right += 1
        else:
            wrong += 1
    assert right / (right + wrong) >= 0.995
    assert right / len(cases) >= 0.60


def test_aeb_gold_bodies_unchanged() -> None:
    """181 clean article bodies (132,319 tokens, several languages): no token changed."""
    path = shared("aeb", "aeb_pages_text.jsonl")
    changed = []
    for line in path.read_text(encoding="utf-8").splitlines():
        body = json.loads(line)["gold_article_body"]
        changed += [e.before for e in words.apply(body, OPTS).edits]
    assert changed == []


def test_realnews_unchanged() -> None:
    texts = []
    for path in sorted(shared("realnews").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert [e.before for t in texts for e in words.apply(t, OPTS).edits] == []


# ------------------------------------------------------------------------------------------ replay

_WORD = st.sampled_from(
    [
        "the",
        "dictatormost",
        "Kraschatyk",
        "presidentwas",
        "ofthe",
        "counteroffensive",
        "saidthat",
        "a",
        "x@y.z",
        "#thepresident",
        "thewidget",
        "(inthe",
        "end)",
        "developerskeep",
        "“thebiggest”",
        "caf\u00e9",
        "2024",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_WORD, st.sampled_from([" ", "\n", ", ", "  "])), max_size=30))
def test_edits_replay_on_random_texts(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + sep for w, sep in parts)
    out = run(text)
    assert out.replace(" ", "") == text.replace(" ", ""), "the stage only inserts spaces"


# -------------------------------------------------------------------------------- options and data


def test_disabled_rule_and_keep_option() -> None:
    text = "the corrupt dictatormost on earth"
    assert run(text, words.Options(disabled=frozenset({"glued_word"}))) == text
    assert run(text, words.Options(keep=frozenset({"Dictatormost"}))) == text
    assert run(text) == "the corrupt dictator most on earth"


def test_unsplit_candidates_are_reported() -> None:
    out = words.apply("Their bilateralism was new.", OPTS)
    assert out.meta == {"words_unsplit": {"bilateralism": "'ism' is a derivational suffix"}}


@pytest.mark.parametrize("bad", [{"min_length": 3}, {"min_part_frequency": 0}, {"min_margin": -1}])
def test_bad_options_are_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="words"):
        words.Options(**bad)


def test_import_is_lazy() -> None:
    """Importing the stage, or running it on text with no candidate token, loads nothing."""
    code = (
        "import sys; from textmend.stages import words; "
        "words.apply('Short words only here.', words.Options()); "
        "print('symspellpy' in sys.modules, words.lexicon.cache_info().currsize)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(ROOT / "src")}
    ).stdout.split()
    assert out == ["False", "0"]


def test_lexicon_loads_once_and_fast() -> None:
    words.lexicon()
    assert words.lexicon.cache_info().currsize == 1
    lex = words.lexicon()
    assert len(lex.unigrams) > 82_000 and len(lex.bigrams) > 240_000
    assert "counteroffensive" in lex.unigrams and "onboard" in lex.known


@pytest.mark.parametrize("name", ["short_parts.txt", "compound_prefixes.txt", "compound_suffixes.txt"])
def test_every_listed_part_is_a_dictionary_word(name: str) -> None:
    """A part that is not in the frequency list can never be a part: the rule would have no effect."""
    lex = words.lexicon()
    missing = sorted(w for w in words.read_word_list("words", name) if w not in lex.unigrams)
    assert missing == []


def test_every_function_word_is_a_dictionary_word() -> None:
    lex = words.lexicon()
    assert sorted((lex.function_first | lex.function_second) - lex.unigrams.keys()) == []


def test_every_never_split_word_has_an_effect() -> None:
    """Each entry of never_split.txt would be split without the list (else it is dead weight)."""
    lex = words.lexicon()
    bare = words.Lexicon(**{**lex.__dict__, "known": lex.known - words.read_word_list("words", "never_split.txt")})
    idle = [w for w in words.read_word_list("words", "never_split.txt") if words.choose_split(w, OPTS, bare)[0] is None]
    assert idle == []


def test_rule_file_errors_name_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "list.txt"
    bad.write_text("# Licence: MIT\nfoo\nfoo\n", encoding="utf-8")
    monkeypatch.setattr(words, "rules_path", lambda *parts: bad)
    monkeypatch.setattr(rules, "rules_path", lambda *parts: bad)  # read_word_list reads through textmend.rules
    with pytest.raises(RuleError, match=r"words/list.txt:3: duplicate word 'foo'"):
        words.read_word_list("words", "list.txt")
    bad.write_text("# Licence: MIT\nFoo Bar\n", encoding="utf-8")
    with pytest.raises(RuleError, match="not a lower-case word"):
        words.read_word_list("words", "list.txt")
    bad.write_text("# Licence: MIT\nthe\tsomewhere\n", encoding="utf-8")
    with pytest.raises(RuleError, match="position must be first, second or either"):
        words.read_function_words("words", "list.txt")


def test_shipped_rule_files_pass_the_rule_check() -> None:
    from textmend.rulecheck import check_rules

    assert [str(p) for p in check_rules(rules_path("words"))] == []


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="abab aé_1A-'\n\u2019(", max_size=40),
    st.sampled_from([5, 6, 8]),
    st.sets(st.sampled_from(["ababa", "babab", "abababab", "aaaaa", "bbbbbb"])),
)
def test_occurrences_are_the_candidates_holding_a_token(text: str, min_length: int, extra: set[str]) -> None:
    """``_occurrences`` (str.find, then the regex at each hit) gives exactly the finditer matches."""
    pattern = words._CANDIDATE[min_length]
    all_tokens = sorted({m.group() for m in pattern.finditer(text)})
    tokens = set(all_tokens[::2]) | extra
    want = [(m.start(), m.end()) for m in pattern.finditer(text) if m.group() in tokens]
    assert [(m.start(), m.end()) for m in words._occurrences(text, tokens, pattern)] == want


def test_whitespace_list_is_what_backslash_s_matches() -> None:
    """_BOUNDED lists the whitespace characters instead of ``\\s``: the list must be exactly them."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert words._WHITESPACE == every
    assert "".join(re.findall(r"\s", "".join(map(chr, range(sys.maxunicode + 1))))) == every


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ababab a\n\t\u00a0(\"'\u2019\u201c\u201d.,?-_é1A)", max_size=40), st.sampled_from([5, 6, 8]))
def test_bounded_scan_finds_every_token_the_stage_reads(text: str, min_length: int) -> None:
    """The prefilter's tokens include every candidate whose occurrence passes _token_bounds."""
    found = set(words._BOUNDED[min_length].findall(text))
    head = words._CANDIDATE[min_length].match(text)
    if head is not None:
        found.add(head.group(0))
    read = {
        m.group() for m in words._CANDIDATE[min_length].finditer(text) if words._token_bounds(text, m.start(), m.end())
    }
    assert read <= found


# Long tokens and lines of many glued tokens stay linear; the answers are those of the plain reading.


def _splits_every_cut(token: str, lex: words.Lexicon) -> list[words.Split]:
    """:func:`words.splits` trying every cut, as before it skipped cuts that leave a part longer than the
    longest dictionary word."""
    saved = lex.longest
    object.__setattr__(lex, "longest", len(token) + 1)
    try:
        return words.splits(token, lex)
    finally:
        object.__setattr__(lex, "longest", saved)


@pytest.mark.parametrize(
    "token",
    ["dictatormost", "thegovernment", "counteroffensive", "a" * 60, "internationalrelationsthe", "b" * 29],
)
def test_splits_skip_only_cuts_no_word_is_that_long(token: str) -> None:
    lex = words.lexicon()
    assert lex.longest == max(map(len, lex.unigrams))
    assert words.splits(token, lex) == _splits_every_cut(token, lex)


def test_a_run_of_ten_thousand_letters_is_left_alone() -> None:
    text = "It said " + "abcdefghij" * 1000 + " and more."
    assert words.apply(text, words.Options()).text == text


def test_glued_capitals_counted_once_for_the_document() -> None:
    """The token and its second part are counted in one scan of the document's runs of letters (a
    search of the whole text for each match made a line of them quadratic): the same verdicts."""
    text = (
        "The rally was held inNovember at the hall, and the mayor spoke onFacebook about theWhite House. "
        "Later onFacebook he said more, and Instagram users wrote toInstagram about it. " * 1
    )
    out = words.apply(text, words.Options()).text
    assert "in November" in out and "the White House" in out
    assert "onFacebook" in out  # twice in the document: a name, left
    assert "to Instagram" in out  # not a dictionary word, but written alone elsewhere


def test_a_lone_surrogate_does_not_stop_the_capital_rule() -> None:
    """A JSON string "\\ud800" gives a lone surrogate, which RE2 cannot read (UTF-8 has none): the gate
    answers 'maybe' and Python's scan decides; the stage no longer fails on the document."""
    text = "The rally was held inNovember at the hall \ud800 and the mayor spoke about it to the crowd there."
    out = words.apply(text, words.Options())
    assert "in November" in out.text


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.text(alphabet="ab1 Nino\u00e9\u201c\ud800'’s", max_size=12), min_size=1, max_size=4))
def test_gates_read_each_text_encoded_once(texts: list[str]) -> None:
    """Session 11: the gates read a text's UTF-8, encoded once a text; they answer as RE2 on the str (and
    'maybe' where a lone surrogate has no UTF-8), text after text and again for a text read before."""
    for gate in (words._glue_gate(), words._capital_gate()):
        if gate is None:
            pytest.skip("google-re2 not installed")
        for text in [*texts, texts[0]]:
            try:
                expected = gate.search(text) is not None
            except UnicodeEncodeError:
                expected = True
            assert words._gate_may_match(gate, text) == expected


# ------------------------------------------------------------- a function word glued to "the", short


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="oftheincabdu \n(\"'\u201c\u201d.,#_1A\u00e9", max_size=40))
def test_five_letter_scan_finds_every_whole_token(text: str) -> None:
    """Session 12: the five-letter tokens the stage can split ("ofthe", "canbe") are found with one scan of a
    fixed set (RE2 with google-re2), where a scan of every "the" ending a run of letters found "ofthe": every
    token of the set with an occurrence that passes _token_bounds is found (RE2 also finds some that do not,
    which the stage then leaves), with RE2 and with Python's pattern (which, as _BOUNDED, reads one character
    either side)."""
    tokens = words.short_glue_tokens()
    want = {
        m.group()
        for m in words._CANDIDATE[words.MIN_LENGTH_FLOOR].finditer(text)
        if m.group() in tokens and words._token_bounds(text, m.start(), m.end())
    }
    assert want <= set(words._five_letter_tokens(text))
    assert want <= set(words._five_letter_scans()[1].findall(text)) <= tokens


def test_short_glue_tokens_hold_every_five_letter_token_the_stage_splits() -> None:
    """Every five-letter token made of two function words (or one and "the") that the short test splits is
    in the scanned set (a wider net, read from function_words.tsv alone)."""
    lex = words.lexicon()
    either = lex.function_first | lex.function_second | {"the"}
    cut = set()
    for a in either:
        for b in either:
            token = a + b
            if len(token) != 5 or words.is_known(token, lex):
                continue
            split, _ = words.choose_split(token, OPTS, lex)
            if split is not None and words._short_split(token, split, lex):
                cut.add(token)
    assert cut and cut <= words.short_glue_tokens()


def test_short_tokens_split_only_into_a_function_word_and_the() -> None:
    # "thefox": "fox" is not among the commonest words (session 10's short-token test), so only "in the"
    assert run("He said inthe end, thefox was gone.") == "He said in the end, thefox was gone."
    # at min_length 5 the main scan reads them, with every split it allows
    assert run("wasthe thecar", words.Options(min_length=5)) == "was the the car"


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("saidit", "said it"),
        ("hasbeen", "has been"),
        ("whomshe", "whom she"),
        ("allweek", "all week"),
        ("didnot", "did not"),
        ("mostof", "most of"),
        ("tohelp", "to help"),
    ],
)
def test_short_tokens_of_two_very_common_words(token: str, expected: str) -> None:
    """Session 10: from 6 letters, two function words or very common words forming a frequent pair."""
    assert run(f"The officials {token} yesterday.") == f"The officials {expected} yesterday."


@pytest.mark.parametrize(
    "token",
    [
        # real words, names and foreign words under 8 letters that split into two words ("from age",
        # "not her", "has well"), or glue of words too rare for the short test
        "fromage",
        "nother",
        "hisself",
        "haswell",
        "herold",
        "wasgone",
        "thefox",
        "wentto",
    ],
)
def test_short_tokens_left(token: str) -> None:
    assert run(f"The officials {token} yesterday.") == f"The officials {token} yesterday."


def test_short_token_test_reads_only_unknown_tokens() -> None:
    """The short-token test runs after the dictionary look-up: a 6-7 letter word is never cut."""
    lex = words.lexicon()
    for word in ("became", "nothing", "another", "island", "hereto", "inform", "betoken", "notable"):
        assert words.is_known(word, lex), word
        assert run(f"It {word} now.") == f"It {word} now."


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("oneofthe", "one of the"),
        ("putonhold", "put on hold"),
        ("unabletoreach", "unable to reach"),
        ("livedinthecity", "lived in the city"),
        ("ministerwillnot", "minister will not"),
    ],
)
def test_three_or_four_words_glued(token: str, expected: str) -> None:
    split, why = words.choose_split(token, OPTS)
    assert split is not None and split.text == expected, why
    assert run(f"They said it was {token} today.") == f"They said it was {expected} today."


@pytest.mark.parametrize(
    "token",
    # real words cut into three dictionary entries: no common pairs ("est he tic", "art if act"), a
    # letter ("rig am a role"), a suffix ("council or ship", "author is able"), a prefix ("auto to my"),
    # a function word where a glued phrase does not end ("he most at", "has been in")
    ["esthetic", "artifact", "memoranda", "rigamarole", "councilorship", "authorisable", "autotomy", "hemostat"],
)
def test_real_words_are_not_cut_in_three(token: str) -> None:
    assert words.choose_multi_split(token, OPTS, words.lexicon())[0] is None


def test_multi_splits_only_read_short_tokens() -> None:
    assert words.multi_splits("oneofthe" * 4, words.lexicon()) == []  # longer than MAX_MULTI_LENGTH


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Britain'snew prime minister spoke.", "Britain's new prime minister spoke."),
        ("The country\u2019slargest bank failed.", "The country\u2019s largest bank failed."),
        ("(the company'sprofits fell)", "(the company's profits fell)"),
        ("It'sthe end of an era.", "It's the end of an era."),
        # left: "s" + the rest is a word (a plural's apostrophe: "workers' strike"), a rare or no word after
        # it, names with an apostrophe, a recurring token, code, a token inside a longer one
        ("The workers'strike went on.", None),
        ("Talks in Ta'izz, Hawai'i and Mas'ud's village.", None),
        ("The Sa'sa road and Ma'soum's house.", None),
        ("Britain'snew and Britain'snew again.", None),
        ("x = it'sfine;", None),
        ("see example.com/Britain'snew", None),
        ("Britain'snew.html is the file.", None),
    ],
)
def test_glued_possessive(text: str, expected: str | None) -> None:
    assert run(text) == (expected or text)
    assert words.apply(text, words.Options(disabled=frozenset({"glued_possessive"}))).text == text


def test_glued_possessive_gate_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Britain'snew leader and the team\u2019sfirst win."
    with_gate = words.apply(text, OPTS).edits
    assert [e.rule for e in with_gate] == ["glued_possessive", "glued_possessive"]
    monkeypatch.setattr(words, "_glue_gate", lambda: None)
    assert words.apply(text, OPTS).edits == with_gate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name glued to a reporting verb: a head of five letters or more is enough
        ("Greta Thunbergsaid the summit had failed.", "Greta Thunberg said the summit had failed."),
        ("President Emmanuel Macronwarned of a crisis.", "President Emmanuel Macron warned of a crisis."),
        ("Followers of Dara Ó Briainsaid so.", "Followers of Dara Ó Briain said so."),
        ("Ngozi Okonjo-Iwealasaid trade would recover.", "Ngozi Okonjo-Iweala said trade would recover."),
        # a shorter head only when written as a name elsewhere (after a first name, a title or "al-")
        ("Sadiq Khan spoke. Khansaid the fares rose.", "Sadiq Khan spoke. Khan said the fares rose."),
        ("Moqtada al-Sadr spoke. al-Sadrsaid they would go.", "Moqtada al-Sadr spoke. al-Sadr said they would go."),
        ("Mayor Khansaid the fares would be frozen.", None),
        ("Jon Bensaid and Karim Boussaid were elected.", None),
        # a function word that ends names ("-and", "-had") only when the head is written as a name elsewhere
        ("Police named Ravi Patel. Patelhad worked there.", "Police named Ravi Patel. Patel had worked there."),
        ("Lan Nguyen arrived. Nguyenand her brother left.", "Lan Nguyen arrived. Nguyen and her brother left."),
        ("Lan Nguyenand her brother left.", None),
        ("Erling Haaland scored. Haaland and Rio Ferdinand.", None),
        ("In March, Marchand said no; in Paris, the Vishva Hindu Parishad met.", None),
        ("Mr Hal met Deland and Haland.", None),
        # "-is" ends too many names to be a tail
        ("Glyn Jones met Glynis Johns. Dennis Mr Denn", None),
        # a day name glued to a time of day or a function word, never to other words
        ("The talks resume on Wednesdayevening in Geneva.", "The talks resume on Wednesday evening in Geneva."),
        ("The strike ends on Sundayat midnight.", "The strike ends on Sunday at midnight."),
        ("Mondayland opened its doors.", None),
        # words, code, handles, URLs, recurring tokens, other languages
        ("Aforesaid, Foretold, Forewarned and Unsaid.", None),
        ("Follow @Thunbergsaid and see example.com/Thunbergsaid now.", None),
        ("x = Thunbergsaid;", None),
        ("Thunbergsaid and Thunbergsaid again.", None),
        ("McDonaldsaid and DeSantissaid are camel case.", None),
    ],
)
def test_glued_name(text: str, expected: str | None) -> None:
    """Rule ``glued_name`` (session 11): a name glued to the word after it or a reporting verb to the name
    after it, and a day name glued to a time of day; never a cut inside a name."""
    assert run(text) == (text if expected is None else expected)
    assert words.apply(text, words.Options(disabled=frozenset({"glued_name"}))).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will stay,” saidNguyen, who lives there.", "“We will stay,” said Nguyen, who lives there."),
        ("The judge toldSiddiqui she was free.", "The judge told Siddiqui she was free."),
        ("Advisers warnedMacron and askedKowalski.", "Advisers warned Macron and asked Kowalski."),
        ("The saidNguyen app and x = toldSiddiqui;", None),
        ("saysNguyen and saysNguyen again.", None),
    ],
)
def test_glued_capital_after_reporting_verb(text: str, expected: str | None) -> None:
    """A reporting verb glued to the name after it, a quote's attribution whose name was a link (session 11:
    the ``verb-before`` words of ``name_tails.tsv`` stand first in ``glued_capital``, and any capitalised
    word may follow them)."""
    assert run(text) == (text if expected is None else expected)
    assert words.apply(text, words.Options(disabled=frozenset({"glued_capital"}))).text == text


def test_glued_name_gate_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Greta Thunbergsaid so on Mondaymorning, saidNguyen."
    with_gate = words.apply(text, OPTS).edits
    assert [e.rule for e in with_gate] == ["glued_name", "glued_name", "glued_capital"]
    monkeypatch.setattr(words, "_glue_gate", lambda: None)
    assert words.apply(text, OPTS).edits == with_gate


def test_every_name_tail_has_an_effect() -> None:
    """Each word of name_tails.tsv splits a token of the shape its tier is listed for."""
    tails = words.name_tails()
    for tail in sorted(tails["verb"]):
        assert run(f"Then Thunberg{tail} so.") == f"Then Thunberg {tail} so.", tail
    for tail in sorted(tails["aux"]):
        assert run(f"Lan Nguyen came. Nguyen{tail} so.") == f"Lan Nguyen came. Nguyen {tail} so.", tail
    for word in sorted(tails["verb-before"]):
        assert run(f"Then {word}Nguyen so.") == f"Then {word} Nguyen so.", word
    for word in sorted(tails["day"]):
        assert run(f"On Monday{word} so.") == f"On Monday {word} so.", word


# ------------------------------------------------------- past forms and five-letter tokens (session 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an irregular past form before a particle, as a regular "-ed" form is read ("tweeted|before")
        ("The inspectors soon foundout the truth.", "The inspectors soon found out the truth."),
        ("The rebels tookover the radio station.", "The rebels took over the radio station."),
        ("The soldiers cameback in the spring.", "The soldiers came back in the spring."),
        # 6-7 letters: a past form before "to", "in", "up", "out" whose pair is frequent (30 M)
        ("He grewup near the docks.", "He grew up near the docks."),
        ("The band brokeup in 1970.", "The band broke up in 1970."),
        ("The board votedto close the mine.", "The board voted to close the mine."),
        ("The couple movedin last spring.", "The couple moved in last spring."),
        # not before other words: rare words that start with a past form
        ("The cameleon and the meantone scale were grewsome.", None),
        # compounds take the base form
        ("The breakup, the takeover and the comeback.", None),
    ],
)
def test_past_forms_before_particles(text: str, expected: str | None) -> None:
    assert run(text) == (text if expected is None else expected)


def test_every_past_form_has_an_effect() -> None:
    """Each form of past_forms.txt splits from at least one particle (else it is dead weight)."""
    for form in sorted(words.lexicon().past):
        hits = [
            p for p in sorted(words.PAST_PARTICLES) if run(f"The men {form}{p} early.") == f"The men {form} {p} early."
        ]
        assert hits, form


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The money canbe withdrawn at any bank.", "The money can be withdrawn at any bank."),
        ("The police hadno leads.", "The police had no leads."),
        ("The club sold two ofits grounds.", "The club sold two of its grounds."),
        ("Rain fell butit soon stopped.", "Rain fell but it soon stopped."),
        ("The bridge isnot safe.", "The bridge is not safe."),
        # words, names and ambiguous cuts stay
        ("Run a whois search for the notan print and the metoo and toman files.", None),
        ("He was not worried atall.", None),  # "at all" or "a tall"
        ("The canbe canbe.", None),  # recurs: a word
    ],
)
def test_five_letter_function_word_pairs(text: str, expected: str | None) -> None:
    """Session 12: two function words glued into five letters, the pair frequent (FIVE_MIN_BIGRAM) and the
    token's only cut into two words."""
    assert run(text) == (text if expected is None else expected)


# ------------------------------------------------------------------------- fresh cases (session 9)


def _fresh_params(name: str = "words/fresh") -> list[Any]:
    params = []
    for case in load_cases(name):
        why = case.get("known_failure")
        marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
        params.append(pytest.param(case, id=case["label"], marks=marks))
    return params


@pytest.mark.parametrize("case", _fresh_params())
def test_fresh_cases(case: dict[str, Any]) -> None:
    """Glued words and clean sentences written before the stage was read (``tests/data/words/fresh.json``,
    its README lists the held-out third), through the whole pipeline; known failures are strict xfails."""
    import textmend

    assert textmend.clean(case["original"]).text == case["expected"]
    if case["kind"] == "negative":
        assert run(case["original"]) == case["original"]


@pytest.mark.parametrize("case", _fresh_params("words/fresh2"))
def test_fresh2_cases(case: dict[str, Any]) -> None:
    """Session 10's second fresh set (``tests/data/words/fresh2.json``, written before the stage was read:
    three words glued, names, short function words, line joins, closing quotes and brackets, abbreviations,
    possessives, titles; names, brands, codes, citations, chemistry and other languages that must stay),
    through the whole pipeline; known failures are strict xfails."""
    test_fresh_cases(case)


@pytest.mark.parametrize("case", _fresh_params("words/fresh3"))
def test_fresh3_short_glue_cases(case: dict[str, Any]) -> None:
    """Session 10's short-glue set (``tests/data/words/fresh3.json``, written before the stage was read: 40
    glued tokens of 6-7 letters, 80 short words and names a split would break), through the whole pipeline."""
    test_fresh_cases(case)


@pytest.mark.parametrize("case", _fresh_params("words/fresh4"))
def test_fresh4_cases(case: dict[str, Any]) -> None:
    """Session 11's set (``tests/data/words/fresh4.json``, written before the stage was read: 90 names glued
    to a word on either side, day and time glue, 5-letter tokens, rarer parts, line joins, numbers and
    punctuation; 130 names, brands, words, codes and foreign words that must stay), through the whole pipeline."""
    test_fresh_cases(case)


@pytest.mark.parametrize("case", _fresh_params("words/fresh5"))
def test_fresh5_cases(case: dict[str, Any]) -> None:
    """Session 12's set (``tests/data/words/fresh5.json``, written before the stage was read: 98 verbs glued to
    "to"/"up"/"out"/"in", articles and prepositions glued to plurals and time words, line joins, names glued
    to "is"/"was"/"has", five-letter tokens, glue across a hyphen or a quote and after a number with a unit;
    144 names, brands, medical and chemical terms, quoted German and Dutch compounds, hashtags, handles, URLs,
    code and words that split into two words but are one), through the whole pipeline."""
    test_fresh_cases(case)


@pytest.mark.parametrize("case", _fresh_params("words/fresh6"))
def test_fresh6_cases(case: dict[str, Any]) -> None:
    """Session 13's set (``tests/data/words/fresh6.json``, written before the stage was read: 110 glued
    sentences: capitalised sentence starts, glue beside a hyphen, a closing quote or a bracket, function-word
    pairs, headlines, line ends, numbers and units, British and US spellings, names before "is"/"was"/"has",
    rarer past forms; 176 clean sentences: brands, hashtags, URLs, e-mails, code, names, chemistry, places,
    compounds, foreign words), through the whole pipeline; known failures are strict xfails."""
    test_fresh_cases(case)


# ------------------------------------------------------------------------- glued_start (session 13)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wehave asked for the figures.", "We have asked for the figures."),
        ("It rained. Thegovernment will respond.", "It rained. The government will respond."),
        ("“Theyhave no choice,” she said.", "“They have no choice,” she said."),
        ("The vote failed.\nAfterthe vote, they left.", "The vote failed.\nAfter the vote, they left."),
        ("Accordingto the police, nobody was hurt.", "According to the police, nobody was hurt."),
        ("Was it over? Duringthe night the river rose.", "Was it over? During the night the river rose."),
    ],
)
def test_glued_start_splits_a_sentence_start(text: str, expected: str) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # keep: names and places that open a sentence and cut into a function word and a word
        "Andover is a market town in Hampshire.",
        "Weare selectmen voted on Tuesday night.",
        "Ingraham said the network had not been told.",
        "Mayfield Road was closed after the crash.",
        "Hadfield scored twice before half-time.",
        "Stillwater police said the man was arrested.",
        "Somerton voters backed the plan.",
        "Therock was the name of the ship.",
        "Theydon Bois lies at the end of the line.",
        # keep: words, brands, a name written twice, mid-sentence, code
        "Thereafter the council met in private.",
        "Therapists warned of long waiting lists.",
        "Thescore reported the trade first.",
        "Wehave is a cooperative. Wehave sells bread.",
        "The shop is called Wehave and sells bread.",
        "x = 1; Wehave = 2",
    ],
)
def test_glued_start_keeps_names_and_words(text: str) -> None:
    assert run(text) == text


def test_every_start_keep_entry_has_an_effect(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each entry of glued_start_keep.txt would be split at a sentence start without the list."""
    texts = {token: f"{token.capitalize()} was there." for token in words.start_keep()}
    assert all(run(t) == t for t in texts.values())
    monkeypatch.setattr(words, "start_keep", lambda: frozenset())
    assert [token for token, t in texts.items() if run(t) == t] == []


@pytest.mark.skipif(
    not Path("/usr/share/dict/american-english-insane").exists(), reason="Debian's wamerican-insane not installed"
)
def test_glued_start_leaves_debian_names() -> None:
    """No capitalised word (name, place) of Debian's largest word lists is cut at a sentence start."""
    lex, opts = words.lexicon(), words.Options()
    names: set[str] = set()
    for name in ("american-english-insane", "british-english-insane"):
        path = Path("/usr/share/dict") / name
        if path.exists():
            names.update(re.findall(r"^[A-Z][a-z]{4,19}$", path.read_text(encoding="utf-8", errors="replace"), re.M))
    assert [n for n in sorted(names) if words._start_split(n.lower(), opts, lex)] == []


# ------------------------------------------------------------------------- glue beside a hyphen (session 13)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The newly-electedmayor spoke.", "The newly-elected mayor spoke."),
        ("Rents reached record-breakinglevels.", "Rents reached record-breaking levels."),
        ("It is thelong-running dispute.", "It is the long-running dispute."),
        ("It was backed by apro-Russian party.", "It was backed by a pro-Russian party."),
    ],
)
def test_glue_beside_a_hyphen_is_split(text: str, expected: str) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # keep: compounds of real article prose
        "A state-of-the-art stadium opened next to the cul-de-sac.",
        "His mother-in-law said the follow-up was a one-off.",
        "A never-ending row over an ever-growing list of hand-me-downs.",
        "The built-in heater and a stay-at-home order for the grown-ups.",
        "Anti-vaxxers, pro-lifers and anti-lockdown protesters met the would-be attacker.",
        "A first-of-its-kind trial of a tried-and-tested method at a not-for-profit group.",
        "Cash-strapped councils face eye-watering prices and time-consuming checks.",
        # keep: glue the rule leaves (two content words, ambiguous, a segment written twice)
        "The state-ownedbank will be sold.",
        "Residents faced anever-growing list.",
        "an anti-thepresident rally",
        "The record-breakinglevels fell. Record-breakinglevels rose.",
        "See https://example.com/newly-electedmayor for more.",
    ],
)
def test_glue_beside_a_hyphen_keeps_compounds(text: str) -> None:
    assert run(text) == text


# ------------------------------------------------------------------------- two function words in 3-4 letters


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He bought bread anda newspaper.", "He bought bread and a newspaper."),
        ("It was the size ofa house.", "It was the size of a house."),
        ("The league said itis looking into it.", "The league said it is looking into it."),
        ("It will be reviewed inan audit.", "It will be reviewed in an audit."),
    ],
)
def test_short_glue_tokens_are_split(text: str, expected: str) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # keep: words, names and foreign words of three or four letters
        "Anda Kowalczyk scored twice for the visitors.",
        "Savers can put up to £20,000 a year into a cash isa.",
        "He added a nota bene to the letter.",
        "The Wasa crispbread factory will close.",
        "Fans sang “anda, anda” as the players came out, and “anda” rang round the ground.",
        "Terima kasih atas kunjungan anda ke situs web kami, kata pengelola situs itu hari ini.",
        "x = ofa; y = itis",
    ],
)
def test_short_glue_keeps_words_and_names(text: str) -> None:
    assert run(text) == text


def test_every_short_glue_token_is_split_in_a_sentence() -> None:
    """Each token of short_glue.txt is split in an English sentence (else it is dead weight)."""
    for token in words.short_glue():
        text = f"The report said that {token} new rule was coming."
        assert run(text) != text, token


# ------------------------------------------------------------------------- a closing single quote (session 13)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The so-called ‘partygate’scandal cost him.", "The so-called ‘partygate’ scandal cost him."),
        ("He called it ‘nonsense’and left.", "He called it ‘nonsense’ and left."),
    ],
)
def test_closing_single_quote_glue_is_split(text: str, expected: str) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "They sang ‘rock’n’roll’ songs all night.",
        "The siege of ‘Ta’izz’ goes on.",
        "Fans call it ‘the Hawai’i’ effect.",
        "The ‘country’s’ in the headline was a typo.",
        "It was ‘fake’news. It was ‘fake’news again.",
    ],
)
def test_closing_single_quote_keeps_apostrophes(text: str) -> None:
    assert run(text) == text


def test_glued_start_switches_off() -> None:
    """``--disable words.glued_start`` leaves a glued sentence start (session 13)."""
    off = words.Options(disabled=frozenset({"glued_start"}))
    assert run("Wehave asked for the figures.", off) == "Wehave asked for the figures."


def test_a_split_that_leaves_a_glued_name_is_split_again() -> None:
    """glued_capital takes 'said' off 'saidTuesdaythe', glued_name then splits 'Tuesdaythe': in one run, so
    the stage is idempotent (a hypothesis run found the second run splitting, session 13)."""
    out = words.apply("He saidTuesdaythe council met.", words.Options())
    assert out.text == "He said Tuesday the council met."
    assert [e.step for e in out.edits] == [0, 1]
    assert words.apply(out.text, words.Options()).edits == []
