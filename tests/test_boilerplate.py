"""Boilerplate stage: the five seeds line by line, golden cases, clean text untouched, rule files, a gate.

Golden data lives in ``tests/data/boilerplate/``: ``cases.json`` (``{label, comment, original,
expected}``), ``negative.json`` (clean documents that must come out unchanged), ``known_failures.json``
(strict xfail: a fix is noticed) and ``gate.json`` (score floors on the aeb benchmark; they only go up).
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, benchmark, case_params, load_cases, sample, shared
from textmend.edits import apply_edits
from textmend.rules import RuleError, read_rule_lines, rules_path
from textmend.stages import boilerplate

BP = DATA / "boilerplate"


def cases(name: str) -> list[dict[str, Any]]:
    return json.loads((BP / f"{name}.json").read_text(encoding="utf-8"))


def run(text: str, **options: Any) -> boilerplate.StageOutput:
    out = boilerplate.apply(text, boilerplate.Options(**options))
    assert apply_edits(text, out.edits) == out.text
    starts = [e.start for e in out.edits]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(out.edits))
    for e in out.edits:
        assert e.stage == "boilerplate" and e.after == "" and e.reason == e.rule.split(".")[0]
        if e.start == 0 or text[e.start - 1] == "\n":  # whole lines
            assert e.end == len(text) or text[e.end - 1] == "\n"
        elif not text.endswith("\n") and text[e.start] in "\r\n":
            # the first removal of the tail of a text with no final newline takes the newline above it
            assert e.end == len(text) or text[e.end - 1] == "\n"
        else:  # or a widget label at the end of a line that stays
            assert "\n" not in e.before and text[e.end : e.end + 1] in ("", "\n", "\r")
    return out


def removed_lines(text: str, out: boilerplate.StageOutput) -> dict[int, str]:
    """1-based number of each removed non-blank line -> its reason."""
    found: dict[int, str] = {}
    for e in out.edits:
        first = text.count("\n", 0, e.start) + 1
        for k, line in enumerate(e.before.split("\n")):
            if line.strip():
                found[first + k] = e.reason
    return found


# ------------------------------------------------------------------------------------------------ seeds

SEEDS: dict[str, dict[int, str]] = {
    # World News teasers (the headline on line 1 has the same kicker and stays), the bio, junk after it
    "000": {7: "teaser", 15: "teaser", 23: "teaser", 31: "teaser", 34: "bio", 36: "bio"},
    "001": {45: "byline", 47: "comments"},
    "002": {
        4: "subscribe_block",
        5: "subscribe_block",
        6: "subscribe_block",
        7: "subscribe_block",
        8: "subscribe_block",
        9: "subscribe_block",
    },
    "003": {17: "syndication"},
    "004": {n: "comment_thread" for n in range(13, 77)},
}


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_exact_lines(prefix: str) -> None:
    text = sample(prefix)
    out = run(text)
    assert removed_lines(text, out) == SEEDS[prefix]
    # nothing else lost: every other non-blank line is in the output, in order
    kept = [ln for n, ln in enumerate(text.split("\n"), 1) if ln.strip() and n not in SEEDS[prefix]]
    assert [ln for ln in out.text.split("\n") if ln.strip()] == kept
    assert "boilerplate_guard" not in out.meta


def test_seed_000_keeps_headline_and_subheadings() -> None:
    out = run(sample("000"))
    lines = out.text.split("\n")
    assert lines[0] == "World News: Putin and Kim Jong Un Strange Bedfellows Meet Up"
    assert "Diplomatic Gain" in lines
    assert out.meta["bio"].startswith("Olivier Longhi has extensive experience")
    assert not out.text.endswith("\n\n")


def test_seed_001_author_to_meta() -> None:
    out = run(sample("001"))
    assert out.meta == {"author": "Editor"}
    assert "No, it didn’t collapse" in out.text and "“Half Alliance”" in out.text


def test_seed_002_keeps_what_next() -> None:
    assert "What subsequent?" in run(sample("002")).text  # the spun 'What next?' sub-heading


def test_seed_004_comments_are_64_of_76_lines() -> None:
    text = sample("004")
    out = run(text)
    assert len(removed_lines(text, out)) == 64
    assert out.text.endswith("yet to be fully understood.")  # no final newline, as in the input


def test_seeds_after_earlier_stages() -> None:
    """In the pipeline the stage sees text already through encoding and typography: same lines go."""
    from textmend.stages import encoding, typography

    for prefix, expected in SEEDS.items():
        text = sample(prefix)
        for stage in (encoding, typography):
            text = stage.apply(text, stage.Options()).text
        assert removed_lines(text, run(text)) == expected, prefix


# ---------------------------------------------------------------------------------------- golden cases


@pytest.mark.parametrize("case", case_params(cases("cases")))
def test_golden(case: dict[str, Any]) -> None:
    assert run(case["original"]).text == case["expected"]


@pytest.mark.parametrize("case", case_params(cases("negative")))
def test_negative_unchanged(case: dict[str, Any]) -> None:
    out = run(case["original"])
    assert out.text == case["original"], [(e.rule, e.before) for e in out.edits]


@pytest.mark.parametrize("case", case_params(load_cases("negative")))
def test_shared_negative_news_unchanged(case: dict[str, Any]) -> None:
    assert run(case["original"]).text == case["original"]


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, id=c["label"], marks=pytest.mark.xfail(strict=True, reason=c["comment"]))
        for c in cases("known_failures")
    ],
)
def test_known_failures(case: dict[str, Any]) -> None:
    assert run(case["original"]).text == case["expected"]


BODY = (
    "The council voted on Tuesday to close the old bridge to traffic for six weeks of work.\n"
    "Residents said the closure would add twenty minutes to their daily commute into town.\n"
)


def test_meta_author_date() -> None:
    head = "Bridge closes\nBy Maria Lopez\nPublished: March 3, 2024 10:12 AM EST\n"
    body = BODY
    out = run(head + body)
    assert out.meta == {"author": "Maria Lopez", "date": "March 3, 2024 10:12 AM EST"}


def test_meta_from_a_wordpress_post_header() -> None:
    """'Posted on DATE by NAME' gives both, the date as well as the author."""
    out = run("Bridge closes\nPosted on April 14, 2025 at 9:40 am by Lena Fischer\n" + BODY)
    assert out.meta == {"author": "Lena Fischer", "date": "April 14, 2025 at 9:40 am"}


def test_two_bylines() -> None:
    body = BODY
    out = run("by In the news\nby Dan Lucas\n" + body)
    assert out.meta["author"] == "In the news" and out.meta["authors"] == ["In the news", "Dan Lucas"]


# ----------------------------------------------------------------------------------------------- guard


def test_guard_keeps_document_whole() -> None:
    body = "The council voted on Tuesday to close the old bridge to traffic for six weeks of work.\n"
    text = body + "".join(f"Read more: Story number {k} about the bridge and the river\n" for k in range(12))
    out = run(text)
    assert out.text == text and out.edits == []
    assert "kept whole" in out.meta["boilerplate_guard"]
    # a looser guard lets it through
    assert run(text, max_removed_fraction=0.95).text == body


def test_disabled_family_and_rule() -> None:
    body = BODY
    text = "Bridge closes\n" + body + "Advertisement\nLeave a Reply\n"
    assert "Advertisement" in run(text, disabled=frozenset({"ad"})).text
    assert "Leave a Reply" in run(text, disabled=frozenset({"comments.reply_prompt"})).text
    assert run(text).text == "Bridge closes\n" + body


def test_comment_threads_option() -> None:
    text = sample("004")
    assert run(text, comment_threads=False).text == text


def test_blank_and_tiny_inputs() -> None:
    for text in ("", "\n", "\n\n\n", "Advertisement", "Advertisement\n", "\r\n"):
        run(text)
    out = run("Advertisement\n")  # nothing but boilerplate: the guard keeps it whole and says so
    assert out.text == "Advertisement\n" and "boilerplate_guard" in out.meta


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "",
                "Advertisement",
                "Share",
                "Twitter",
                "By Jane Doe",
                "Read more: Other story here now",
                "The council voted on Tuesday to close the old bridge to traffic for six weeks.",
                "Residents said the closure would add twenty minutes to their daily commute.",
                "March 3, 2024 at 10:12 am",
                "Subscribe to The Ledger",
                "Diplomatic Gain",
                "© 2024 Ledger",
            ]
        ),
        max_size=25,
    ),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_replay_property(lines: list[str], eol: str, final: bool) -> None:
    text = eol.join(lines) + (eol if final else "")
    out = run(text)
    if eol == "\r\n":
        assert "\n" not in out.text.replace("\r\n", "")


# ------------------------------------------------------------------------------------------ rule files


def rule_files() -> list[Any]:
    folder = rules_path("boilerplate")
    return sorted((p for p in folder.iterdir() if p.name.endswith(".rules")), key=lambda p: p.name)


@pytest.mark.parametrize("path", rule_files(), ids=lambda p: p.name)
def test_rule_file_header_names_source_and_licence(path: Any) -> None:
    header = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line.lower())
    text = " ".join(header)
    assert "source" in text and "licence" in text, path.name


def all_rules() -> list[boilerplate.Rule]:
    return list(boilerplate.ruleset().rules)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_rule_examples(rule: boilerplate.Rule) -> None:
    """Every rule has examples; each example is matched by that rule, each 'keep' line is not."""
    rs = boilerplate.ruleset()
    assert rule.examples and rule.source
    for example in rule.examples:
        if rule.where == "thread":
            hit = rs.thread_marker(boilerplate.normalize(example))
            assert hit is not None and hit.rule.id == rule.id, example
        else:
            assert rule.id in {h.rule.id for h in rs.match(boilerplate.normalize(example))}, example
    for keep in rule.keeps:
        if rule.where == "thread":
            hit = rs.thread_marker(boilerplate.normalize(keep))
            assert hit is None or hit.rule.id != rule.id, keep
        else:
            assert rule.id not in {h.rule.id for h in rs.match(boilerplate.normalize(keep))}, keep


def test_define_examples() -> None:
    """Macros (``match: define``) match their examples whole, and no start of their ``keep:`` lines."""
    folder = rules_path("boilerplate")
    raw = []
    for path in rule_files():
        raw.extend(
            boilerplate.parse_rule_file(
                read_rule_lines(path), family=boilerplate.rule_file_family(path.name), file=path.name
            )
        )
    defines = [r for r in boilerplate._expand(raw) if r.match == "define"]
    assert defines and folder
    for r in defines:
        for example in r.examples:
            assert re.fullmatch(r.pattern, example, re.IGNORECASE), (r.id, example)
        for keep in r.keeps:  # a define is tried as a look-ahead: from where it stands, to anywhere after
            assert not re.match(r.pattern, keep, re.IGNORECASE), (r.id, keep)


#: 81 words with no common prefix: a regex trying them all at the line start is costly to fail.
_WORDS = "|".join(a + b + "q" for a, b in itertools.product("cdefghjkl", repeat=2))


@pytest.mark.parametrize(
    ("pattern", "guard"),
    [
        (rf"^(?:(?:{_WORDS})\s*)?\d+$", r"\d"),
        (rf"^(?:(?:{_WORDS})\s*)?(?:\d{{4}}|\d\d?\.\d\d?\.\d\d)\s+\d\d?:\d\d$", r"{7}"),  # the fewest digits: 4 + 3
        (rf"^(?:(?:{_WORDS})\s+)?(?:by|von|por|par)\s+\w+$", "[bpv][aoy]"),
        (r"^(?:read more|see also|\[(?:ad)\])\s*:.*$", r"(?=(?i:[rs\[]))"),  # the first characters
        (r"^[A-Z][a-z]+ says:$", ""),  # a range: too wide to be worth it
        (rf"^(?:{_WORDS}|\w)?.*$", ""),  # nothing every match has
    ],
)
def test_guard(pattern: str, guard: str) -> None:
    """An alternative gets a lookahead for something every match contains: its first characters, or
    for one that is costly to fail (many words at the start) a digit or two letters in a row."""
    got = boilerplate._guard(pattern, re.IGNORECASE)
    assert (guard in got) if guard else got == ""


def test_guards_change_no_match() -> None:
    """With and without its guard, each guarded rule matches the same lines (its examples, its keep
    lines, the seeds' lines, a few made-up edge cases of case and digits)."""
    rs = boilerplate.ruleset()
    lines = [
        boilerplate.normalize(ln)
        for p in sorted((Path(__file__).parents[1] / "samples").glob("*.txt"))
        for ln in p.read_text(encoding="utf-8").splitlines()
    ]
    lines += [
        "BY Dan Lucas",
        "bY İlker Başbuğ",
        "Posted by X",
        "١٢/١١/٢٠١٩",
        "２０１９-１１-１９",
        "Nov. 19, 2019",
        "ſubscribe now",
        "\u212aeep reading",
        "",
        " ",
    ]
    guarded = 0
    for r in [*rs.main.rules, *rs.thread.rules]:
        flags = 0 if r.case_sensitive else re.IGNORECASE
        guard = boilerplate._guard(r.pattern, flags)
        if not guard:
            continue
        guarded += 1
        plain, with_guard = re.compile(r.pattern, flags), re.compile(guard + r.pattern, flags)
        for line in [*r.examples, *r.keeps, *lines]:
            assert bool(plain.match(line)) == bool(with_guard.match(line)), (r.id, line)
    assert guarded >= 2  # the date and byline rules


def test_structural_rule_ids_are_documented() -> None:
    """Rule ids made by the code (not the files) are named in docs/boilerplate.md."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "boilerplate.md").read_text(encoding="utf-8")
    for rid in (
        "teaser.kicker",
        "teaser.caps_headline",
        "teaser.doubled",
        "teaser.card",
        "teaser.headline_list",
        "comment_thread.thread",
        "comment_thread.single",
        "repeated.line",
        "repeated.headline",
        "repeated.copy",
        "page_furniture.region",
        "subscribe_block.cta_block",
        "byline.name_line",
        "teaser.score_widget",
        "repeated.pull_quote",
    ):
        assert rid in doc, rid


def write_rules(tmp_path: Path, body: str, name: str = "demo.rules") -> Path:
    folder = tmp_path / "boilerplate"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text("# test rules. source: test; licence: MIT\n" + body, encoding="utf-8")
    return folder


GOOD = "[demo.one]\nmatch: regex\nsource: test\npattern: ^hello$\nexample: hello\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[demo.one]\nmatch: regex\nsource: t\npattern: ^(a\nexample: a\n", "does not compile"),
        ("[demo.one]\nmatch: regex\nsource: t\npattern: ^(a|)b\nexample: b\n", "empty group"),
        ("[demo.one]\nmatch: regex\nsource: t\npattern: ^(a+)+b\nexample: ab\n", "nested quantifier"),
        ("[demo.one]\nmatch: regex\nsource: t\npattern: hello\nexample: hello\n", "anchored"),
        ("[demo.one]\nmatch: regex\nsource: t\npattern: ^hello$\n", "no 'example'"),
        ("[demo.one]\nmatch: regex\npattern: ^hello$\nexample: hello\n", "no 'source'"),
        (GOOD + GOOD.replace("hello", "bye"), "duplicate rule id"),
        ("[demo.one]\nmatch: line\nsource: t\nphrase: Share\nphrase: share.\nexample: Share\n", "listed twice"),
        ("[other.one]\nmatch: line\nsource: t\nphrase: x\nexample: x\n", "must be 'demo.name'"),
        ("[demo.one]\nmatch: regex\nsource: t\nwhere: nowhere\npattern: ^x$\nexample: x\n", "'where'"),
        ("match: regex\n", "must start with"),
        ("[demo.one]\nflavour: sweet\n", "expected 'key: value'"),
        ("[demo.one]\nmatch: regex\nsource: t\npattern: ^{{demo.nope}}$\nexample: x\n", "unknown macro"),
        ("", "no rules"),
    ],
)
def test_loader_errors_name_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    folder = write_rules(tmp_path, body)
    with pytest.raises(RuleError) as err:
        boilerplate.load_rules(folder)
    assert message in str(err.value)
    assert "demo.rules" in str(err.value)


def test_loader_reads_a_good_folder(tmp_path: Path) -> None:
    rs = boilerplate.load_rules(write_rules(tmp_path, GOOD))
    assert [h.rule.id for h in rs.match("hello")] == ["demo.one"]


def test_rules_load_lazily() -> None:
    import importlib

    sys.modules.pop("ahocorasick", None)
    importlib.reload(boilerplate)
    assert "ahocorasick" not in sys.modules  # nothing loaded at import
    boilerplate.apply("Advertisement\n", boilerplate.Options())
    assert "ahocorasick" in sys.modules


# -------------------------------------------------------------------------------------------- realnews


def realnews() -> dict[str, dict[str, Any]]:
    path = shared("realnews")
    docs = [
        json.loads(line) for f in sorted(path.glob("*.jsonl")) for line in f.read_text().splitlines() if line.strip()
    ]
    return {d["url"]: d for d in docs}


@pytest.mark.parametrize(
    ("host", "gone", "stays"),
    [
        (
            "vancouversun.com",
            [
                "CLICK HERE to report a typo.",
                "depenner@postmedia.com",
                "twitter.com/derrickpenner",
                "Is there more to this story?",
            ],
            ["Premier John Horgan promised"],
        ),
        (
            "chicagotribune.com",
            [
                "Copyright 2019 by Amy Dickinson",
                "Distributed by Tribune Content Agency",
                "READ MORE: You're ready",
                "Should significant others be excluded",
            ],
            ["— Upset Uncle", "Order and enjoy.", "Dear Amy: I was disgusted"],
        ),
        (
            "oregoncatalyst.com",
            ["by In the news", "by Dan Lucas", "To read more from Dan"],
            ["More laws are not the answer", "What did work?"],
        ),
        ("thelocal.de", ["Photo: DPA", "Story continues below", "The Local/DPA/hc"], ["Central Berlin will be turned"]),
        (
            "nbcnews.com",
            ["Play Facebook", "Google Plus", "Copy this code to your website", "Follow NBC News Latino"],
            ["HAVANA, Cuba"],
        ),
        (
            "theguardian.com",
            ["Jess Phillips and Gloria de Piero Read more", "Photograph: Imageplotter"],
            ["Jeremy Corbyn has been warned"],
        ),
        ("theatlantic.com", ["Read: Trump’s right-hand troll"], ["Not all that many high-ranking aides"]),
        ("slate.com", ["Win McNamee/Getty Images"], ["Undergraduate students at Georgetown"]),
        ("starpulse.com", [], ["5 (5) - Amber Holcomb", "Or maybe it's Amber, either way..."]),
        ("zdnet.com", [], ["Key points include:"]),
    ],
)
def test_realnews(host: str, gone: list[str], stays: list[str]) -> None:
    docs = [d for url, d in realnews().items() if host in url]
    assert docs, host
    text = docs[0]["text"]
    out = run(text)
    for g in gone:
        assert g in text and g not in out.text, g
    for s in stays:
        assert s in out.text, s


def test_realnews_author_meta() -> None:
    docs = [d for url, d in realnews().items() if "oregoncatalyst.com" in url]
    assert run(docs[0]["text"]).meta["author"] == "In the news"


# ----------------------------------------------------------------------------------------- scored gate

TOKEN = re.compile(r"\w+")


def prf(gold: str, pred: str) -> tuple[float, float, float]:
    g, p = Counter(TOKEN.findall(gold.lower())), Counter(TOKEN.findall(pred.lower()))
    common = sum((g & p).values())
    precision = common / max(1, sum(p.values()))
    recall = common / max(1, sum(g.values()))
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


@pytest.fixture(scope="module")
def aeb() -> list[dict[str, Any]]:
    path = shared("aeb", "aeb_pages_text.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


GATE = json.loads((BP / "gate.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("field", ["trafilatura_2_3_1_text", "fullpage_text_html_text"])
def test_aeb_gate(aeb: list[dict[str, Any]], field: str) -> None:
    """Mean F1 over the 181 pages, each half: never below the floors in gate.json (raise them, never lower)."""
    for half, start in (("even", 0), ("odd", 1)):
        scores = [prf(p["gold_article_body"], run(p[field] or "").text) for p in aeb[start::2]]
        mean = [sum(s[k] for s in scores) / len(scores) for k in range(3)]
        floor = GATE[field][half]
        assert mean[2] >= floor["f1"], (half, mean)
        assert mean[1] >= floor["recall"], (half, mean)


def test_aeb_gold_bodies_kept(aeb: list[dict[str, Any]]) -> None:
    total = kept = 0
    for p in aeb:
        gold = p["gold_article_body"]
        total += len(TOKEN.findall(gold))
        kept += len(TOKEN.findall(run(gold).text))
    assert kept / total >= GATE["gold_article_body"]["kept"]


def test_long_inputs_are_handled() -> None:
    """Pathological shapes (comment markers by the thousand, one huge line, menus) come out whole-line edits of
    the right kinds; how their time grows is measured by ``benchmarks/adversarial.py stages``, not here."""
    shapes = [
        BODY + "March 3, 2024 at 10:12 am\ncomment text here\n" * 20000,
        "March 3, 2024 at 10:12 am\n" * 20000,
        "word " * 400_000,
        "Home\nShare\n" * 50000,
    ]
    for text in shapes:
        run(text)


#: The article the probes stand in: a headline and three paragraphs.
PROBE_HEAD = "Council closes old bridge"
PROBE_PARAGRAPHS = (
    "The city council voted on Tuesday to close the old bridge to traffic while engineers inspect its frame.",
    "Residents said the closure would add twenty minutes to their commute, and shop owners feared a loss.",
    "The inspection is expected to take six weeks, after which the council will decide what to do.",
)


def probe_lines(name: str) -> list[str]:
    """The lines of a probe file in ``tests/data/boilerplate/`` (``#`` starts a comment line)."""
    text = (BP / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def doc(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_common_furniture_after_an_article() -> None:
    """Each line of ``furniture_probe.txt`` goes when it follows the article, and the article stays whole."""
    probes = probe_lines("furniture_probe.txt")
    assert len(probes) > 120
    article = doc(PROBE_HEAD, *PROBE_PARAGRAPHS)
    assert [x for x in probes if run(doc(PROBE_HEAD, *PROBE_PARAGRAPHS, x)).text != article] == []


def test_content_that_looks_like_furniture_stays() -> None:
    """Each line of ``content_probe.txt`` stays: under the headline, between two paragraphs of the
    article and after it."""
    lines = probe_lines("content_probe.txt")
    assert len(lines) > 20
    first, *rest = PROBE_PARAGRAPHS
    for line in lines:
        for text in (
            doc(PROBE_HEAD, line, *PROBE_PARAGRAPHS),
            doc(PROBE_HEAD, first, line, *rest),
            doc(PROBE_HEAD, *PROBE_PARAGRAPHS, line),
        ):
            assert run(text).text == text, line


def test_common_furniture_under_a_headline() -> None:
    """Each line of ``furniture_top_probe.txt`` goes when it stands between the headline and the article."""
    lines = probe_lines("furniture_top_probe.txt")
    assert len(lines) > 20
    article = doc(PROBE_HEAD, *PROBE_PARAGRAPHS)
    assert [x for x in lines if run(doc(PROBE_HEAD, x, *PROBE_PARAGRAPHS)).text != article] == []


# ------------------------------------------------------------------------------------- whole pages


def _bag(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def test_whole_pages_keep_the_article() -> None:
    """tests/data/boilerplate/pages: twelve whole pages flattened to text (menus, consent banners,
    footers; four languages) with their articles: every word of each article is kept (headline, lists,
    one-line paragraphs), and the furniture goes (bag-of-words precision, averaged, at least 0.96)."""
    pages = sorted((BP / "pages").glob("*.page.txt"))
    assert len(pages) == 12
    precision = []
    for page in pages:
        expected = _bag(page.with_name(page.name.replace(".page.", ".expected.")).read_text(encoding="utf-8"))
        got = _bag(run(page.read_text(encoding="utf-8")).text)
        common = sum((expected & got).values())
        assert common == sum(expected.values()), (page.name, expected - got)
        precision.append(common / sum(got.values()))
    assert sum(precision) / len(precision) >= 0.96, precision


SHORT_LINE_TRANSCRIPT = [
    "Transcript",
    "PAUL GREEN",
    "Ada, where were you that night?",
    "ADA MOSS",
    "At home. The phone rang at two.",
    "PAUL GREEN",
    "Who called?",
    "ADA MOSS",
    "The night nurse. She said the car park was a lake.",
    "PAUL GREEN",
    "And the patients?",
    "ADA MOSS",
    "Eleven of them. All out by four.",
]


#: The article of the short-line-body tests: a headline and two paragraphs.
BIRD_FLU_HEADLINE = "Bird flu found at three farms in the valley"
BIRD_FLU_PARAGRAPHS = [
    "The agriculture ministry said the outbreak was confirmed on Sunday night after tests at the national"
    " laboratory, and that the cull would begin on Tuesday morning.",
    "Farmers inside the zone must keep their birds housed and report any sudden deaths, officials said,"
    " adding that the risk to the public remained very low.",
]


def test_page_region_keeps_a_transcript_under_podcast_links() -> None:
    """A body of short lines (an interview transcript: names alone on a line, one-line questions and
    answers) under a standfirst and three podcast links: the densest run of prose is the standfirst, and
    the links are page furniture, but they do not license taking the transcript below them as well (it
    went whole before session 11).  The links and the tags at the end still go."""
    head = [
        "How a small-town clinic survived the flood",
        "The clinic's director on the night the river came in, and the months after it.",
        "In this episode, Paul Green talks to Ada Moss about the flood that closed the Harbour Street clinic"
        " for seven months last winter.",
    ]
    links = ["Listen on Apple Podcasts", "Listen on Spotify", "Subscribe to the show for new episodes every Tuesday"]
    tail = ["More episodes", "Tags: Health, Floods"]
    out = run(doc("Podcasts", *head, *links, *SHORT_LINE_TRANSCRIPT, *tail)).text
    assert out == doc(*head, *SHORT_LINE_TRANSCRIPT)


def test_page_region_keeps_short_lines_right_above_the_article() -> None:
    """A body of short lines right above the densest run of prose (a list of points printed without
    bullets over the article's paragraphs) is the article's top, not a menu: it stays, and so does the
    headline over the byline and the share buttons, found going up from the top of that list."""
    points = [
        "Three farms near Ollen tested positive",
        "About 180,000 birds will be culled",
        "A 10km control zone is in place",
        "No human cases have been reported",
        "Markets and shows are suspended",
    ]
    headline, paragraphs = BIRD_FLU_HEADLINE, BIRD_FLU_PARAGRAPHS
    page = doc(
        "News", "Explainers", headline, "By Greta Lund", "Updated 2 hours ago", "Share", "Facebook", "Email",
        *points, *paragraphs, "Tags", "Agriculture",
    )  # fmt: skip
    assert run(page).text == doc(headline, *points, *paragraphs)


def test_short_line_body_under_share_buttons_is_not_swept() -> None:
    """A poem under its introduction, an audio player and "Share": short lines after boilerplate below
    the article's last paragraph go with it (the sweep), but a body of short lines right under a few such
    lines is the article's -- lines ending in commas, lower-case continuations, four ending a sentence.
    The newsletter and tags under it still go."""
    head = [
        "A poet on the river that raised her",
        "The poet Lena Hart reads her new poem, written over one winter on the estuary, and talks about the"
        " town where she grew up.",
        "She says the poem began as a letter to her late father and became something else in the months after.",
    ]
    poem = [
        "Low Water",
        "The mud shines at four o'clock,",
        "the gulls go quiet,",
        "and the boats lean over",
        "like tired horses.",
        "My father knew the names",
        "of every one of them.",
        "I know the tide.",
        "It is enough.",
    ]
    page = doc(
        "Arts", *head, "Listen to this article", "4 min", "Share", *poem, "Sign up to our newsletter", "Tags: Poetry"
    )
    assert run(page).text == doc(*head, *poem)


def test_page_region_still_takes_menus_and_teasers_beside_the_article() -> None:
    """Precision for the two above: a menu of links in title case right above the article, and teaser
    headlines (no sentence among them) under share buttons below it, are page furniture as before."""
    headline, paragraphs = BIRD_FLU_HEADLINE, BIRD_FLU_PARAGRAPHS
    menu = ["Home", "World News", "Local News", "Business And Money", "Sport Results"]
    teasers = [
        "Farmers count the cost of last winter's outbreak",
        "How avian flu spreads between farms",
        "Egg prices rise for a third month",
        "Council votes to close the cattle market",
    ]
    page = doc(
        headline, "By Greta Lund", "Updated 2 hours ago", "Share", "Facebook", "Email", *menu, *paragraphs,
        "Share", "Facebook", "Email", *teasers, "Tags", "Agriculture",
    )  # fmt: skip
    assert run(page).text == doc(headline, *paragraphs)


# ------------------------------------------------------------------------------------- extracted text


bench = benchmark("boilerplate")  # the extracted sets' line scores (one definition of the numbers)


@pytest.mark.parametrize(
    "folder, name",
    [(folder, p.stem) for folder in bench.HELD_OUT for p in bench.extracted_articles(folder)],
)
def test_extracted_articles(folder: str, name: str) -> None:
    """tests/data/boilerplate/extracted, extracted2, timestamps, extracted3, extracted_pr, extracted4,
    shortlines, furniture5, furniture6 and lookalike13: 24, 20, 16, 20, 12, 18, 16, 12, 15 and 45 articles as an
    extractor hands them over (timestamps: live blogs, timelines and comment threads; extracted4: comment sections
    and bodies that look like threads; shortlines: bodies of short lines -- transcripts, Q&A, scores, results,
    recipes, lists, a poem; furniture5: section kickers, audio players, show notes, donation pitches, tip lines;
    furniture6: price-led membership pitches, bare "Listen" and "Join today", score widgets, date lines,
    archive, correction, translation and AI notes, image credits, tags; lookalike13: no furniture, body lines in
    furniture's words), with their expected text.  The furniture left and the article lines lost are exactly
    the article's entry in the folder's ``known_misses.json`` ("left", "lost"): every other expected line is
    kept and every other line of furniture goes, and a fix (or a new loss) is noticed.  Eight, six, five, eight,
    four, six, six, four, five and fifteen of the articles were held out of the work on the stage (README.md
    there); their misses were recorded once it was done.  ``python benchmarks/boilerplate.py --extracted``
    prints the scores."""
    path = BP / folder / f"{name}.txt"
    expected = bench.line_bag((BP / folder / f"{name}.expected.txt").read_text(encoding="utf-8"))
    assert not expected - bench.line_bag(path.read_text(encoding="utf-8"))  # the input with lines taken out
    run(path.read_text(encoding="utf-8"))  # the edits replay, in order, whole lines
    misses = bench.extracted_misses(path, boilerplate.Options())
    known = json.loads((BP / folder / "known_misses.json").read_text(encoding="utf-8"))[name]
    assert sorted(misses["lost"].elements()) == sorted(known["lost"]), "article lines lost"
    assert sorted(misses["left"].elements()) == sorted(known["left"]), "furniture left"


#: tests/data/boilerplate/lookalike13's held-out articles that the stage still changes, with the reason
#: (recorded once the session's work on the rules was done; never mended from): strict xfails.  None at
#: the end of session 13 (main had removed 2 of their 162 lines).
LOOKALIKE_HELD_OUT_LOSSES: dict[str, str] = {}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            p.stem,
            marks=[pytest.mark.xfail(strict=True, reason=LOOKALIKE_HELD_OUT_LOSSES[p.stem])]
            if p.stem in LOOKALIKE_HELD_OUT_LOSSES
            else [],
        )
        for p in bench.extracted_articles("lookalike13")
    ],
)
def test_lookalike_articles_unchanged(name: str) -> None:
    """tests/data/boilerplate/lookalike13 (session 13): 45 articles with no furniture whose body lines use
    furniture's words in their ordinary sense -- a call to subscribe or donate quoted with its speaker, a
    reprint credit described, a sponsor read out on a podcast, 'Reporting by X ... led to', results,
    one-line paragraphs.  Each comes out of the stage exactly as it went in (byte for byte)."""
    text = (BP / "lookalike13" / f"{name}.txt").read_text(encoding="utf-8")
    out = run(text)
    assert out.text == text, [(e.rule, e.before) for e in out.edits]


@pytest.mark.parametrize("end", ["", "\n", "\r\n"])
def test_removed_tail_keeps_the_final_newline_as_it_was(end: str) -> None:
    kept = "Headline of the piece\n\nA real paragraph of the article, long enough to read as its prose body."
    text = kept.replace("\n", end or "\n") + (end or "\n") * 2 + "Share this article" + end
    out = run(text)
    assert out.text == kept.replace("\n", end or "\n") + end


# The comment-marker hint as it was written before it was spelled out one literal first character per
# alternative (session 10, for speed): both must find a hint in the same lines.
_MARKER_HINT_AS_WRITTEN = re.compile(
    r"[0-9]|[sS]a(?:ys|id)|[wW]r(?:ote|ites)|[rR](?:ep|esp|isp)|[aA](?:ntw|go\b)|di(?:ce|sse)|schreibt|écrit"
    r"|[vV]or |[hH]ace |[hH]á |il y a "
)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="0789sSaAyYidwWroteRpnguvVhHcéb á lIL.,x\n", max_size=16) | st.text(max_size=16))
def test_marker_hint_finds_what_it_did(line: str) -> None:
    assert (boilerplate._MARKER_HINT.search(line) is None) == (_MARKER_HINT_AS_WRITTEN.search(line) is None)


