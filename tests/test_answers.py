"""Answers: reading what learners type, judging it at display precision, and the widgets, headless."""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction

import ipywidgets as widgets
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glutemed import answers
from glutemed.answers import (
    AnswerError,
    Feedback,
    answer_box,
    check,
    choice_question,
    format_number,
    parse_number,
    predict,
    presenting_from_env,
    show_table,
)

SCIENTIFIC = re.compile(r"\de[+-]?\d", re.I)
FINITE = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


def synced_state(widget: widgets.Widget) -> str:
    """Everything the browser receives for ``widget`` and the widgets inside it, as JSON text."""
    seen: set[str] = set()
    parts: list[str] = []

    def walk(w: widgets.Widget) -> None:
        if w.model_id in seen:
            return
        seen.add(w.model_id)
        parts.append(json.dumps(w.get_state(), default=str, ensure_ascii=False))
        for name in w.keys:
            value = getattr(w, name)
            for item in value if isinstance(value, (list, tuple)) else [value]:
                if isinstance(item, widgets.Widget):
                    walk(item)

    walk(widget)
    return "\n".join(parts)


def all_widgets(widget: widgets.Widget) -> list[widgets.Widget]:
    out = [widget]
    for child in getattr(widget, "children", ()):
        out += all_widgets(child)
    return out


# ---------------------------------------------------------------------------------------------
# parse_number
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("8", 8.0), ("8.0", 8.0), ("8,0", 8.0), ("  8 deg", 8.0), ("8°", 8.0), ("8 degrees", 8.0),
    ("8 Degrees.", 8.0), ("-1.1 cm", -1.1), ("+1.1", 1.1), ("\u22121.1", -1.1), ("\u2013 1.1", -1.1),
    ("1 600", 1600.0), ("1\u202f600", 1600.0), ("1\u00a0600,5", 1600.5), ("12 %", 12.0), ("12%", 12.0),
    ("1.6e3", 1600.0), ("1.6E-3", 0.0016), ("0,125", 0.125), ("1234,567", 1234.567), ("1,600,000", 1.6e6),
    ("1.600.000", 1.6e6), ("1,600.5", 1600.5), ("1.600,5", 1600.5), ("1.600", 1.6), (".5", 0.5), (",5", 0.5),
    ("~8", 8.0), ("≈ 8", 8.0), ("about 8", 8.0), ("8.", 8.0), ("1.6 x BW", 1.6), ("1.6 × body weight", 1.6),
    ("2.5 BW", 2.5), ("1.6x", 1.6), ("3 N m", 3.0), ("3 Nm", 3.0), ("0.3 rad", 0.3), ("95 mm", 95.0),
    ("-0", 0.0), ("1600 N", 1600.0),
])
def test_parse_number_reads_what_learners_type(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value, rel=1e-15)


@pytest.mark.parametrize(("answer", "value"), [
    (8, 8.0), (4.41, 4.41), (np.float64(-1.5), -1.5), (np.int64(3), 3.0), (np.array(2.5), 2.5), (Fraction(1, 4), 0.25),
])
def test_parse_number_takes_numbers_directly(answer: object, value: float) -> None:
    assert parse_number(answer) == value


@pytest.mark.parametrize(("answer", "fragment"), [
    (None, "Type a number first"), ("", "Type a number first"), ("   ", "Type a number first"),
    ("None", "Type a number first"), ("eight", "in digits"), ("nan", "not a finite number"),
    ("-inf", "not a finite number"), (float("nan"), "not a finite number"), (math.inf, "not a finite number"),
    ("1e999", "finite"), (10**400, "not a finite number"), ("8 or 9", "more than one (8, 9)"),
    ("8-9", "more than one"), ("8 9", "more than one"), ("8, 9", "more than one"), ("8;9", "more than one"),
    ("8 cm and 9", "more than one"), ("[8, 9]", "without brackets"), ("(8)", "without brackets"),
    ([8, 9], "list of 2 values"), ((8,), "tuple of 1 values"), (np.array([1.0, 2.0]), "array of 2 values"),
    ("1/2", "as 0.5"), ("8 apples", "not 'apples'"), ("5 ± 1", "without ±"), ("1.6 x 10^3", "out in full"),
    (True, "not a number"), (object(), "not a number"), ("x = 8", "Start with the number"),
    ("8" * 70, "too long"), ("1.2.3", "more than one decimal point"), ("1,60.5", "which mark"),
])
def test_parse_number_explains_what_to_type(answer: object, fragment: str) -> None:
    with pytest.raises(AnswerError, match=re.escape(fragment)):
        parse_number(answer)


