"""The name ``mkdocs.yml`` loads, ``guidekit.extension``: the extension itself lives in ``render``."""

from guidekit.render.extension import GuideExtension, makeExtension

__all__ = ["GuideExtension", "makeExtension"]
