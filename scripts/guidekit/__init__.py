"""Build-time checks and Markdown rendering for the metastatic cancer guide.

The checks are plain Python (no MkDocs import) so that the same code runs as MkDocs hooks,
as ``make check`` and under any other builder that runs Python-Markdown extensions.
"""