def test_answer_error_is_a_value_error() -> None:
    assert issubclass(AnswerError, ValueError)


@pytest.mark.parametrize("text", ["1,600", "-1,600 N", "12,500", "999,999"])
def test_one_comma_before_three_digits_is_refused_as_ambiguous(text: str) -> None:
    whole, fraction = re.search(r"(\d+),(\d+)", text).groups()
    with pytest.raises(AnswerError, match="ambiguous") as err:
        parse_number(text)
    assert f"{whole}{fraction}" in str(err.value) and f"{whole}.{fraction}" in str(err.value)


@settings(max_examples=300, deadline=None)
@given(x=FINITE)
def test_parse_number_round_trips_common_formats(x: float) -> None:
    two = float(f"{x:.2f}")
    assert parse_number(repr(x)) == x
    assert parse_number(f"{x:.2f}") == two
    assert parse_number(f"{x:.4f}") == float(f"{x:.4f}")
    assert parse_number(f"  {x:,.2f} ") == two  # comma thousands, dot decimal
    assert parse_number(f"{x:_.2f}".replace("_", " ")) == two  # SI space thousands
    assert parse_number(f"{x:_.2f}".replace("_", "\u202f").replace(".", ",")) == two  # thin space, decimal comma
    assert parse_number(f"{x:.2f}".replace(".", ",")) == two  # decimal comma
    assert parse_number(f"{x:.2f} cm") == two
    assert parse_number(f"{x:.1f}°") == float(f"{x:.1f}")
    assert parse_number(f"{x:.2f}".replace("-", "\u2212")) == two  # typographic minus
    assert parse_number(f"{x:+.2f} deg") == two
    if len(format_number(x)) <= 60:  # longer text is refused as not one typed number
        assert parse_number(format_number(x)) == x
    assert parse_number(format_number(x, 2, unit="cm", signed=True)) == two


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1000, 10**9))
def test_comma_thousands_are_read_only_when_unambiguous(n: int) -> None:
    text = f"{n:,}"
    if text.count(",") == 1:
        with pytest.raises(AnswerError, match="ambiguous"):
            parse_number(text)
    else:
        assert parse_number(text) == n
    assert parse_number(f"{n:_}".replace("_", " ")) == n
    assert parse_number(str(n)) == n


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=30))
def test_any_text_gives_a_number_or_a_friendly_message(text: str) -> None:
    try:
        value = parse_number(text)
    except AnswerError as err:
        assert str(err) and "Traceback" not in str(err)
    else:
        assert math.isfinite(value)
    feedback = check(text, 4.4, unit="cm")  # never raises for a learner's answer
    assert isinstance(feedback, Feedback) and feedback.message


# ---------------------------------------------------------------------------------------------
# check: tolerance
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("answer", "expected", "kwargs"), [
    (9, 9.50, {"decimals": 0}),  # the notebook prints "9 deg" (or "10 deg")
    (10, 9.50, {"decimals": 0}),
    (9.5, 9.50, {"decimals": 0}),
    ("9 deg", 9.4999, {"shown": "9 deg", "unit": "deg"}),
    (1.1, 1.142, {"shown": "+1.1", "unit": "cm"}),  # the panel shows "+1.1"
    ("+1.1", 1.142, {"decimals": 1}),
    (1.142, 1.142, {"decimals": 1}),
    (0.5, 0.4867, {"decimals": 1}),
    (1.1, 1.142, {}),  # default: two significant figures
    (1600, 1642.3, {"unit": "N"}),
    ("1 600 N", 1642.3, {"unit": "N"}),
    ("1,1", 1.142, {}),
    ("12 %", 12.3, {"unit": "%", "decimals": 0}),
])
def test_check_accepts_what_the_notebook_shows(answer: object, expected: float, kwargs: dict) -> None:
    feedback = check(answer, expected, **kwargs)
    assert feedback.correct, feedback.message
    assert feedback.message.startswith("Correct: ")


