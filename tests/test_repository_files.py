"""The files around the guide: GitHub workflows and issue forms, the pre-commit hooks, and the
contributor guide's table of check messages.

The tools (check-jsonschema, pre-commit, codespell, pymarkdown, ruff) come from the same virtual
environment as this Python. A missing tool fails the test with the command that installs it.
Everything here works offline: the GitHub schemas ship with check-jsonschema, and every
pre-commit hook is a local one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CASES, GUIDE_TODAY, REPO
from guidekit.core.rules import RULES

BIN = Path(sys.executable).parent
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_TEMPLATES = GITHUB / "ISSUE_TEMPLATE"
ISSUE_FORMS = sorted(path for path in ISSUE_TEMPLATES.glob("*.yml") if path.name != "config.yml")
CONTRIBUTING = REPO / "CONTRIBUTING.md"
# Each tool and the PyPI package that provides it.
PACKAGES = {
    "check-jsonschema": "check-jsonschema",
    "pre-commit": "pre-commit",
    "codespell": "codespell",
    "pymarkdown": "pymarkdownlnt",
    "ruff": "ruff",
}
# Any attempt to reach the network goes to a closed local port and fails at once.
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}


def tool(name: str) -> Path:
    """The path of a tool in this virtual environment; fail with the install command if it is missing."""
    path = BIN / name
    if not path.exists():
        package = PACKAGES[name]
        requirements = REPO / "requirements-test.txt"
        pins = requirements.read_text(encoding="utf-8").splitlines() if requirements.exists() else []
        pin = next((line.strip() for line in pins if line.lower().startswith(f"{package.lower()}==")), package)
        pytest.fail(f"{name} is missing from {BIN}; install it with: {BIN / 'python'} -m pip install {pin}")
    return path


def run(command: list[str | Path], cwd: Path, extra_env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run a command offline; return its exit code and everything it printed."""
    env = {**os.environ, **OFFLINE, "NO_COLOR": "1", **(extra_env or {})}
    env["GUIDEKIT_TODAY"] = GUIDE_TODAY  # the guide's own content, judged as on its edition day
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    return result.returncode, result.stdout + result.stderr


def validate(schema: str, *files: Path) -> tuple[int, str]:
    return run([tool("check-jsonschema"), "--builtin-schema", schema, *files], REPO)


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# GitHub's own formats, checked against GitHub's schemas.


def test_the_expected_github_files_exist() -> None:
    assert {path.name for path in WORKFLOWS} >= {"ci.yml", "deploy.yml", "links.yml"}
    assert {path.name for path in ISSUE_FORMS} >= {"report-a-mistake.yml", "suggest-an-improvement.yml"}
    assert (GITHUB / "PULL_REQUEST_TEMPLATE.md").is_file()


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_matches_githubs_schema(workflow: Path) -> None:
    code, output = validate("vendor.github-workflows", workflow)
    assert code == 0, output


@pytest.mark.parametrize("form", ISSUE_FORMS, ids=lambda path: path.name)
def test_issue_form_matches_githubs_schema(form: Path) -> None:
    code, output = validate("vendor.github-issue-forms", form)
    assert code == 0, output


def test_issue_chooser_settings_match_githubs_schema() -> None:
    config = ISSUE_TEMPLATES / "config.yml"
    code, output = validate("vendor.github-issue-config", config)
    assert code == 0, output
    assert load_yaml(config)["blank_issues_enabled"] is False


BROKEN_WORKFLOW = """\
name: Broken
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - name: A step cannot both use an action and run a command
        uses: actions/checkout@v6
        run: make test
    timeout-minutes: soon
"""

BROKEN_ISSUE_FORM = """\
name: Broken
description: A dropdown with no options and a field with no label.
body:
  - type: dropdown
    id: kind
    attributes:
      label: Kind
  - type: textarea
    attributes:
      description: no label
"""


def test_a_broken_workflow_fails_validation(tmp_path: Path) -> None:
    workflow = tmp_path / "broken.yml"
    workflow.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    code, output = validate("vendor.github-workflows", workflow)
    assert code == 1, output
    assert "broken.yml" in output


def test_a_broken_issue_form_fails_validation(tmp_path: Path) -> None:
    form = tmp_path / "broken.yml"
    form.write_text(BROKEN_ISSUE_FORM, encoding="utf-8")
    code, output = validate("vendor.github-issue-forms", form)
    assert code == 1, output