def test_marker_hint_words() -> None:
    for line in ("John says:", "Mary wrote", "Reply", "2 hours ago", "Antworten", "il y a 3 jours", "Hace 2 horas"):
        assert boilerplate._MARKER_HINT.search(line), line
    for line in ("Agony", "SAYS", "Share this", "Wrap up"):
        assert not boilerplate._MARKER_HINT.search(line), line


# Session 11 (tests/data/boilerplate/extracted4): comment threads of one comment, the first comment under
# a thread's header, and the markers comment widgets print.
_ARTICLE = (
    "Council to close Old Mill bridge for six months\n"
    "The council will close the Old Mill bridge to traffic for six months from January while engineers replace it.\n"
    "Drivers will be diverted through Harlan Street, adding about ten minutes to the trip at peak times.\n"
    "The bridge carries about 9,000 vehicles a day and was last repaired in 1998.\n"
)
_COMMENT = (
    "I drive over that bridge twice a day and the diversion through Harlan Street is going to be a nightmare "
    "with the school run, why can't they do it over the summer holidays instead?"
)
_COMMENT2 = "They said the same thing in 1998 and it took a year, so do not believe the six months they promise."


@pytest.mark.parametrize(
    "thread",
    [
        f"1 comment\nSort by\nTop\nGary Wendt\n{_COMMENT}\nLike · Reply · 3d\n",  # Facebook's plugin
        f"Comments\nJaneD\n2 hours ago\n{_COMMENT}\nReply\n",
        f"Comments (1)\nBrackwell Mum — 24 Nov 2026, 08:12\n{_COMMENT}\nReply\n",
        f"1 Comment\nJ\nJeffInSpringfield\n3h\n{_COMMENT}\nReply\nUpvote 14\nDownvote\nShare\n",  # OpenWeb
        f"Comments\nAvatar\nLorraine Budd\nNovember 21, 2026 at 10:04 am\n{_COMMENT}\nReply\n",
        f"Join the conversation\nHarold P.\nYesterday at 9:14 PM\n{_COMMENT}\nReply\n",
    ],
)
def test_single_comment_under_a_thread_header(thread: str) -> None:
    """A thread of one comment: one marker under a thread's header goes, from the header to the comment's
    last action line (a thread needed two markers before session 11)."""
    out = run(_ARTICLE + thread)
    assert out.text == _ARTICLE
    assert "comment_thread.single" in {e.rule for e in out.edits}