@pytest.mark.parametrize(("answer", "expected", "kwargs"), [
    (1.2, 1.142, {"decimals": 1}), (9, 9.50, {"decimals": 1}), (1700, 1642.3, {}), (0.5, 0.4867, {"decimals": 2}),
    (1.1, 1.142, {"decimals": 2}),
])
def test_check_rejects_outside_half_a_display_unit(answer: float, expected: float, kwargs: dict) -> None:
    assert not check(answer, expected, **kwargs).correct


@settings(max_examples=300, deadline=None)
@given(expected=FINITE, decimals=st.integers(-2, 4), offset=st.floats(-3, 3))
def test_tolerance_is_half_a_display_unit(expected: float, decimals: int, offset: float) -> None:
    half = 0.5 * 10.0 ** -decimals
    answer = expected + offset * half
    correct = check(answer, expected, decimals=decimals).correct
    if abs(offset) <= 0.99:
        assert correct
    elif abs(offset) >= 1.01 and abs(answer - round(expected, decimals)) > 1e-6 * half:
        assert not correct
    assert check(round(expected, decimals), expected, decimals=decimals).correct  # the displayed value


@pytest.mark.parametrize(("answer", "expected", "kwargs", "slip", "fragment"), [
    (-1.1, 1.142, {"decimals": 1, "unit": "cm"}, "sign", "sign is wrong"),
    ("-9.5 deg", 9.5, {"unit": "deg"}, "sign", "sign is wrong"),
    (0.5, 50.0, {"unit": "%"}, "percent", "looks like a fraction"),
    (50, 0.5, {}, "percent", "looks like a percentage"),
    (0.0095, 9.5, {"unit": "mm"}, "factor_1000", "m and mm"),
    (9500, 9.5, {"unit": "m"}, "factor_1000", "1000 times too large"),
    (0.095, 9.5, {"unit": "cm"}, "factor_100", "m and cm"),
    (95, 9.5, {"unit": "cm"}, "factor_10", "cm and mm"),
    (0.95, 9.5, {"unit": "cm"}, "factor_10", "10 times too small"),
    (1.64, 1642.3, {"unit": "N"}, "factor_1000", "N and kN"),
    (0.95, 9.5, {"unit": "deg"}, "factor_10", "decimal point"),
    (0.1658, 9.5, {"unit": "deg"}, "radians", "looks like radians"),
    (9.5, 0.1658, {"unit": "rad"}, "radians", "looks like degrees"),
    (9, 9.5, {"decimals": 1}, "rounding", "rounded to a whole number"),
    (1.2, 1.142, {"decimals": 1}, "rounding", "check how you rounded"),
    ("95 mm", 9.5, {"unit": "cm"}, "unit", "95 mm is 9.5 cm"),
    ("9.5 deg", 9.5, {"unit": "cm"}, "unit", "this answer is in cm"),
    ("0.2 m", 9.5, {"unit": "cm"}, "unit", "Give the answer in cm"),
])
def test_check_names_the_slip(answer: object, expected: float, kwargs: dict, slip: str, fragment: str) -> None:
    feedback = check(answer, expected, **kwargs)
    assert not feedback.correct
    assert feedback.slip == slip, feedback.message
    assert fragment in feedback.message


@pytest.mark.parametrize(("answer", "expected", "fragment"), [
    (3.0, 4.4, "3 cm is too small"), (6.0, 4.4, "6 cm is too large"), (-3, -4.4, "too close to zero"),
    (3, -4.4, "wrong sign, and its size is off too"),
])
def test_not_yet_says_which_way_and_where_to_look(answer: float, expected: float, fragment: str) -> None:
    feedback = check(answer, expected, unit="cm", hint="the panel's table, posterior row")
    assert not feedback.correct and feedback.slip is None
    assert feedback.message.startswith("Not yet: ")
    assert fragment in feedback.message
    assert "Look again at the panel's table, posterior row." in feedback.message
    assert "4.4" not in feedback.message  # a wrong answer does not get the solution


