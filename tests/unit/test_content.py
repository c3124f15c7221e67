"""The built-in content packs: their size, both languages, the format rules, the lookups and the validation."""
import copy
import json
import re
from collections import Counter

import pytest

from teamplay import content
from teamplay.content import ContentError, ScenarioPackSchema, TriviaPackSchema, load_pack_file

PACKS = content.trivia_packs()
QUESTIONS = [question for pack in PACKS for question in pack["questions"]]
SCENARIOS = content.scenario_pack()["scenarios"]
PREFIXES = {"customer_service": "cs", "contact_centre": "cc", "general_fun": "gf"}


def texts(item):
    return [item[lang] for lang in content.LANGUAGES]


# The shipped packs


def test_trivia_packs_come_in_a_stable_order():
    assert [pack["id"] for pack in PACKS] == ["customer_service", "contact_centre", "general_fun"]
    assert content.trivia_packs() == PACKS


def test_trivia_packs_hold_at_least_sixty_questions_in_both_languages():
    assert len(QUESTIONS) >= 60
    for question in QUESTIONS:
        for text in texts(question):
            assert text["question"].strip() and all(option.strip() for option in text["options"])


@pytest.mark.parametrize("pack", PACKS, ids=lambda pack: pack["id"])
def test_each_trivia_pack_has_at_least_twenty_five_questions_and_a_title_in_both_languages(pack):
    assert len(pack["questions"]) >= 25
    for field in ("title", "description"):
        assert all(text.strip() for text in texts(pack[field]))


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question["id"])
def test_every_question_keeps_to_the_length_limits_with_distinct_options(question):
    for text in texts(question):
        assert 1 <= len(text["question"]) <= 200
        assert 3 <= len(text["options"]) <= 4
        assert all(1 <= len(option) <= 60 for option in text["options"])
        assert len({option.casefold() for option in text["options"]}) == len(text["options"])


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question["id"])
def test_the_correct_index_points_at_an_option_in_both_languages(question):
    en, es = texts(question)
    assert len(en["options"]) == len(es["options"])
    assert isinstance(question["correct"], int) and 0 <= question["correct"] < len(en["options"])


@pytest.mark.parametrize("pack", PACKS, ids=lambda pack: pack["id"])
def test_no_option_position_holds_more_than_forty_percent_of_a_packs_answers(pack):
    spread = Counter(question["correct"] for question in pack["questions"])
    assert max(spread.values()) <= 0.4 * len(pack["questions"]), spread


def test_question_ids_are_unique_across_packs_and_carry_the_packs_prefix():
    ids = [question["id"] for question in QUESTIONS]
    assert len(set(ids)) == len(ids)
    for pack in PACKS:
        for question in pack["questions"]:
            assert re.fullmatch(rf"{PREFIXES[pack['id']]}-\d{{2,3}}", question["id"])


def test_spanish_questions_open_the_question_marks_they_close():
    for question in QUESTIONS:
        spanish = question["es"]["question"]
        assert spanish.count("¿") == spanish.count("?"), question["id"]


def test_the_scenario_pack_holds_at_least_twenty_scenarios_in_both_languages():
    pack = content.scenario_pack()
    assert pack["id"] == "customer_scenarios"
    assert all(text.strip() for text in texts(pack["title"]))
    assert len(SCENARIOS) >= 20


@pytest.mark.parametrize("item", SCENARIOS, ids=lambda item: item["id"])
def test_every_scenario_keeps_to_the_length_limits(item):
    for text in texts(item):
        assert 1 <= len(text["title"]) <= 60
        assert 40 <= len(text["situation"]) <= 360
        assert 1 <= len(text["tip"]) <= 160


def test_scenario_ids_are_unique_and_numbered():
    ids = [item["id"] for item in SCENARIOS]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"sc-\d{2,3}", sid) for sid in ids)


# Lookups


def test_lookups_find_packs_questions_and_scenarios_by_id():
    assert content.trivia_pack("contact_centre")["id"] == "contact_centre"
    assert content.trivia_question("customer_service", "cs-01")["id"] == "cs-01"
    assert content.scenario("sc-01")["id"] == "sc-01"


@pytest.mark.parametrize(
    "lookup",
    [
        lambda: content.trivia_pack("no_such_pack"),
        lambda: content.trivia_pack(None),
        lambda: content.trivia_pack(["customer_service"]),
        lambda: content.trivia_question("no_such_pack", "cs-01"),
        lambda: content.trivia_question("customer_service", "cc-01"),
        lambda: content.trivia_question("customer_service", "cs-999"),
        lambda: content.scenario("sc-999"),
        lambda: content.scenario(None),
    ],
)
def test_unknown_ids_return_none(lookup):
    assert lookup() is None


def test_changing_what_a_lookup_returned_leaves_the_content_alone():
    content.trivia_pack("general_fun")["questions"].clear()
    content.trivia_question("general_fun", "gf-01")["en"]["options"].append("Pluto")
    content.scenario_pack()["scenarios"].clear()
    assert len(content.trivia_pack("general_fun")["questions"]) == len(PACKS[2]["questions"])
    assert content.trivia_question("general_fun", "gf-01") == PACKS[2]["questions"][0]
    assert len(content.scenario_pack()["scenarios"]) == len(SCENARIOS)