def test_single_comment_needs_a_header_and_its_end() -> None:
    """A lone timestamp with no thread header above it stays, and so does a comment whose text runs on
    with no action line under it: not sure where it ends."""
    lone = _ARTICLE + "Jane Doe\n2 hours ago\n" + _COMMENT + "\nReply\n"
    assert "comment_thread.single" not in {e.rule for e in run(lone).edits}
    long_text = "\n".join(f"Paragraph {n} of the council's notice, read out at the meeting in full." for n in range(14))
    runs_on = _ARTICLE + "Comments\nJaneD\n2 hours ago\n" + long_text + "\n"
    assert long_text in run(runs_on).text


def test_thread_starts_under_its_header() -> None:
    """The first comment's avatar initial and a commenter's handle under the header go with the thread
    (the name over the first timestamp is not a capitalised name: "sandra_k" over the second)."""
    thread = (
        "Join the conversation\nSort by: Newest\nH\nharold_p\n4 hours ago\n" + _COMMENT + "\nLike\nReply\nReport\n"
        "S\nsandra_k\n6 hours ago\n" + _COMMENT2 + "\nLike\nReply\nReport\n"
    )
    assert run(_ARTICLE + thread).text == _ARTICLE


def test_facebook_first_comment_over_its_marker() -> None:
    """Facebook's layout puts a comment's age under its text ("Gary Wendt" / text / "Like" / "Reply" /
    "2h"): with no header above, the thread starts at the first commenter's name."""
    thread = (
        "Top fan\nGary Wendt\n" + _COMMENT + "\nLike\nReply\n2h\n"
        "Jo Parris\n" + _COMMENT2 + "\nLike\nReply\n1h\nView 4 more replies\nFacebook Comments Plugin\n"
    )
    assert run(_ARTICLE + thread).text == _ARTICLE