def test_check_prints_plain_notation() -> None:
    assert check(1642.3, 1642.3, unit="N").message == "Correct: 1642.3 N."
    assert check(1600, 1642.3, unit="N").message == "Correct: 1600 N. The model gives 1642 N."
    assert check(2.0, 1600.0, unit="N").message.startswith("Not yet: 2 N is too small")


@settings(max_examples=200, deadline=None)
@given(answer=st.floats(-1e9, 1e9), expected=st.floats(-1e9, 1e9).filter(lambda e: abs(e) > 1e-6))
def test_messages_never_use_scientific_notation(answer: float, expected: float) -> None:
    assert not SCIENTIFIC.search(check(answer, expected, unit="N").message)


def test_unanswered_and_unreadable() -> None:
    assert check(None, 4.4).message.startswith("Not answered yet")
    assert check(None, 4.4).slip == "unanswered"
    feedback = check("eight", 8.0)
    assert (feedback.correct, feedback.slip) == (False, "unreadable")
    assert "digits" in feedback.message


def test_feedback_shows_only_its_message() -> None:
    feedback = check(4.4, 4.4, unit="cm")
    assert repr(feedback) == str(feedback) == feedback.message == "Correct: 4.4 cm."
    assert "glutemed-feedback" in feedback._repr_html_() and "Correct: 4.4 cm." in feedback._repr_html_()
    assert "&lt;b&gt;" in check("<b>", 4.4)._repr_html_() or "<b>" not in check("<b>", 4.4).message


def test_check_keeps_the_notebooks_call_signature() -> None:
    answer_1, solution_1 = 4.41, 4.4
    assert check(answer_1, solution_1, unit="cm").correct


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"expected": "4.4"}, "expected"), ({"expected": math.nan}, "expected"), ({"expected": None}, "expected"),
    ({"decimals": 1.5}, "decimals"), ({"decimals": True}, "decimals"), ({"decimals": 40}, "decimals"),
    ({"unit": 3}, "unit"), ({"shown": "nine"}, "shown"), ({"shown": "5.0"}, "shown"), ({"hint": None}, "hint"),
])
def test_bad_author_arguments_raise_naming_the_parameter(kwargs: dict, name: str) -> None:
    args = {"expected": 4.4} | kwargs
    with pytest.raises(ValueError, match=name):
        check(4.4, **args)


# ---------------------------------------------------------------------------------------------
# format_number and show_table
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "kwargs", "text"), [
    ((1600.0,), {}, "1600"), ((1.6e-5,), {}, "0.000016"), ((1642.3, -2), {"unit": "N"}, "1600 N"),
    ((1.142, 1), {"signed": True, "unit": "cm"}, "+1.1 cm"), ((-0.04, 1), {}, "0.0"),
    ((12.0, 0), {"unit": "°"}, "12°"),
    ((0.0, 1), {"signed": True}, "0.0"),
])
def test_format_number(args: tuple, kwargs: dict, text: str) -> None:
    assert format_number(*args, **kwargs) == text


def test_format_number_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="value"):
        format_number(math.inf)
    with pytest.raises(ValueError, match="decimals"):
        format_number(1.0, 1.5)


def test_show_table_from_a_mapping() -> None:
    table = show_table({"anterior": np.array([0.0362, -0.004]) * 100, "middle": [5.0, math.nan]},
                       ["abduction", "rotation"], decimals=[1, 2], units="cm", caption="Moment arms")
    assert repr(table).splitlines() == [
        "Moment arms",
        "          abduction (cm)  rotation (cm)",
        "--------  --------------  -------------",
        "anterior             3.6          -0.40",
        "middle               5.0            n/a",
    ]
    page = table._repr_html_()
    assert "<caption" in page and "scope='col'" in page and "glutemed-table" in page
    assert "abduction (cm)" in page


def test_show_table_from_rows_and_records() -> None:
    rows = show_table([["walking", 2.51, 1642.3], ["running", 5.0, 16000.0]], ["activity", "load", "force"],
                      decimals={"load": 1, "force": 0}, units={"load": "BW", "force": "N"})
    assert repr(rows).splitlines()[0] == "activity  load (BW)  force (N)"
    assert repr(rows).splitlines()[-1] == "running         5.0      16000"
    records = show_table([{"portion": "middle", "cm": 4.45}, {"portion": "posterior", "cm": 1e-7}])
    assert repr(records).splitlines()[-1] == "posterior  0.00"


