"""The complaint-theme classifier: hand-written sentences per language, and the blind corpus."""

from __future__ import annotations

import pytest

from reinstate.domain.causes import classify, expand_variants, script_languages, script_variants
from reinstate.rules.causes import THEME_LANGUAGES, theme_rules
from support.themes_corpus import figures, load_corpus

# (text, stars, theme): the project's own sentences, not taken from the blind corpus.
CASES = [
    ("The parcel never arrived and tracking has not moved in two weeks.", 1, "not_received"),
    ("Three weeks late, long after the estimated date.", 2, "late"),
    ("Box was crushed and the lamp inside was broken.", 1, "damaged"),
    ("Arrived quickly, not damaged at all, but it is the wrong size.", 2, "not_as_described"),
    ("Runs small, does not fit.", 2, "not_as_described"),
    ("They sent the wrong item, I ordered the blue kettle.", 1, "wrong_item"),
    ("Sold as new but the box was already opened and it had fingerprints.", 1, "used_as_new"),
    ("Obviously a fake, the logo is wrong.", 1, "counterfeit"),
    ("Seller never responded to my messages.", 1, "poor_service"),
    ("Great seller, fast shipping, exactly as described!", 5, "other"),
    ("Not late, not damaged, works fine.", 3, "other"),
    ("Paket nie angekommen.", 1, "not_received"),
    ("Nicht beschädigt, aber leider die falsche Größe.", 2, "not_as_described"),
    ("Lieferung kam eine Woche zu spät.", 2, "late"),
    ("Colis arrivé cassé.", 1, "damaged"),
    ("Ce n'est pas abîmé, mais c'est une contrefaçon.", 1, "counterfeit"),
    ("Articolo mai arrivato.", 1, "not_received"),
    ("Non è danneggiato, ma è usato.", 2, "used_as_new"),
    ("El vendedor no responde a mis mensajes.", 1, "poor_service"),
    ("Me enviaron otro producto en lugar del que pedí.", 1, "wrong_item"),
    ("商品が届きません。", 1, "not_received"),
    ("箱は破損していませんが、サイズが合わないです。", 2, "not_as_described"),
    ("到着が遅れました。", 2, "late"),
    ("没有破损，但是发错了颜色。", 2, "wrong_item"),
    ("收到的是假货。", 1, "counterfeit"),
    ("包裹破损了。", 1, "damaged"),
    ("很好，物流很快！", 5, "other"),
]


@pytest.mark.parametrize(("text", "stars", "theme"), CASES)
def test_own_sentences(text: str, stars: int, theme: str) -> None:
    rules = theme_rules()
    label = classify(text, stars, script_languages(text, rules))
    assert label.theme == theme, label
    if theme != "other":
        assert label.words, "a complaint label names the words that decided it"


def test_negation_is_shown() -> None:
    rules = theme_rules()
    label = classify("Not damaged, just late.", 2, script_languages("x", rules))
    assert (label.theme, label.words, label.negated) == ("late", ("late",), ("damaged",))


def test_a_positive_review_is_other_even_with_a_complaint_word() -> None:
    rules = theme_rules()
    label = classify("Box a bit damaged but the product is great", 5, script_languages("x", rules))
    assert label.theme == "other"


# Measured on the blind corpus (docs/causes.md): main theme right, per language and part. The
# floors are a few points under the figures, so a phrase change that costs accuracy shows here.
# Round 2 (word families): tune 92 %, check 70 %; the floors sit just under them.
FLOORS = {"tune": 0.90, "check": 0.68}


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_blind_corpus_figures(part: str) -> None:
    found = figures(load_corpus())
    n = sum(found[(lang, part)][0] for lang in THEME_LANGUAGES)
    right = sum(found[(lang, part)][1] for lang in THEME_LANGUAGES)
    assert right / n >= FLOORS[part]


def test_variant_groups_expand_to_every_form() -> None:
    assert expand_variants("{nie|nicht} {angekommen|erhalten}") == (
        "nie angekommen",
        "nie erhalten",
        "nicht angekommen",
        "nicht erhalten",
    )
    assert expand_variants("dañad{o|a|os|as}") == ("dañado", "dañada", "dañados", "dañadas")
    assert expand_variants("{|sehr} spät") == ("spät", "sehr spät")
    assert expand_variants("kaputt") == ("kaputt",)


def test_script_variants_add_the_other_script_once() -> None:
    assert script_variants("没收到", {"没": "沒"}) == ("没收到", "沒收到")
    assert script_variants("未收到", {"没": "沒"}) == ("未收到",)


@pytest.mark.parametrize(
    ("text", "stars", "theme"),
    [
        ("Das Paket ist bis heute nicht angekommen.", 1, "not_received"),
        ("Die Schuhe fallen klein aus, eine Nummer zu klein.", 2, "not_as_described"),
        ("Der Verkäufer antwortet nicht.", 1, "poor_service"),
        ("La caja llegó aplastada y la taza rota.", 1, "damaged"),
        ("荷物が届いていません。", 1, "not_received"),
        ("客服不回覆，也不退款。", 1, "poor_service"),
    ],
)
def test_word_families_reach_new_forms(text: str, stars: int, theme: str) -> None:
    rules = theme_rules()
    assert classify(text, stars, script_languages(text, rules)).theme == theme