def test_thread_run_ends_at_a_header() -> None:
    """A live page's relative entry times over a comment widget: the "3 comments" header ends the run, so
    the entries stay (a live page's; their relative times go as datelines) and the widget goes."""
    entries = "".join(
        f"{n}h ago\nUpdate {n}: the ferry operator said crossings would stay cancelled until further notice.\n"
        for n in (1, 2, 3)
    )
    thread = (
        "3 comments\nFiona Mackay\nPay the crews what they're worth.\nLike · Reply · 2h\n"
        "Alan Tulloch\nThe islands can't take another week of this.\nLike · Reply · 1h\n"
    )
    kept = "".join(line + "\n" for line in entries.splitlines() if not line.endswith(" ago"))
    assert run(_ARTICLE + entries + thread).text == _ARTICLE + kept


@pytest.mark.parametrize(
    "line, marker",
    [
        ("Yesterday at 9:14 PM", "comment_thread.day_time"),
        ("3d", "comment_thread.age"),
        ("· 5 hr. ago", "comment_thread.ago"),
        ("Like · Reply · 2h", "comment_thread.actions_age"),
        ("3D", None),
        ("Yesterday at 9:14 PM the first post appeared.", None),
    ],
)
def test_comment_widget_markers(line: str, marker: str | None) -> None:
    hit = boilerplate.ruleset().thread_marker(boilerplate.normalize(line))
    assert (hit.rule.id if hit else None) == marker