@settings(max_examples=100, deadline=None)
@given(values=st.lists(st.floats(-1e12, 1e12), min_size=1, max_size=5), decimals=st.integers(-3, 5))
def test_tables_never_use_scientific_notation(values: list[float], decimals: int) -> None:
    table = show_table([values], decimals=decimals)
    assert not SCIENTIFIC.search(repr(table)) and not SCIENTIFIC.search(table._repr_html_())


@pytest.mark.parametrize(("call", "name"), [
    (lambda: show_table([[1, 2], [3]]), "every row"),
    (lambda: show_table([[1, 2]], ["a", "b"], decimals={"c": 1}), "decimals"),
    (lambda: show_table([[1, 2]], ["a", "b"], units=["cm"]), "units"),
    (lambda: show_table("text"), "rows"),
    (lambda: show_table([[1.5]], decimals=0.5), "decimals"),
])
def test_show_table_rejects_bad_input(call, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        call()


# ---------------------------------------------------------------------------------------------
# Widgets, driven headless
# ---------------------------------------------------------------------------------------------

SECRET = 12.345  # an answer whose digits cannot appear by chance in widget state
WHY = "SECRET-EXPLANATION"


def test_answer_box_checks_typed_answers_and_keeps_the_answer_in_python() -> None:
    box = answer_box("Middle portion's abduction moment arm?", SECRET, unit="cm", decimals=3)
    assert "glutemed-answer" in box.widget._dom_classes
    assert box.input.description == "Your answer (cm)" and box.button.description
    assert box.feedback is None
    assert "12.345" not in synced_state(box.widget)
    box.input.value = "3,5 cm"
    box.button.click()
    assert box.feedback is not None and not box.feedback.correct
    assert "3.5 cm is too small" in box.status.value
    assert "12.345" not in synced_state(box.widget)  # a wrong answer reveals nothing
    box.input.value = "twelve"
    box.button.click()
    assert box.feedback.slip == "unreadable" and "digits" in box.status.value
    box.input.value = "12.345"
    box.button.click()
    assert box.feedback.correct and "Correct" in box.status.value
    assert [f.correct for f in box.attempts] == [False, False, True]


def test_answer_box_fallback_is_the_prompt_only() -> None:
    box = answer_box("How far, in cm?", SECRET, unit="cm")
    bundle = box._repr_mimebundle_()
    assert bundle["text/plain"] == "How far, in cm?"
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_answer_box_rejects_bad_author_input() -> None:
    with pytest.raises(ValueError, match="expected"):
        answer_box("How far?", "far")
    with pytest.raises(ValueError, match="prompt"):
        answer_box("  ", 1.0)


def _question():
    return choice_question(
        "At 60° of flexion, is the posterior portion an internal or external rotator?",
        ["internal rotator", "external rotator", "neither"], "internal rotator",
        {"external rotator": "WHY-EXTERNAL", "neither": "WHY-NEITHER", "internal rotator": "WHY-INTERNAL"})


def test_choice_question_gives_feedback_on_each_option() -> None:
    q = _question()
    assert "glutemed-choice-question" in q.widget._dom_classes
    assert q.input.description and q.input.value is None
    state = synced_state(q.widget)
    assert not any(why in state for why in ("WHY-EXTERNAL", "WHY-NEITHER", "WHY-INTERNAL"))
    q.button.click()
    assert "Choose an option first" in q.status.value
    q.input.value = "neither"
    q.button.click()
    assert not q.attempts[-1].correct and "WHY-NEITHER" in q.status.value and q.attempts[-1].slip == "choice"
    q.input.value = "external rotator"
    assert "Not quite: WHY-EXTERNAL" == q.submit().message
    q.input.value = "internal rotator"
    assert q.submit().correct and "Right: WHY-INTERNAL" in q.status.value


def test_choice_question_fallback_lists_options_without_the_answer() -> None:
    text = _question()._repr_mimebundle_()["text/plain"]
    assert text.splitlines() == ["At 60° of flexion, is the posterior portion an internal or external rotator?",
                                 "  ( ) internal rotator", "  ( ) external rotator", "  ( ) neither"]
    assert "WHY" not in text


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"answer": "both"}, "answer"), ({"feedback": {"neither": "x"}}, "feedback"),
    ({"feedback": {"external rotator": "x", "neither": "y", "sometimes": "z"}}, "feedback"),
    ({"options": ["internal rotator"]}, "options"), ({"options": ["a", "a"], "answer": "a"}, "options"),
])
def test_choice_question_rejects_bad_author_input(kwargs: dict, name: str) -> None:
    args = {"prompt": "Which?", "options": ["internal rotator", "external rotator", "neither"],
            "answer": "internal rotator", "feedback": {"external rotator": "x", "neither": "y"}} | kwargs
    with pytest.raises(ValueError, match=name):
        choice_question(**args)


