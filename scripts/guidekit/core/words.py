"""The words the guide's own code writes into pages (the Sources list, the survival table and chart,
the glossary's "See also"), in each language the guide is published in.

The templates' words live in ``extra.words`` of each edition's configuration (mkdocs.yml,
mkdocs.es.yml); these are the ones written by Python, chosen by the extension's ``language`` setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

ENGLISH = "en"


@dataclass(frozen=True)
class Words:
    """One language's words for generated text; ``{…}`` fields are filled in by the caller."""

    language: str
    months: tuple[str, ...]
    day_format: str  # "{day} {month} {year}"
    sources: str
    accessed: str
    no_date: str
    back_to_source: str
    glossary_letters: str
    also_called: str
    see_also: str
    cited_on: str
    table_header: str
    chart_title: str
    chart_heading: str
    chart_alive: str
    chart_compared: str
    chart_own_source: str
    chart_about: str
    chart_averages: str
    chart_one_person: str
    chart_description: str
    no_changes: str
    journal: str

    def date(self, parts: tuple[int, ...]) -> str:
        """A day, month or year as a reader writes it: "22 November 2026", "22 de noviembre de 2026"."""
        parts = tuple(part for part in parts if part is not None)
        if len(parts) == 1:
            return str(parts[0])
        month = self.months[parts[1] - 1]
        if len(parts) == 2:
            return self.day_format.split("{day} ", 1)[-1].format(month=month, year=parts[0]).strip()
        return self.day_format.format(day=parts[2], month=month, year=parts[0])


WORDS = MappingProxyType(
    {
        "en": Words(
            language="en",
            months=(
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ),
            day_format="{day} {month} {year}",
            sources="Sources",
            accessed="Accessed {date}.",
            no_date="No date given",
            back_to_source="Back to source {number} in the text",
            glossary_letters="Glossary letters",
            also_called="Also called: ",
            see_also="See also: ",
            cited_on=" Cited on: ",
            table_header="| Where the cancer started | Alive 5 years later | Diagnosed in | Where | Source |",
            chart_title="5-year survival by cancer type when cancer had spread far",
            chart_heading="When cancer had already spread far:",
            chart_alive="alive 5 years after diagnosis, compared",
            chart_compared="with people without cancer",
            chart_own_source="Each row has its own source and years",
            chart_about="{place}, diagnosed {years}. Source: {publisher}",
            chart_averages="Averages for large groups of people;",
            chart_one_person="they cannot say what will happen to one person.",
            chart_description=(
                "Bar chart. Out of 100 people whose cancer had spread to distant parts of the body when "
                "it was found, how many were alive 5 years later, compared with people without cancer. Each row gives "
                "its own place, years of diagnosis and source."
            ),
            no_changes="No changes to medical content have been recorded yet.",
            journal="the journal {name}",
        ),
        "es": Words(
            language="es",
            months=(
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ),
            day_format="{day} de {month} de {year}",
            sources="Fuentes",
            accessed="Consultado el {date}.",
            no_date="Sin fecha",
            back_to_source="Volver a la fuente {number} en el texto",
            glossary_letters="Letras del glosario",
            also_called="Otros nombres: ",
            see_also="Vea también: ",
            cited_on=" Citada en: ",
            table_header="| Dónde empezó el cáncer | Vivos 5 años después | Diagnóstico en | Dónde | Fuente |",
            chart_title="Supervivencia a 5 años por tipo de cáncer cuando el cáncer se había diseminado lejos",
            chart_heading="Cuando el cáncer ya se había diseminado lejos:",
            chart_alive="vivos 5 años después del diagnóstico,",
            chart_compared="comparados con personas sin cáncer",
            chart_own_source="Cada fila tiene su propia fuente y sus años",
            chart_about="{place}, diagnóstico en {years}. Fuente: {publisher}",
            chart_averages="Son promedios de grupos grandes de personas;",
            chart_one_person="no pueden decir qué le pasará a una persona.",
            chart_description=(
                "Gráfico de barras. De cada 100 personas cuyo cáncer se había diseminado a partes lejanas del cuerpo "
                "cuando se encontró, cuántas seguían vivas 5 años después, comparadas con personas sin cáncer. Cada "
                "fila da su propio lugar, años del diagnóstico y fuente."
            ),
            no_changes="Todavía no se ha registrado ningún cambio en el contenido médico.",
            journal="la revista {name}",
        ),
    }
)


def words_for(language: str | None) -> Words:
    """The words of ``language`` ("en", "es"); English for a language the guide has no words in."""
    return WORDS.get(language or ENGLISH, WORDS[ENGLISH])