@pytest.mark.parametrize(
    "line",
    [
        "Commenting is closed",
        "Comments have been disabled for this article.",
        "This discussion is now closed for comments but you can still sign in to join the discussion next time",
        "Conversations are opinions of our readers and are subject to the Community Guidelines.",
        "or sign up with Disqus",
        "Continue this thread",
        "sorted by: best",
        "View 3 more replies",
        "Powered by OpenWeb",
        "Discussion",
        "Oldest",
        "Top fan",
        "Avatar photo",
    ],
)
def test_comment_section_furniture(line: str) -> None:
    """A comment section's notices, buttons and labels, under the article beside other furniture: where a
    page printed no comment, they are the section's only trace (session 11)."""
    assert run(_ARTICLE + "Leave a Reply\n" + line + "\n").text == _ARTICLE


def test_comment_section_words_in_the_article_stay() -> None:
    text = _ARTICLE.replace(
        "The bridge carries", "Comments on the plan closed on Friday, the council said.\nDiscussion\nThe bridge carries"
    )
    assert run(text).text == text


# ---------------------------------------------------------------- session 12: tests/data/e2e5's page furniture

_COLUMN = (
    "Cutting library hours is the most expensive saving a city can make\n"
    "Every budget season, someone at City Hall proposes closing the branch libraries on Sunday afternoons.\n"
    "This year the draft budget would close all six branches on Sundays and Mondays to save $1.2 million.\n"
    "The council votes on the budget in May, and members say they read every email they are sent.\n"
)