def test_prediction_is_committed_before_the_answer_appears() -> None:
    p = predict("How long is the moment arm, in cm?", SECRET, unit="cm", decimals=3, explanation=WHY)
    assert "glutemed-predict" in p.widget._dom_classes
    assert p.input.description == "Your prediction (cm)"
    state = synced_state(p.widget)
    assert "12.345" not in state and WHY not in state
    assert not p.committed
    p.input.value = "about twelve"
    p.button.click()
    assert not p.committed and not p.input.disabled
    assert "digits" in p.status.value
    p.input.value = "90 mm"
    p.button.click()
    assert not p.committed and "type your prediction in cm" in p.status.value
    assert "12.345" not in synced_state(p.widget)
    p.input.value = "10"
    p.button.click()
    assert p.committed and p.prediction == 10.0
    state = synced_state(p.widget)
    assert "12.345 cm" in state and WHY in state and "10 cm" in state
    assert "2.345 cm lower" in p.status.value
    assert p.input.disabled and p.button.disabled and p.button.description == "Prediction locked"
    p.input.value = "12"  # a locked prediction does not change
    assert p.commit() and p.prediction == 10.0


def test_prediction_with_choices() -> None:
    p = predict("Will the anterior portion still abduct at 90° of flexion?", "no", choices=["yes", "no"],
                explanation=WHY)
    assert WHY not in synced_state(p.widget) and p.input.value is None
    assert not p.commit() and "Choose one option first" in p.status.value
    p.input.value = "yes"
    assert p.commit()
    assert "Different from yours" in p.status.value and WHY in p.status.value
    assert p.input.disabled


