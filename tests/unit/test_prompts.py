"""The built-in icebreaker prompts: enough of them, both languages, safe topics, and a loader that names mistakes."""
import json
import re

import pytest

from teamplay.content import ContentError
from teamplay.content import prompts as packs
from teamplay.game.activities.choices import pick_unused

ALL = [(kind, item) for kind in packs.KINDS for item in packs.prompt_pack(kind)]
# Topics a workplace icebreaker leaves alone by default: health, politics, religion, family status, money, looks.
OFF_LIMITS = re.compile(
    r"\b(religio\w*|church|pray\w*|politic\w*|elections?|married|wife|husband|boyfriend|girlfriend|children|kids|"
    r"pregnan\w*|health\w*|sick\w*|illness|diet\w*|weight|salary|salaries|religión|iglesia|polític\w*|casad[oa]s?|"
    r"esposa|esposo|novi[oa]s?|hijos?|embaraz\w*|salud|enferm\w*|dieta|peso|sueldo|salario)\b",
    re.IGNORECASE,
)


def texts(item):
    return [value for lang in ("en", "es") for value in item[lang].values()]


def test_there_are_over_two_hundred_prompts_across_the_kinds():
    counts = {kind: len(packs.prompt_pack(kind)) for kind in packs.KINDS}
    assert sum(counts.values()) >= 200, counts
    assert all(count >= 15 for count in counts.values()), counts


def test_open_questions_come_at_three_depths():
    assert {depth: len(packs.prompts("open_question", depth=depth)) for depth in packs.DEPTHS} == {
        "light": 20, "medium": 20, "deeper": 20}


@pytest.mark.parametrize("kind,item", ALL, ids=[item["id"] for _, item in ALL])
def test_every_prompt_is_in_english_and_spanish_and_stays_off_private_topics(kind, item):
    assert item["en"].keys() == item["es"].keys()
    assert item["en"] != item["es"]
    assert item["id"].startswith(packs.PREFIXES[kind] + "-")
    for value in texts(item):
        assert not OFF_LIMITS.search(value), value


def test_ids_are_unique_within_each_kind():
    for kind in packs.KINDS:
        ids = [item["id"] for item in packs.prompt_pack(kind)]
        assert len(ids) == len(set(ids)), kind


def test_lookups_and_localised_text():
    item = packs.prompt("open_question", "oq-41")
    assert item["depth"] == "deeper"
    spanish = packs.localised(item, "es")
    assert spanish["prompt"].startswith("¿") and spanish["id"] == "oq-41" and spanish["depth"] == "deeper"
    assert packs.localised(item, "fr")["prompt"] == item["en"]["prompt"]
    assert packs.prompt("open_question", "oq-999") is None and packs.prompt("nope", "oq-01") is None


def test_a_shuffled_prompt_is_one_the_room_has_not_seen_while_unseen_ones_remain():
    pool = packs.prompts("open_question", depth="deeper")
    used = {item["id"] for item in pool[:-1]}
    assert pick_unused(pool, used)["id"] == pool[-1]["id"]
    assert pick_unused(pool, {item["id"] for item in pool})["id"] in {item["id"] for item in pool}


def test_the_catalogue_counts_each_kind_by_depth_and_category():
    summary = packs.catalogue()
    assert summary["open_question"]["depths"] == {"light": 20, "medium": 20, "deeper": 20}
    assert sum(summary["hot_seat"]["categories"].values()) == summary["hot_seat"]["total"]


@pytest.mark.parametrize("breakage,problem", [
    (lambda pack: pack["prompts"][1].update(id="tt-01"), "Prompt ids must be unique"),
    (lambda pack: pack["prompts"][2]["es"].pop("b"), "prompts.2.es.b"),
    (lambda pack: pack["prompts"][3].update(depth="deepest"), "prompts.3.depth"),
    (lambda pack: pack["prompts"][4]["en"].update(a="Same", b="same"), "prompts.4.en.b"),
    (lambda pack: pack.update(kind="word_cloud"), "kind"),
])
def test_a_broken_pack_file_is_refused_naming_the_file_the_prompt_and_the_field(tmp_path, breakage, problem):
    pack = json.loads((packs.DIRECTORY / "this_or_that.json").read_text(encoding="utf-8"))
    breakage(pack)
    (tmp_path / "this_or_that.json").write_text(json.dumps(pack), encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        packs.load_pack("this_or_that", tmp_path)
    assert "this_or_that.json" in str(refused.value) and problem in str(refused.value)