@pytest.mark.parametrize("label", ["Opinion | Grace Okafor", "Comment | Ruth Calder", "Guest column · Sam Reid"])
def test_opinion_label_with_the_columnist_above_or_under_the_headline(label: str) -> None:
    """'Opinion | NAME' (no 'By'): the columnist's byline, above the headline or under it, and the author."""
    head, body = _COLUMN.split("\n", 1)
    for text in (label + "\n" + _COLUMN, head + "\n" + label + "\n" + body):
        out = run(text)
        assert out.text == _COLUMN
        assert out.meta["author"] == label.split(" ", 2)[-1].lstrip("|· ")


@pytest.mark.parametrize("headline", ["Opinion | Why councils must act", "Analysis | Labour Must Act Now"])
def test_an_opinion_headline_with_a_bar_stays(headline: str) -> None:
    text = headline + "\n" + _COLUMN.split("\n", 1)[1]
    assert run(text).text == text


def test_bio_of_the_byline_author_whatever_their_trade() -> None:
    """'NAME is a children's librarian at ...' under the article goes when NAME is the byline's author; the
    same line about someone else stays (bio.is_a_writer knows writers' trades only)."""
    bio = "Grace Okafor is a children's librarian at the Eastfield branch of the Harmon Public Library.\n"
    head, body = _COLUMN.split("\n", 1)
    out = run(f"{head}\nOpinion | Grace Okafor\n{body}{bio}")
    assert out.text == _COLUMN and out.meta["bio"] == bio.strip()
    other = f"{head}\nOpinion | Sam Reid\n{body}{bio}"
    assert run(other).text == _COLUMN + bio


