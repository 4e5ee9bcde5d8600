"""Reading contributors' files: decoding, YAML with positions, Markdown and HTML scanning."""