def test_localised_picks_the_language_and_falls_back_to_english():
    item = {"en": "Hello", "es": "Hola"}
    assert content.localised(item, "es") == "Hola"
    assert content.localised(item, "en") == "Hello"
    assert content.localised(item, "fr") == "Hello"
    assert content.localised(item, None) == "Hello"
    assert content.localised({"en": "Hello"}, "es") == "Hello"


# Validation of a file, through the same function the loader uses


def question(n, correct=None, options=("Red", "Green", "Blue", "Yellow")):
    text = {"question": f"Question {n}?", "options": list(options)}
    return {"id": f"zz-{n:02d}", "correct": n % len(options) if correct is None else correct, "en": text, "es": copy.deepcopy(text)}


def trivia_pack_data():
    return {
        "id": "test_pack",
        "title": {"en": "Test", "es": "Prueba"},
        "description": {"en": "A pack for tests.", "es": "Un paquete para pruebas."},
        "questions": [question(n) for n in range(1, 11)],
    }


def scenario_pack_data():
    text = {"title": "A title", "situation": "A caller has been waiting a long time and is upset.", "tip": "Apologise."}
    return {"id": "test_scenarios", "title": {"en": "Test", "es": "Prueba"}, "scenarios": [{"id": "sc-01", "en": text, "es": dict(text)}]}


def write(tmp_path, data, name="bad_pack.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_well_formed_pack_file_loads(tmp_path):
    assert load_pack_file(write(tmp_path, trivia_pack_data()), TriviaPackSchema) == trivia_pack_data()
    assert load_pack_file(write(tmp_path, scenario_pack_data()), ScenarioPackSchema) == scenario_pack_data()


def break_question(**changes):
    def apply(data):
        target = data["questions"][2]
        for path, value in changes.items():
            *parents, last = path.split("__")
            node = target
            for key in parents:
                node = node[key]
            node[last] = value

    return apply


def set_questions(questions):
    def apply(data):
        data["questions"] = questions

    return apply


@pytest.mark.parametrize(
    ("breakage", "field", "problem"),
    [
        (break_question(en__options=["Red", "red", "Blue", "Yellow"]), "questions.2.en.options", "differ"),
        (break_question(es__question="x" * 201), "questions.2.es.question", "1-200"),
        (break_question(es__question="  "), "questions.2.es.question", "blank"),
        (break_question(en__options=["Red", "x" * 61, "Blue", "Yellow"]), "questions.2.en.options.1", "1-60"),
        (break_question(en__options=["Red", "Blue"], es__options=["Red", "Blue"]), "questions.2.en.options", "Length"),
        (break_question(correct=4), "questions.2.correct", "index"),
        (break_question(correct=-1), "questions.2.correct", "greater than or equal to 0"),
        (break_question(correct="1"), "questions.2.correct", "integer"),
        (break_question(es__options=["Rojo", "Verde", "Azul"]), "questions.2.es", "same options"),
        (break_question(id="zz-3"), "questions.2.id", "cs-01"),
        (break_question(hint="extra"), "questions.2.hint", "Unknown field"),
        (lambda data: data["questions"][2].pop("es"), "questions.2.es", "required"),
        (lambda data: data["title"].pop("es"), "title.es", "required"),
        (lambda data: data["questions"][2].update(id="zz-01"), "questions", "zz-01"),
        (lambda data: data["questions"][2].update(id="yy-03"), "questions", "prefix"),
        (set_questions([question(n, correct=1) for n in range(1, 11)]), "questions", "40%"),
        (set_questions([]), "questions", "minimum length"),
    ],
)
def test_a_malformed_trivia_pack_raises_an_error_naming_the_file_field_and_problem(tmp_path, breakage, field, problem):
    data = trivia_pack_data()
    breakage(data)
    with pytest.raises(ContentError) as raised:
        load_pack_file(write(tmp_path, data), TriviaPackSchema)
    message = str(raised.value)
    assert message.startswith("bad_pack.json: ")
    assert f"{field}: " in message and problem in message, message


@pytest.mark.parametrize(
    ("breakage", "field", "problem"),
    [
        (lambda data: data["scenarios"][0]["es"].update(situation="Too short."), "scenarios.0.es.situation", "40-360"),
        (lambda data: data["scenarios"][0]["en"].update(tip="x" * 161), "scenarios.0.en.tip", "1-160"),
        (lambda data: data["scenarios"][0].update(id="scenario-1"), "scenarios.0.id", "sc-01"),
        (lambda data: data["scenarios"].append(copy.deepcopy(data["scenarios"][0])), "scenarios", "sc-01"),
    ],
)
def test_a_malformed_scenario_pack_raises_an_error_naming_the_file_field_and_problem(tmp_path, breakage, field, problem):
    data = scenario_pack_data()
    breakage(data)
    with pytest.raises(ContentError) as raised:
        load_pack_file(write(tmp_path, data, "bad_scenarios.json"), ScenarioPackSchema)
    message = str(raised.value)
    assert message.startswith("bad_scenarios.json: ")
    assert f"{field}: " in message and problem in message, message


def test_a_file_that_is_not_json_raises_an_error_naming_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"id": "oops", ', encoding="utf-8")
    with pytest.raises(ContentError, match=r"^broken\.json: not readable as JSON"):
        load_pack_file(path, TriviaPackSchema)