_MATCH = (
    "Hawks hold off Dunmore to go top of the table\n"
    "By Callum Reid at Oakfield Park\n"
    "Harlow Hawks moved to the top of the table with a hard-fought 27-19 win over Dunmore on Saturday.\n"
    "The home side led 20-5 at half-time after tries from their winger and their captain.\n"
    "Dunmore came back strongly after the break but ran out of time to find a winning score.\n"
)


def test_results_widget_above_a_match_report() -> None:
    """A results widget above the headline (competition, 'FT', one team and its score to a line, a label)
    goes; the headline and the report stay."""
    widget = "Premiership Women's Rugby\nFT\nHarlow Hawks 27\nDunmore 19\nFull-time report\n"
    assert run(widget + _MATCH).text == _MATCH.replace("By Callum Reid at Oakfield Park\n", "")


@pytest.mark.parametrize("line", ["Harlow Town 2-1 Ashby United", "Episode 214", "Chapter 3\nPart 2"])
def test_a_score_sub_heading_or_a_part_number_stays(line: str) -> None:
    """Both teams and the score on one line under a headline is the report's sub-heading; a lone 'Team N'
    or a part number is not a widget (two score lines in a row are)."""
    head, body = _MATCH.split("\n", 1)
    text = f"{head}\n{line}\n{body}"
    assert line in run(text).text


def test_score_lines_with_no_article_stay() -> None:
    text = "Premiership results\nHarlow Hawks 27\nDunmore 19\nKelby 31\nMarston Vale 12\n"
    assert run(text).text == text


def test_long_read_label_over_the_headline_lets_the_byline_under_the_standfirst_go() -> None:
    """'The Long Read' over a headline and standfirst: a section label, so the byline and date under the
    standfirst are above the article, where bylines go."""
    text = (
        "The Long Read\n"
        "The last ferryman of the Severn marshes\n"
        "For 300 years a family rowed people across the river at Ashlock. Then the bridge came.\n"
        "By Orla Quinn\n"
        "Sunday 8 March 2026\n"
        "Tom Haddow is 81 and he still rows the ferry every Saturday morning, whether or not anyone wants to cross.\n"
        "The boat is a clinker-built skiff, painted the same green his grandfather chose in 1931.\n"
    )
    out = run(text)
    assert out.text == text.replace("The Long Read\n", "").replace("By Orla Quinn\nSunday 8 March 2026\n", "")
    assert out.meta["author"] == "Orla Quinn"


def test_regional_masthead_and_section_path_over_an_agency_story() -> None:
    """A paper's name in capitals on the first line and a section's slash path under it go; the agency's
    headline and its dateline stay."""
    story = (
        "Rail fares to rise by 4.1% in March, operators confirm\n"
        "LONDON (NPA) – Regulated rail fares in England will rise by 4.1% from 29 March, the industry body said.\n"
        "The rise covers season tickets and most off-peak returns, and was set by the government in July.\n"
    )
    assert run("THE HARBOUR GAZETTE\nNews / National\n" + story).text == story
    titled = "The Harbour Gazette wins regional paper of the year\n" + story.split("\n", 1)[1]
    assert run(titled).text == titled


_ADVICE = (
    "Ask Ruth: my neighbour's extension blocks the light to my kitchen, what can I do?\n"
    "Q. My neighbour is building a two-storey extension and my kitchen is dark even at midday. Elaine, Dorchester\n"
    "A. I am sorry to hear this, Elaine; losing light in a room you use every day is miserable.\n"
    "First, check the planning permission yourself: every application is on the council's website.\n"
)


def test_a_column_name_over_a_headline_that_opens_with_it_goes() -> None:
    """'Ask Ruth' over 'Ask Ruth: ...': the column's name printed as a kicker (session 13, e2e6 dev 11); a
    one-word headline over a standfirst that opens with it, or a kicker the headline does not repeat, stays."""
    out = run("Ask Ruth\n" + _ADVICE)
    assert out.text == _ADVICE and [e.rule for e in out.edits] == ["repeated.kicker"]
    other = "Dear Mara\n" + _ADVICE
    assert run(other).text == other
    short = "Brexit\nBrexit: what it means\nThe vote was close, and the count went on until the early hours.\n"
    assert run(short).text == short


_REVIEW = (
    "Volta Ridge 2 review: a folding e-bike that is fun to ride but hard to carry\n"
    "The second Ridge fixes the first one's weak brakes and adds a bigger battery, but it is heavy.\n"
    "On the road it is a joy. The 250W rear hub motor pulls smoothly from the lights, even in the wet.\n"
    "The problem is the weight. Lifting 19.8kg on to a train or up three flights of stairs is hard work.\n"
)


