"""What a pull request does to the guide: the files it changes, read from git, and a summary for reviewers."""
