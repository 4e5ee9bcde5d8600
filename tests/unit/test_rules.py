"""Rule ids: every problem names one, CONTRIBUTING lists them all, `--explain` tells each, and a
guide can set their levels in mkdocs.yml (never for the rules that keep readers safe)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, make_site, run_mkdocs_build
from guidekit.check import check_project
from guidekit.cli import main
from guidekit.core.problems import Problem, Severity, apply_levels
from guidekit.core.rules import RULES, Level, RuleConfigError, explain, rule_levels
from guidekit.data.project import SetupError, load_project

CONTRIBUTING = REPO / "CONTRIBUTING.md"


def contributing_rules() -> dict[str, tuple[str, str]]:
    """CONTRIBUTING's table of rules: id -> (what it checks, level)."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    table = text.split("### Every rule", 1)[1].split("\n### ", 1)[0]
    rows = {}
    for line in table.splitlines():
        match = re.match(r"^\| `(?P<id>[a-z0-9-]+)` \| (?P<summary>.+) \| (?P<level>[a-z ()]+) \|$", line)
        if match:
            rows[match["id"]] = (match["summary"], match["level"])
    return rows


def test_contributing_lists_every_rule_as_declared() -> None:
    expected = {
        rule.id: (rule.summary, rule.level.value + (" (fixed)" if rule.fixed else "")) for rule in RULES.values()
    }
    assert contributing_rules() == expected


def test_ids_are_stable_names() -> None:
    assert len(RULES) >= 40
    for rule_id in RULES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule_id), rule_id


def test_a_problem_gets_its_rules_level_and_an_unknown_rule_is_a_code_mistake() -> None:
    assert Problem("a.yml", 1, 1, "x", rule="unused-term").severity is Severity.WARNING
    assert Problem("a.yml", 1, 1, "x", rule="citation-unknown-key").severity is Severity.ERROR
    assert Problem("a.yml", 1, 1, "x", rule="citation-unknown-key").report_line == "a.yml:1:1: x [citation-unknown-key]"
    with pytest.raises(ValueError, match="unknown rule id 'no-such-rule'"):
        Problem("a.yml", 1, 1, "x", rule="no-such-rule")


def test_levels_from_the_setting() -> None:
    problems = [
        Problem("a.md", 1, 1, "long", rule="line-length"),
        Problem("a.md", 2, 1, "alt", rule="image-alt"),
        Problem("g.yml", 3, 1, "unused", rule="unused-term"),
    ]
    levels = rule_levels({"line-length": "ignore", "image-alt": "warning", "unused-term": "ERROR"})
    assert [(p.line, p.severity) for p in apply_levels(problems, levels)] == [
        (2, Severity.WARNING),
        (3, Severity.ERROR),
    ]
    assert apply_levels(problems, rule_levels(None)) == problems


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ({"line-lenght": "warning"}, "'rules' names no rule 'line-lenght'; did you mean 'line-length'?"),
        ({"line-length": "off"}, "'rules' sets 'line-length' to 'off'; use one of: error, warning, ignore"),
        (
            {"html-element": "ignore"},
            "'rules' cannot change 'html-element': it keeps readers safe or the checks working",
        ),
        (["line-length"], "the 'rules' setting of guidekit.extension must map rule ids to error, warning or ignore"),
    ],
)
def test_a_wrong_setting_is_named(setting: object, message: str) -> None:
    with pytest.raises(RuleConfigError) as caught:
        rule_levels(setting)
    assert str(caught.value) == message


def test_explain_tells_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    for rule_id, rule in RULES.items():
        assert main(["check", "--explain", rule_id]) == 0
        out = capsys.readouterr().out
        assert out == explain(rule_id)
        assert out.startswith(f"{rule_id}\n") and rule.summary in out and rule.fix in out
    assert main(["check", "--explain", "unused-trem"]) == 2
    assert capsys.readouterr().err == "error: no rule 'unused-trem'; did you mean 'unused-term'?\n"


def _with_rules(site: Path, rules: str) -> Path:
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - guidekit.extension:\n" in text
    config.write_text(text.replace("  - guidekit.extension:\n", f"  - guidekit.extension:\n      rules:\n{rules}"))
    return config


def test_a_guide_lowers_a_rule_for_the_checks(tmp_path: Path) -> None:
    site = make_site(tmp_path, "image-without-alt-text")
    found = check_project(load_project(site / "mkdocs.yml"))
    assert {p.rule for p in found} == {"image-alt"}
    found = check_project(load_project(_with_rules(site, "        image-alt: ignore\n")))
    assert found == []


def test_a_misspelt_rule_stops_the_check_and_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path)
    config = _with_rules(site, "        imgae-alt: ignore\n")
    with pytest.raises(SetupError, match="'rules' names no rule 'imgae-alt'; did you mean 'image-alt'"):
        load_project(config)
    assert main(["check", "--config", str(config)]) == 2
    assert "did you mean 'image-alt'?" in capsys.readouterr().err
    build = run_mkdocs_build(site)
    assert build.returncode != 0
    assert "'rules' names no rule 'imgae-alt'; did you mean 'image-alt'?" in build.output
    assert "Traceback" not in build.output


def test_levels_are_values() -> None:
    assert [level.value for level in Level] == ["error", "warning", "ignore"]