def test_a_price_row_of_a_spec_box_stays_and_a_price_line_goes() -> None:
    """'Price: £1,499' under 'Weight: 19.8kg' is a row of the review's spec box (session 13, e2e6 dev 05); the
    same line alone under the standfirst is the review's price line (metadata.price)."""
    box = "Specifications\nMotor: 250W rear hub\nWeight: 19.8kg\nPrice: £1,499\n"
    text = _REVIEW + box + "Verdict\nA fine folding e-bike for riders who rarely need to carry it.\n"
    assert run(text).text == text
    head, rest = _REVIEW.split("\n", 1)
    alone = f"{head}\nPrice: £1,499\n{rest}"
    assert run(alone).text == _REVIEW


def test_a_chart_left_as_lines_goes_with_its_source() -> None:
    """A chart's title, its source line and its buttons go (session 13, e2e6 dev 09); a 'Source:' line that
    is no chart's, in the middle of the article, stays."""
    story = (
        "Inflation falls to 2.9% as food prices ease\n"
        "UK inflation fell to 2.9% in the 12 months to October, down from 3.2% in September, the ONS said.\n"
        "It is the lowest rate since March and slightly below the 3.0% that economists had expected.\n"
        "Food and drink prices rose by 3.4% over the year, compared with 4.1% the month before.\n"
    )
    head, first, rest = story.split("\n", 2)
    chart = "Chart: UK inflation, annual rate, %\nSource: ONS\nShare this chart\nDownload data\n"
    assert run(f"{head}\n{first}\n{chart}{rest}").text == story
    quoted = f"{head}\n{first}\nSource: a senior official who asked not to be named\n{rest}"
    assert run(quoted).text == quoted


def test_a_standfirst_over_a_rating_byline_and_ticket_button_stays() -> None:
    """A theatre review's standfirst between its star line and its byline, date and ticket button stays when
    the lines around it go as page furniture (session 13, e2e6 dev 07)."""
    body = (
        "Chekhov called The Cherry Orchard a comedy, and the best productions find the laughter in a family that"
        " talks while its world is sold from under it.\n"
        "Imogen Hale's staging at the Lantern looks beautiful, and the light changes from spring white to autumn"
        " gold across the four acts.\n"
    )
    head = "The Cherry Orchard, Lantern Theatre, Harrowgate review – a fine cast in a cold production\n"
    standfirst = "Maya Okonjo's Ranevskaya is the reason to see Imogen Hale's handsome but chilly revival.\n"
    furniture = "Clare Winslow\nWed 4 Mar 2026 16.30 GMT\nBook tickets for The Cherry Orchard\n"
    out = run("Theatre\n" + head + "★★★☆☆\n" + standfirst + furniture + body)
    assert out.text == head + standfirst + body


# Session 13 (tests/data/boilerplate/furniture6): a one-line score widget over the headline, a bare "Listen"
# button, a blog platform's author row, and their look-alikes.
_REPORT = (
    "Mbeki's late header settles a scrappy derby at the Mill\n"
    "By Duncan Frayne\n"
    "Halden Rovers ended a run of seven home games without a win as Samuel Mbeki's late header beat Corby.\n"
    "Rovers had led 1-0 at half-time through a Kieran Oduya penalty, but Athletic drew level on the hour.\n"
    "The win lifts Rovers to 14th, three points clear of the relegation places.\n"
)  # fmt: skip


@pytest.mark.parametrize("widget", ["Football\nRovers 2 Athletic 1\n", "FT: Halden Rovers 2-1 Corby Athletic\n",
                                    "Full-time: Harwick Town 0-3 Elmsford United\n"])  # fmt: skip
def test_score_line_over_the_headline_goes(widget: str) -> None:
    assert run(widget + _REPORT).text == _REPORT.replace("By Duncan Frayne\n", "")


def test_score_lines_that_are_the_story_stay() -> None:
    """A bare score on the first line is the headline; under the headline it is the report's sub-heading; a live
    page's 'FT: ...' entry at its top, under its headline and over the entries, is the page's."""
    headline = "Rovers 2 Athletic 1\nMbeki's late header settles a scrappy derby\n" + _REPORT.split("\n", 1)[1]
    assert run(headline).text == headline.replace("By Duncan Frayne\n", "")
    sub = _REPORT.replace("\nBy", "\nHalden Rovers 2-1 Corby Athletic\nBy", 1)
    assert run(sub).text == sub.replace("By Duncan Frayne\n", "")
    live = (
        "Harbour City v Kestrel Rovers: live updates\n"
        "FT: Harbour City 2-1 Kestrel Rovers\n"
        "That's it, the final whistle goes and Harbour City have won their first derby in four years.\n"
        "Kestrel Rovers threw everyone forward for a late corner, but the goalkeeper punched clear.\n"
    )
    assert run(live).text == live
    part = "Season 2 Episode 4\n" + _REPORT  # a part number over a headline is no score
    assert run(part).text == part.replace("By Duncan Frayne\n", "")


def test_listen_button_goes_and_listen_sub_heading_stays() -> None:
    body = (
        "Volunteers at the Oxley helpline are told to let callers speak for as long as they need, a trainer said.\n"
        "Ask\n"
        "Volunteers are taught to ask open questions, and to ask directly about suicide when they are worried.\n"
    )
    head = "How to support a friend in crisis\nBy Kit Amberley\n24 November 2026\n"
    assert run(head + "Listen\n" + body).text == "How to support a friend in crisis\nListen\n" + body
    assert run("Listen\nCulture\n" + head + body).text == "How to support a friend in crisis\n" + body
    assert run(head + body + "Listen\nShare\n").text == "How to support a friend in crisis\n" + body


def test_blog_author_row_goes_with_its_follow_button() -> None:
    body = (
        "When Dolores Pickard opened Spindle Records on Canal Street in 1985, there were four other record shops.\n"
        "Now there are none, and Spindle is busier than it has been for twenty years, she says.\n"
    )
    text = "Why our town's last record shop is still going\nTobias Wren\nFollow\n6 min read · Mar 4\nShare\n" + body
    assert run(text).text == "Why our town's last record shop is still going\n" + body


def test_price_pitch_goes_and_prices_in_the_story_stay() -> None:
    body = (
        "The Brackmoor Leisure Trust will cut its monthly membership by £4 from January after losing members.\n"
        "For just £5 a month, residents can hire an electric bike from the council's new scheme.\n"
        "It costs less than a coffee a day, and we still think it is good value, the trust's chief executive said.\n"
        "For just £10 a month you get unlimited swims and classes at the three centres.\n"
    )
    pitch = "For just £5 a month you can help keep the Brackmoor Courier independent and free to read.\nJoin today\n"
    text = "Leisure trust cuts prices\n" + body
    assert run(text).text == text
    assert run(text + pitch).text == text
