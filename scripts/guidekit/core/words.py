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
    # The printed book (release/print_book.py). Line breaks inside a word are the ones the book's
    # HTML has always had, so the English book stays the same byte for byte.
    book_title: str  # the document's <title>: "{site_name}", "{version}"
    book_subtitle: str
    book_version: str
    book_edition: str  # the cover's label for the edition's date
    book_edition_of: str  # the running foot: "{site_name} · {edition}"
    book_status: str  # the cover's review status, in bold
    book_not_advice: str
    book_online: str
    book_found_mistake: str
    book_tell_us: str  # "{address}" is the link to where mistakes are reported
    book_name_the_page: str
    book_marks: str  # "{mark}" is the glossary's mark
    book_contents: str
    book_page: str  # the running head's page number: "{number}" is CSS's counter(page)
    book_draft: str  # the running foot's review status

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
            book_title="{site_name} (printable edition {version})",
            book_subtitle="A plain-language guide for people whose cancer has spread,\n  and the people close to them.",
            book_version="Version:",
            book_edition="Edition of:",
            book_edition_of="{site_name} · Edition of {edition}",
            book_status="Status: awaiting clinical review.",
            book_not_advice=(
                "No doctor, nurse or other\n  clinician has checked this guide yet. It is not medical advice. "
                "In an emergency, call your local emergency number."
            ),
            book_online="Online version:",
            book_found_mistake="Found a mistake?",
            book_tell_us="Tell us at\n  {address}.",
            book_name_the_page="Please name the chapter and the page number.",
            book_marks=(
                "Words marked with {mark} are explained in the glossary at the end.\n"
                "  Small raised numbers lead to the sources listed at the end of each chapter."
            ),
            book_contents="Contents",
            book_page="Page {number}",
            book_draft="Draft, awaiting clinical review",
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
            book_title="{site_name} (edición para imprimir {version})",
            book_subtitle=(
                "Una guía en lenguaje sencillo para las personas cuyo cáncer se ha diseminado\n"
                "  y para sus seres queridos."
            ),
            book_version="Versión:",
            book_edition="Edición:",
            book_edition_of="{site_name} · Edición del {edition}",
            book_status="Estado: pendiente de revisión clínica y de revisión de la traducción.",
            book_not_advice=(
                "Ningún médico, enfermero ni otro\n  profesional clínico ha revisado todavía esta guía, y ningún "
                "traductor médico ha revisado la traducción del inglés. No es consejo médico. "
                "En una emergencia, llame al número de emergencias de su país."
            ),
            book_online="Versión en internet:",
            book_found_mistake="¿Encontró un error?",
            book_tell_us="Díganoslo en\n  {address}.",
            book_name_the_page="Indique el capítulo y el número de página.",
            book_marks=(
                "Las palabras marcadas con {mark} se explican en el glosario del final.\n"
                "  Los números pequeños elevados llevan a las fuentes que se dan al final de cada capítulo."
            ),
            book_contents="Contenido",
            book_page="Página {number}",
            book_draft="Borrador: pendiente de revisión clínica y de la traducción",
        ),
    }
)


def words_for(language: str | None) -> Words:
    """The words of ``language`` ("en", "es"); English for a language the guide has no words in."""
    return WORDS.get(language or ENGLISH, WORDS[ENGLISH])
