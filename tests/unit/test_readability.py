"""Reading level: the Spanish formulas (Fernández-Huerta, Szigriszt-Pazos) beside the English ones,
and textstat's module-wide language left as it was found."""

from __future__ import annotations

import pytest

from guidekit.release import readability
from guidekit.release.readability import MIN_FERNANDEZ_HUERTA, measure, measure_spanish, prose

FRONT = "---\ntitle: x\n---\n\n"
# Short sentences of short words: a page a patient reads without effort.
EASY_ES = (
    FRONT
    + (
        "El cáncer puede ir a otra parte del cuerpo. Esto se llama metástasis. "
        "Su médico le dice qué pasa. Usted puede hacer preguntas. No está solo. "
    )
    * 4
)
# One long sentence of long words: the kind of Spanish the guide must not print.
HARD_ES = (
    FRONT
    + (
        "La diseminación metastásica constituye un fenómeno biológico extraordinariamente complejo, "
        "caracterizado por interacciones moleculares multifactoriales entre las células neoplásicas "
        "circulantes y el microambiente tumoral correspondiente, que condicionan significativamente "
        "la respuesta terapéutica individualizada. "
    )
    * 3
)
# textstat's class, imported as readability imports it (its own import warning is filtered there).
textstatistics = type(readability.textstat.textstat)
ENGLISH = FRONT + "Cancer that has spread is called metastatic cancer. Treatment can often control it for a while.\n"


def test_an_easy_spanish_page_passes() -> None:
    score = measure_spanish(EASY_ES)
    assert score.words > 40
    assert score.fernandez_huerta >= MIN_FERNANDEZ_HUERTA
    assert score.passes


def test_a_hard_spanish_page_fails() -> None:
    score = measure_spanish(HARD_ES)
    assert score.fernandez_huerta < MIN_FERNANDEZ_HUERTA
    assert not score.passes
    assert score.szigriszt_pazos < measure_spanish(EASY_ES).szigriszt_pazos


def english_scores(page: str) -> tuple[float, float]:
    """Grade and ease from a textstat of our own, untouched by set_lang: English whatever ran before."""
    fresh = textstatistics()
    text = prose(page)
    return float(fresh.flesch_kincaid_grade(text)), float(fresh.flesch_reading_ease(text))


def test_an_english_measurement_is_the_same_after_a_spanish_one() -> None:
    expected = english_scores(ENGLISH)
    before = measure(ENGLISH)
    assert (before.grade, before.ease) == expected
    measure_spanish(ENGLISH)  # the same text: a cache keyed on text alone would hand back Spanish counts
    after = measure(ENGLISH)
    assert after == before


def test_the_language_is_restored_when_a_spanish_measurement_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    before = measure(ENGLISH)

    def broken(text: str) -> float:
        raise RuntimeError("broken formula")

    monkeypatch.setattr(readability.textstat, "fernandez_huerta", broken)
    with pytest.raises(RuntimeError):
        measure_spanish(ENGLISH)
    monkeypatch.undo()
    assert measure(ENGLISH) == before
    assert (before.grade, before.ease) == english_scores(ENGLISH)


def test_a_spanish_page_without_prose_passes() -> None:
    score = measure_spanish(FRONT + "# Glosario {#glossary}\n\n| a | b |\n|---|---|\n| c | d |\n")
    assert score.words == 0
    assert score.passes


def test_heading_ids_and_the_sources_list_are_not_prose() -> None:
    page = FRONT + "# Lo básico {#the-basics}\n\nUna frase corta.\n\n## Fuentes\n\n1. Un libro largo.\n"
    text = prose(page, "es")
    assert text == "Una frase corta."
