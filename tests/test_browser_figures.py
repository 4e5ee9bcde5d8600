"""Figures open full-screen in the lightbox with keyboard and close with Escape."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_a_figure_opens_in_the_lightbox_and_escape_closes_it(page, site_url: str) -> None:
    page.goto(site_url + "prognosis/")
    link = page.locator("figure a.glightbox").first
    link.scroll_into_view_if_needed()
    link.focus()
    page.keyboard.press("Enter")
    slide = page.locator(".glightbox-container .gslide.current img")
    slide.wait_for(state="visible", timeout=5000)
    assert slide.get_attribute("src").endswith("survival-distant.svg")
    page.keyboard.press("Escape")
    page.locator(".glightbox-container").wait_for(state="detached", timeout=5000)
    assert page.evaluate("document.activeElement.classList.contains('glightbox')"), "focus must return to the figure"


def test_every_figure_has_alt_text_size_caption_and_lazy_loading(page, site_url: str) -> None:
    for chapter in ("spread/", "staging/", "treatment/", "palliative-care/", "prognosis/"):
        page.goto(site_url + chapter)
        figures = page.locator("article figure")
        assert figures.count() >= 1, chapter
        for index in range(figures.count()):
            image = figures.nth(index).locator("img")
            assert len(image.get_attribute("alt") or "") > 40, chapter
            assert image.get_attribute("width") and image.get_attribute("height"), chapter
            assert image.get_attribute("loading") == "lazy", chapter
            assert figures.nth(index).locator("figcaption").inner_text().strip(), chapter