def test_actions_are_pinned_by_major_version() -> None:
    uses = [
        (path.name, match[1])
        for path in WORKFLOWS
        for match in re.finditer(r"^\s*(?:-\s+)?uses:\s*(\S+)", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert uses
    unpinned = [(name, action) for name, action in uses if not re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", action)]
    assert not unpinned, f"pin each action by its major version tag, e.g. actions/checkout@v6: {unpinned}"


def workflow_text(name: str) -> str:
    return (GITHUB / "workflows" / name).read_text(encoding="utf-8")


def triggers(workflow: dict) -> set[str]:
    """The events a workflow runs on, however `on:` is written (a name, a list or a mapping)."""
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    if isinstance(on, str):
        return {on}
    return set(on or ())


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def step_running(workflow: dict, job: str, command: str) -> tuple[int, dict]:
    """The first step of ``job`` whose `run:` contains ``command``, and its place."""
    found = [(place, step) for place, step in enumerate(steps(workflow, job)) if command in step.get("run", "")]
    assert found, f"no step runs {command!r}"
    return found[0]


def test_ci_tests_builds_and_keeps_the_offline_copy() -> None:
    ci = load_yaml(GITHUB / "workflows" / "ci.yml")
    assert {"pull_request", "push"} <= triggers(ci)
    assert ci["permissions"] == {"contents": "read"}
    text = workflow_text("ci.yml")
    for step in (
        "make test",
        "make build ENGINE=zensical",
        "make build\n",
        "make offline",
        "actions/upload-artifact@",
        "path: dist/",
    ):
        assert step in text, step


def test_ci_marks_problems_on_the_pull_requests_lines_before_the_long_steps() -> None:
    ci = load_yaml(GITHUB / "workflows" / "ci.yml")
    check, _ = step_running(ci, "test", "make check FORMAT=github")
    tests, _ = step_running(ci, "test", "make test")
    assert check < tests
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "$(BIN)/python -m guidekit check --format $(FORMAT)" in makefile


def test_ci_summarises_a_pull_request_and_keeps_a_preview() -> None:
    ci = load_yaml(GITHUB / "workflows" / "ci.yml")
    checkout = next(step for step in steps(ci, "test") if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "the summary needs the base branch's history"
    _, summary = step_running(ci, "test", "python -m guidekit pr-summary")
    assert "github.event_name == 'pull_request'" in summary["if"]
    assert summary["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert '--base "origin/$BASE_REF"' in summary["run"], "the base reaches the shell as a variable, not as code"
    preview = [step for step in steps(ci, "test") if step.get("with", {}).get("name") == "site-preview"]
    assert len(preview) == 1
    assert preview[0]["uses"].startswith("actions/upload-artifact@")
    assert preview[0]["if"] == "github.event_name == 'pull_request'"
    assert preview[0]["with"]["path"].split() == ["site/", "dist/*.zip"]
    _, last_build = max(
        (place, step) for place, step in enumerate(steps(ci, "test")) if step.get("run", "").startswith("make build")
    )
    assert last_build["run"] == "make build", "the preview is the MkDocs build, built last"


def workflows_triggered_by_pull_request_target(paths: list[Path]) -> list[str]:
    """The workflows that run on `pull_request_target`, which runs with the repository's secrets
    and a write token on the base branch's code, the usual start of running a fork's code with them."""
    return [path.name for path in paths if "pull_request_target" in triggers(load_yaml(path))]


def test_no_workflow_runs_on_pull_request_target() -> None:
    assert WORKFLOWS
    assert workflows_triggered_by_pull_request_target(WORKFLOWS) == []


@pytest.mark.parametrize(
    "on",
    ["pull_request_target", "[push, pull_request_target]", "\n  pull_request_target:\n    branches: [main]"],
)
def test_a_planted_pull_request_target_workflow_is_found(tmp_path: Path, on: str) -> None:
    planted = tmp_path / "planted.yml"
    planted.write_text(
        f"name: Planted\non: {on}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: 'true'\n",
        encoding="utf-8",
    )
    assert validate("vendor.github-workflows", planted)[0] == 0, "the planted file is otherwise a valid workflow"
    assert workflows_triggered_by_pull_request_target([*WORKFLOWS, planted]) == ["planted.yml"]


def test_every_data_file_is_watched_so_zensical_rebuilds_when_one_changes() -> None:
    """Zensical re-renders a page only when the page or something under `watch:` changed."""
    from guidekit.data.project import PATH_SETTINGS, load_project, read_config

    config = read_config(REPO / "mkdocs.yml")
    watched = [(REPO / path).resolve() for path in config.get("watch", [])]
    project = load_project(REPO / "mkdocs.yml")
    data_files = [getattr(project, name) for name in PATH_SETTINGS if name != "docs_dir" and getattr(project, name)]
    assert data_files
    unwatched = [path for path in data_files if not any(path.is_relative_to(folder) for folder in watched)]
    assert not unwatched, f"add their folder to `watch:` in mkdocs.yml: {unwatched}"


def test_deploy_publishes_to_pages_from_main_only() -> None:
    deploy = load_yaml(GITHUB / "workflows" / "deploy.yml")
    triggers = deploy.get("on", deploy.get(True))
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request" not in triggers
    assert deploy["concurrency"]["group"]
    job = deploy["jobs"]["deploy"]
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages"
    text = workflow_text("deploy.yml")
    assert "actions/upload-pages-artifact@" in text and "actions/deploy-pages@" in text


def test_external_links_are_tracked_in_an_issue_not_in_pull_requests() -> None:
    links = load_yaml(GITHUB / "workflows" / "links.yml")
    triggers = links.get("on", links.get(True))
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert triggers["schedule"][0]["cron"]
    text = workflow_text("links.yml")
    assert "lycheeverse/lychee-action@" in text and "peter-evans/create-issue-from-file@" in text
    assert "labels: external links" in text


@pytest.mark.parametrize("form", ISSUE_FORMS, ids=lambda path: path.name)
def test_issue_form_warns_against_personal_health_information(form: Path) -> None:
    data = load_yaml(form)
    text = form.read_text(encoding="utf-8")
    assert "Do not share your own health details" in text
    checklist = next(item for item in data["body"] if item["type"] == "checkboxes")
    labels = [option["label"] for option in checklist["attributes"]["options"]]
    assert any("personal health information" in label for label in labels)
    assert all(option.get("required") for option in checklist["attributes"]["options"])


def test_pull_request_template_asks_for_sources_changelog_and_both_reviews() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for part in (
        "## What changed",
        "## Sources",
        "docs/data/changelog.yml",
        "- date: YYYY-MM-DD\n  pages: [treatment.md]\n  change: One plain sentence",
        "**Clinical reviewer:**",
        "**Lay reader:**",
        "**Reading level**",
        "**Sources checked:**",
        "**No copied text:**",
        "## What should a reviewer concentrate on?",
    ):
        assert part in text, part


# The pre-commit hooks, run on a copy of the repository as a contributor's commit would run them.


def repository_copy(destination: Path) -> Path:
    """The repository's tracked and untracked (not ignored) files in a new git repository."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.decode("utf-8")
    copy = destination / "guide"
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file() or source.is_symlink():  # a file deleted but not yet staged is skipped
            target = copy / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
    # The hooks run the tools in .venv/; this copy shares the running environment.
    (copy / ".venv").symlink_to(BIN.parent, target_is_directory=True)
    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q"], cwd=copy, check=True)
    with (copy / ".git" / "info" / "exclude").open("a", encoding="utf-8") as exclude:
        exclude.write(".venv\n")
    subprocess.run(["git", "add", "-A"], cwd=copy, check=True)
    return copy


def pre_commit_all_files(copy: Path, home: Path) -> tuple[int, str]:
    for name in ("codespell", "pymarkdown", "ruff", "check-jsonschema"):
        tool(name)  # fail early, with the install command, if a hook's tool is missing
    return run([tool("pre-commit"), "run", "--all-files", "--color", "never"], copy, {"PRE_COMMIT_HOME": str(home)})


@pytest.mark.slow
def test_pre_commit_passes_on_the_repository(tmp_path: Path) -> None:
    copy = repository_copy(tmp_path)
    code, output = pre_commit_all_files(copy, tmp_path / "pre-commit-home")
    assert code == 0, output
    for hook in ("guide checks", "spelling (codespell)", "US spelling", "Markdown lint", "GitHub workflows"):
        assert re.search(rf"^{re.escape(hook)}.*Passed$", output, re.MULTILINE), f"{hook} did not run:\n{output}"


@pytest.mark.slow
def test_pre_commit_catches_mistakes(tmp_path: Path) -> None:
    copy = repository_copy(tmp_path)
    page = copy / "docs" / "about.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\nYou will recieve a leaflet about the tumour.\n\nSee https://example.org\n",
        encoding="utf-8",
    )
    (copy / ".github" / "workflows" / "broken.yml").write_text(BROKEN_WORKFLOW, encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=copy, check=True)
    code, output = pre_commit_all_files(copy, tmp_path / "pre-commit-home")
    assert code == 1, output
    for hook in ("spelling (codespell)", "US spelling in the pages", "Markdown lint", "GitHub workflows"):
        assert re.search(rf"^{re.escape(hook)}.*Failed$", output, re.MULTILINE), f"{hook} did not fail:\n{output}"
    assert "recieve ==> receive" in output and "tumour ==> tumor" in output
    assert "MD034" in output


# CONTRIBUTING.md explains every message the checks give.

# Every line names its rule, in brackets at the end: see tests/unit/test_rules.py.
LOCATED = re.compile(
    r"^(?P<path>[^\s:]+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+) \[(?P<rule>[a-z]+(?:-[a-z]+)*)\]$"
)


def documented_messages() -> list[str]:
    """The messages in the first column of CONTRIBUTING.md's tables under "What the checks say"."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    section = text.split("## What the checks say and how to fix it", 1)[1].split("\n## ", 1)[0]
    messages = []
    in_message_table = False
    for line in section.splitlines():
        if line.startswith("| message |"):
            in_message_table = True
        elif not line.startswith("|"):
            in_message_table = False  # e.g. the table of rules, keyed by id: tested in test_rules.py
        elif in_message_table and line.startswith("| `"):
            first_cell = line.split("|")[1]
            messages += re.findall(r"`([^`]+)`", first_cell)
    return messages


def message_pattern(documented: str) -> re.Pattern[str]:
    """A documented message as a pattern: each … stands for the part that changes."""
    return re.compile(".+".join(re.escape(part) for part in documented.split("…")))


def expected_messages() -> list[tuple[str, str]]:
    found = []
    for expected in sorted(CASES.glob("*/expected.txt")):
        for line in expected.read_text(encoding="utf-8").splitlines():
            if line.strip():
                match = LOCATED.match(line)
                assert match, f"{expected}: not a 'path:line:column: message [rule]' line: {line!r}"
                assert match["rule"] in RULES, f"{expected}: no rule {match['rule']!r}"
                found.append((expected.parent.name, match["message"]))
    return found


def test_contributing_documents_every_message_the_checks_give() -> None:
    patterns = [message_pattern(message) for message in documented_messages()]
    cases = expected_messages()
    assert len(patterns) >= 40 and len(cases) >= 50
    undocumented = sorted({message for _, message in cases if not any(p.fullmatch(message) for p in patterns)})
    assert not undocumented, (
        "add these messages, with how to fix them, to the tables in CONTRIBUTING.md's "
        f"'What the checks say and how to fix it' section: {undocumented}"
    )


def test_documented_messages_are_specific() -> None:
    """Each documented message keeps enough fixed words to match only its own kind."""
    for message in documented_messages():
        fixed = "".join(message.split("…"))
        assert len(fixed) >= 12, f"too vague to document a message: {message!r}"
    patterns = [message_pattern(message) for message in documented_messages()]
    assert not any(p.fullmatch("the moon is made of cheese") for p in patterns)
    assert not any(p.fullmatch("unknown citation ky 'x'") for p in patterns)


def plain_text(path: Path) -> str:
    """A Markdown file's text with bold marks removed and each run of white space made one space."""
    return " ".join(path.read_text(encoding="utf-8").replace("**", "").split())


def test_contributing_and_style_guide_cover_the_essentials() -> None:
    contributing = plain_text(CONTRIBUTING)
    for part in (
        "no clinician has reviewed this guide yet",
        "docs/data/glossary.yml",
        "docs/data/bibliography.yml",
        "[@nci-metastatic-cancer; @temel-early-palliative-care]",
        "`n.d.`",
        "python -m guidekit chart",
        "python -m guidekit readability",
        "<figure markdown>",
        "Never pre-fill reviewer names",
        ".venv/bin/pre-commit install",
        "docs/data/changelog.yml",
    ):
        assert part.lower() in contributing.lower(), part
    style = plain_text(REPO / "STYLE_GUIDE.md")
    for part in (
        "US grade 8 or below",
        "Flesch reading ease of 60 or more",
        "about 1 in 3 people (33%)",
        "No battle metaphors",
        '!!! danger "Call your local emergency number now"',
        '!!! warning "Contact your care team urgently"',
        "Never give one country's number",
        "US English",
        '!!! abstract "Key points"',
    ):
        assert part in style, part
