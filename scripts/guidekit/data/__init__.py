"""The guide's content as values: where its files are, its data files, front matter and page outlines."""
