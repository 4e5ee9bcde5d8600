"""Judging the sources: page, link, glossary-link, unused-entry and nav rules, and the run over a project."""