def test_prediction_fallback_is_the_prompt_only() -> None:
    p = predict("How long is the moment arm, in cm?", SECRET, unit="cm", explanation=WHY)
    bundle = p._repr_mimebundle_()
    assert bundle["text/plain"] == "How long is the moment arm, in cm?"
    assert "12.3" not in json.dumps(bundle) and WHY not in json.dumps(bundle)


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"answer": math.nan}, "answer"), ({"answer": "4"}, "answer"), ({"decimals": 0.5}, "decimals"),
    ({"answer": "maybe", "choices": ["yes", "no"]}, "answer"),
    ({"answer": "yes", "choices": ["yes", "no"], "decimals": 1}, "decimals"),
    ({"explanation": None}, "explanation"),
])
def test_predict_rejects_bad_author_input(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        predict("Guess?", **({"answer": 1.0} | kwargs))


def test_widgets_are_labelled_for_assistive_technology() -> None:
    for activity in (answer_box("A?", 1.0, unit="deg"), predict("B?", 1.0, unit="deg"), _question()):
        for w in all_widgets(activity.widget):
            if isinstance(w, (widgets.Text, widgets.RadioButtons, widgets.Button)):
                assert w.description.strip(), f"{type(w).__name__} has no accessible name"
            if isinstance(w, widgets.Text):
                assert "(deg)" in w.description


# controls whose ipywidgets 8 view links the description to the control with <label for=...>, so the
# description is the accessible name; a RadioButtons description is a label linked to nothing
LINKED_LABEL = (widgets.Text, widgets.Select)


@pytest.mark.parametrize("presenting", [False, True])
def test_inputs_have_linked_names_and_the_keyboard_reaches_the_button(monkeypatch: pytest.MonkeyPatch,
                                                                       presenting: bool) -> None:
    monkeypatch.setattr(answers, "PRESENTING", presenting)
    activities = [(answer_box("A?", 1.0, unit="deg"), "Your answer (deg)"),
                  (predict("B?", 1.0, unit="deg"), "Your prediction (deg)"),
                  (predict("C?", "no", choices=["yes", "no"]), "Your prediction"),
                  (_question(), "Your answer")]
    for activity, name in activities:
        inputs = [w for w in all_widgets(activity.widget) if isinstance(w, widgets.ValueWidget)
                  and not isinstance(w, (widgets.HTML, widgets.Label))]
        assert inputs == [activity.input], "one input per activity"
        field = activity.input
        assert isinstance(field, LINKED_LABEL), f"{type(field).__name__} has no linked label"
        assert field.description == name and not field.description_allow_html
        assert field.tooltip == activity.prompt  # the question, on hover
        if isinstance(field, widgets.Select):
            assert field.rows == len(field.options) and field.value is None  # every option visible
        # Tab order is document order: the input, then its button, in one row
        row = next(w for w in all_widgets(activity.widget) if isinstance(w, widgets.HBox))
        assert list(row.children) == [field, activity.button]
        for control in (field, activity.button):
            assert control.tabbable is not False and not control.disabled
        assert activity.button.description.strip()
        # Enter or Space on a focused <button> is a click
        field.value = field.options[0] if isinstance(field, widgets.Select) else "1"
        activity.button.click()
        assert activity.status.value, "the button's result is shown"


# ---------------------------------------------------------------------------------------------
# Presentation mode
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("TRUE", True), (" yes ", True), ("0", False),
                                                 ("", False), ("off", False)])
def test_presenting_from_env(value: str, expected: bool) -> None:
    assert presenting_from_env({"GLUTEMED_PRESENT": value}) is expected


def test_presenting_from_env_warns_on_a_value_it_does_not_understand() -> None:
    with pytest.warns(UserWarning, match="GLUTEMED_PRESENT"):
        assert presenting_from_env({"GLUTEMED_PRESENT": "maybe"}) is False


def _classes(activity) -> set[str]:
    return {c for w in all_widgets(activity.widget) for c in w._dom_classes}


def test_presentation_mode_shows_prompts_without_scaffolding(monkeypatch: pytest.MonkeyPatch) -> None:
    teaching = [answer_box("A?", 1.0), predict("B?", 1.0), _question()]
    assert all("glutemed-instructions" in _classes(a) for a in teaching)
    assert "Not answered yet" in teaching[0].status.value
    monkeypatch.setattr(answers, "PRESENTING", True)
    for activity in (answer_box("A?", 1.0), predict("B?", 1.0), _question()):
        assert "glutemed-instructions" not in _classes(activity)
        assert activity.status.value == ""
        assert activity.prompt in activity.prompt_html.value
    assert check(None, 1.0).message == "" and repr(check(None, 1.0)) == ""
    assert check(1.0, 1.0).correct  # answers are still judged


def test_widgets_carry_the_css_classes_a_browser_test_finds() -> None:
    expected = [(answer_box("A?", 1.0), "glutemed-answer", "glutemed-check"),
                (predict("B?", 1.0), "glutemed-predict", "glutemed-commit"),
                (_question(), "glutemed-choice-question", "glutemed-check")]
    for activity, root, button in expected:
        assert root in activity.widget._dom_classes
        assert button in activity.button._dom_classes
        assert "glutemed-input" in activity.input._dom_classes
        assert {"glutemed-prompt", "glutemed-feedback"} <= _classes(activity)


def test_unit_slip_message_has_no_float_noise() -> None:
    message = answers.check("11 mm", 1.1, unit="cm", decimals=1).message
    assert "1.1 cm" in message and "1.0999" not in message


def test_show_table_rows_may_mix_text_and_numbers() -> None:
    text = repr(answers.show_table({"a": ["text", 1.8138075434524044]}, ["x", "y"], decimals=2))
    assert "1.81" in text and "1.8138" not in text
