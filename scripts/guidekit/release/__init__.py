"""Shipping the built site: publish, offline copy, printed book, site links, page weight, readability."""
