"""``python -m guidekit``: the guide's command-line tool."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from guidekit.check import check_editions, check_project
from guidekit.core.dates import ClockError
from guidekit.core.problems import Severity, is_fatal
from guidekit.core.report_formats import FORMATS, github_report, json_report
from guidekit.core.rules import explain
from guidekit.core.words import Words, words_for
from guidekit.data.bibliography import Reference
from guidekit.data.load import GuideData, load_project_data
from guidekit.data.project import Project, SetupError, load_project, read_config, site_base_path
from guidekit.data.survival import read_labels
from guidekit.release.publish import ENGINES, build_site
from guidekit.release.site_links import find_broken_links, read_site
from guidekit.review.git import GitError, merge_base, repository_root


def command_check(args: argparse.Namespace) -> int:
    """Check glossary links, citations and the data files; print every problem; exit 1 if any."""
    if args.explain:
        return _explain(args.explain)
    project = _project(args)
    if project is None:
        return 2
    problems = check_editions(project)
    failing = [p for p in problems if is_fatal(p, args.strict)]
    # Workflow commands go to stdout, the stream GitHub documents ("sent to the runner over stdout",
    # docs.github.com, workflow commands). Its runner reads stderr too (actions/runner ScriptHandler.cs
    # gives both streams an OutputManager), but stdout keeps them apart from the count line for people,
    # and lets JSON be piped. Plain text stays on stderr, as before.
    if args.format == "github":
        sys.stdout.write(github_report(problems, _repository_prefix(project)))
    elif args.format == "json":
        sys.stdout.write(json_report(problems))
    else:
        for problem in problems:
            print(problem.report_line, file=sys.stderr)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    if problems:
        mode = "" if args.strict else " (warnings allowed: --no-strict)"
        print(f"guide check: {errors} error(s), {warnings} warning(s){mode}", file=sys.stderr)
    else:
        print("guide check: no problems found", file=sys.stderr)
    return 1 if failing else 0


def _repository_prefix(project: Project) -> str:
    """The guide's folder inside its git repository ("" at the top, or outside git).

    Problems name paths from the folder of mkdocs.yml; GitHub places an annotation only by the
    path from the repository's top, so a guide kept in a subfolder needs that folder in front.
    """
    try:
        top = repository_root(project.root)
    except GitError:
        return ""
    relative = project.root.resolve().relative_to(top.resolve()).as_posix()
    return "" if relative == "." else relative


def _explain(rule_id: str) -> int:
    """Print what a rule means and how to fix what it reports, as ``ruff rule`` does."""
    try:
        print(explain(rule_id), end="")
    except KeyError as error:
        print(f"error: {error.args[0]}", file=sys.stderr)
        return 2
    return 0


def command_linkcheck(args: argparse.Namespace) -> int:
    """Check that every internal link, asset and anchor in a built site resolves; print each broken one."""
    site_dir = Path(args.site_dir)
    if not site_dir.is_dir():
        print(f"error: {site_dir}: no such folder; build the site first (make build)", file=sys.stderr)
        return 2
    base_path = args.base_path
    if base_path is None:
        # The site is served under site_url's path (e.g. /guide/): absolute links in 404.html start with it.
        config = Path("mkdocs.yml")
        try:
            base_path = site_base_path(config) if config.is_file() else "/"
        except SetupError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    site = read_site(site_dir)
    broken = find_broken_links(site, base_path, site_dir.as_posix())
    for link in broken:
        print(link, file=sys.stderr)
    pages = len(site.pages)
    if broken:
        broken_pages = len({link.page for link in broken})
        print(f"site links: {len(broken)} broken link(s) in {broken_pages} page(s)", file=sys.stderr)
        return 1
    print(f"site links: all {site.reference_count} links in {pages} page(s) resolve", file=sys.stderr)
    return 0


def _checks_before(engine: str, args: argparse.Namespace) -> int:
    """For an engine without the MkDocs hook, the checks first: 0 to go on, else the exit status.

    MkDocs runs them in its hook. Zensical runs none but the extension's, which would stop the build
    too, less readably: so they run here as `make check` runs them, with every page rendered, and
    HTML refused only once rendered (an attribute list's `onclick=`) is listed without a traceback.
    """
    if engine == "mkdocs":
        return 0
    project = _project(args)
    if project is None:
        return 2
    # Each translation is checked by its own build (the extension checks the pages it is given).
    problems = check_project(project)
    for problem in problems:
        print(problem.report_line, file=sys.stderr)
    if problems:
        print(f"{args.command}: {len(problems)} content problem(s), listed above; nothing was built", file=sys.stderr)
        return 1
    return 0


def command_build(args: argparse.Namespace) -> int:
    """Check the guide, build the site strictly into a temporary folder, replace SITE_DIR only if both passed."""
    config = Path(args.config).resolve()
    return _checks_before(args.engine, args) or build_site(
        config.parent, Path(args.site_dir), config, engine=args.engine
    )


def _reading_pages(args: argparse.Namespace) -> list[tuple[Path, str]] | None:
    """The pages to measure, each with its language; None after saying why the guide cannot be read.

    Pages given by name, or the pages of --docs-dir, take the language of the edition whose
    docs_dir holds them (English when none does); by default every edition's docs_dir is read.
    """
    config = Path(args.config)
    editions: list[Project] = []
    if config.is_file():  # without a configuration (a bare folder of pages), everything is English
        try:
            main = load_project(config)
            editions = [main, *(load_project(item) for item in main.translations)]
        except SetupError as error:
            print(f"readability: {error}", file=sys.stderr)
            return None

    def language_of(path: Path) -> str:
        resolved = path.resolve()
        for edition in editions:
            if resolved == edition.docs_dir or edition.docs_dir in resolved.parents:
                return edition.language
        return "en"

    if args.pages:
        return [(Path(page), language_of(Path(page))) for page in args.pages]
    if args.docs_dir is not None or not editions:
        folder = Path(args.docs_dir or "docs")
        return [(path, language_of(folder)) for path in sorted(folder.rglob("*.md"))]
    here = Path.cwd().resolve()
    pages = []
    for edition in editions:
        # Shown as a contributor types them: relative to where the command runs, when inside it.
        folder = edition.docs_dir.relative_to(here) if here in edition.docs_dir.parents else edition.docs_dir
        pages += [(path, edition.language) for path in sorted(folder.rglob("*.md"))]
    return pages


def command_readability(args: argparse.Namespace) -> int:
    """Report each page's words, Flesch-Kincaid grade and Flesch reading ease (Fernández-Huerta and
    Szigriszt-Pazos for a Spanish page); exit 1 if one is too hard."""
    from guidekit.release.readability import (  # Markdown and textstat: only this command needs them
        MAX_GRADE,
        MIN_EASE,
        MIN_FERNANDEZ_HUERTA,
        is_spanish,
        measure,
        measure_spanish,
    )

    pages = _reading_pages(args)
    if pages is None:
        return 2
    english = [path for path, language in pages if not is_spanish(language)]
    spanish = [path for path, language in pages if is_spanish(language)]
    failing = 0
    texts: dict[Path, str] = {}
    for path, _ in pages:
        try:
            texts[path] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            print(f"{path}: cannot read: {error}", file=sys.stderr)
            failing += 1
    if english or not spanish:
        print(f"{'page':40} {'words':>6} {'grade':>6} {'ease':>6}")
    for path in english:
        if path not in texts:
            continue
        score = measure(texts[path])
        verdict = "" if score.passes else f"  too hard: aim for grade <= {MAX_GRADE:g} and ease >= {MIN_EASE:g}"
        failing += not score.passes
        print(f"{path.as_posix():40} {score.words:6d} {score.grade:6.1f} {score.ease:6.1f}{verdict}")
    if spanish:
        print(f"{'page':40} {'words':>6} {'Fernández-Huerta':>17} {'Szigriszt-Pazos':>16}")
    for path in spanish:
        if path not in texts:
            continue
        spanish_score = measure_spanish(texts[path])
        verdict = "" if spanish_score.passes else f"  too hard: aim for Fernández-Huerta >= {MIN_FERNANDEZ_HUERTA:g}"
        failing += not spanish_score.passes
        print(
            f"{path.as_posix():40} {spanish_score.words:6d} {spanish_score.fernandez_huerta:17.1f}"
            f" {spanish_score.szigriszt_pazos:16.1f}{verdict}"
        )
    return 1 if failing else 0


def command_pr_summary(args: argparse.Namespace) -> int:
    """Say what this branch changes in the guide since it left BASE: pages (reading grade, sources,
    glossary terms, review), new bibliography and glossary entries, the changelog, and where the
    changed pages are in the preview. Appends Markdown to $GITHUB_STEP_SUMMARY, or prints it."""
    from guidekit.core.dates import today
    from guidekit.review.summary import collect, render

    project = _project(args)
    if project is None:
        return 2
    try:
        root = repository_root(project.root)
        base_commit = merge_base(root, args.base)
        directory_urls = read_config(project.config_file).get("use_directory_urls", True) is not False
        text = render(collect(root, project, args.base, base_commit, today(), directory_urls))
    except (GitError, SetupError) as error:
        print(f"pr-summary: {error}", file=sys.stderr)
        return 2
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        print(text, end="")
        return 0
    try:
        with open(target, "a", encoding="utf-8") as summary:  # appended: other steps write there too
            summary.write(text)
    except OSError as error:
        print(f"pr-summary: cannot write {target}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"pr-summary: written to {target}", file=sys.stderr)
    return 0


CHART_IN_DOCS = Path("images/survival-distant.svg")  # in each edition's docs_dir


def _project(args: argparse.Namespace) -> Project | None:
    """The guide named by --config, or None after saying why it cannot be read."""
    try:
        return load_project(Path(args.config))
    except SetupError as error:
        print(f"error: {error}", file=sys.stderr)
        return None


def _load_data(args: argparse.Namespace) -> tuple[Project, GuideData] | None:
    """The guide and its parsed data files (glossary, bibliography, survival data)."""
    project = _project(args)
    if project is None:
        return None
    return project, load_project_data(project)


def _published_by(reference: Reference, words: Words) -> str:
    """Who published a source, in a few words: the organization, else the journal, else the title."""
    if reference.publisher:
        return reference.publisher
    if reference.container_title:
        return words.journal.format(name=reference.container_title)
    return reference.title


def _chart_problem(project: Project, data: GuideData) -> int:
    for problem in data.problems:
        print(problem, file=sys.stderr)
    print(f"chart: the survival data could not be read ({project.config_file.name})", file=sys.stderr)
    return 1


def command_chart(args: argparse.Namespace) -> int:
    """Draw the survival chart of the guide and of each translation (its names, the same figures);
    with --check, only say whether one is stale."""
    from guidekit.render.survival_chart import render_chart  # only this command draws

    loaded = _load_data(args)
    if loaded is None:
        return 2
    main, _ = loaded
    try:
        editions = [main, *(load_project(config) for config in main.translations)]
    except SetupError as error:
        print(f"chart: {error}", file=sys.stderr)
        return 2
    stale = 0
    for project in editions:
        data = load_project_data(project)
        if data.survival is None:
            return _chart_problem(project, data)
        references = data.bibliography.references
        words = words_for(project.language)
        publishers = {key: _published_by(references[key], words) for key in data.survival.sources if key in references}
        labels = read_labels(project.survival_labels) if project.survival_labels else {}
        svg = render_chart(data.survival, publishers, words, labels)
        target = project.docs_dir / CHART_IN_DOCS
        name = project.display(target)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if args.check:
            if current != svg:
                print(f"{name}: stale; run `python -m guidekit chart` and commit the result", file=sys.stderr)
                stale += 1
            else:
                print(f"{name}: up to date", file=sys.stderr)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(svg, encoding="utf-8")
        print(f"wrote {name} ({len(svg.encode())} bytes)", file=sys.stderr)
    return 1 if stale else 0


def command_budget(args: argparse.Namespace) -> int:
    """Measure each page's first visit (requests, gzip bytes) in Chromium; exit 1 if a chapter is over 100 KiB."""
    from guidekit.release.page_weight import main as budget_main  # Playwright is a test-only dependency

    project = _project(args)
    if project is None:
        return 2
    chapters = {path.stem + "/" for path in project.docs_dir.glob("*.md") if path.stem != "index"}
    return budget_main(Path(args.site_dir), chapters)


def command_offline(args: argparse.Namespace) -> int:
    """Build the offline copy (a zip that works from disk) and the printable PDF into dist/, with SHA256SUMS."""
    from guidekit.release.offline import build_offline  # builds and prints: only this command needs a browser

    root = Path(args.config).resolve().parent
    return _checks_before(args.engine, args) or build_offline(root, Path(args.dist).resolve(), args.paper, args.engine)


def command_new_term(args: argparse.Namespace) -> int:
    """Print a glossary entry to paste into the glossary file, and the link to use in a page."""
    from guidekit.data.glossary import slugify

    loaded = _load_data(args)
    if loaded is None:
        return 2
    project, data = loaded
    slug = slugify(args.term)
    if not slug:
        print(f"new-term: {args.term!r} needs at least one letter or digit", file=sys.stderr)
        return 1
    existing = data.glossary.terms.get(slug)
    if existing is not None:
        print(f"new-term: the glossary already has {existing.name!r}; link it as glossary.md#{slug}", file=sys.stderr)
        return 1
    lines = [f"- term: {args.term}"]
    if args.abbreviation:
        lines.append(f"  abbreviation: {args.abbreviation}")
    lines += ["  definition: >-", "    One to three short, plain sentences (grade 6 to 8) saying what it is."]
    print("\n".join(lines))
    print(f"# Add it to {project.display(project.glossary)}; link it on its first use in a page as", file=sys.stderr)
    print(f"# [{args.term.lower()}](glossary.md#{slug})", file=sys.stderr)
    return 0


def command_new_reference(args: argparse.Namespace) -> int:
    """Print a CSL-YAML bibliography entry to fill in, with today as the day the source was read."""
    import re

    from guidekit.core.dates import today
    from guidekit.data.bibliography import WEB_TYPES
    from guidekit.source.citations import KEY_PATTERN

    loaded = _load_data(args)
    if loaded is None:
        return 2
    project, data = loaded
    if not re.fullmatch(KEY_PATTERN, args.key):
        print(
            f"new-reference: {args.key!r} is not a usable key; use letters, digits and - (publisher-topic)",
            file=sys.stderr,
        )
        return 1
    if args.key in data.bibliography.references:
        print(f"new-reference: the bibliography already has {args.key!r}; cite it as [@{args.key}]", file=sys.stderr)
        return 1
    lines = [f"- id: {args.key}", f"  type: {args.type}", '  title: "The title as the source shows it"']
    if args.type == "article-journal":
        lines += [
            "  author:",
            "    - family: Family name",
            "      given: Given names",
            "  container-title: Journal name",
        ]
        lines += ["  issued: YYYY-MM-DD", "  DOI: 10.xxxx/xxxxx"]
    else:
        lines += [
            "  publisher: The organization that publishes it",
            "  issued: YYYY-MM-DD  # or n.d. if the page shows no date",
        ]
        lines += ["  URL: https://"]
    if args.type in WEB_TYPES:
        lines.append(f"  accessed: {today().isoformat()}")
    print("\n".join(lines))
    print(
        f"# Add it to {project.display(project.bibliography)}, fill it in, then cite it as [@{args.key}]",
        file=sys.stderr,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m guidekit", description="Tools for the metastatic cancer guide.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check", help="check glossary links, citations and data files", description=command_check.__doc__
    )
    check.add_argument("--config", default="mkdocs.yml", help="the site configuration (default: mkdocs.yml)")
    check.add_argument(
        "--no-strict", dest="strict", action="store_false", help="do not fail on warnings (unused terms or sources)"
    )
    check.add_argument(
        "--explain", metavar="RULE", help="say what a rule (the [id] after a message) means and how to fix it"
    )
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text for people (default, on stderr); github: workflow commands that mark each line "
        "in a pull request; json: for other tools (both on stdout)",
    )
    check.set_defaults(handler=command_check)
    summary = commands.add_parser(
        "pr-summary",
        help="what this branch changes in the guide, for a pull request",
        description=command_pr_summary.__doc__,
    )
    summary.add_argument(
        "--base", default="origin/main", help="the branch the pull request goes into (default: origin/main)"
    )
    summary.add_argument("--config", default="mkdocs.yml", help="the site configuration (default: mkdocs.yml)")
    summary.set_defaults(handler=command_pr_summary)
    linkcheck = commands.add_parser(
        "linkcheck", help="check internal links and anchors in a built site", description=command_linkcheck.__doc__
    )
    linkcheck.add_argument("site_dir", nargs="?", default="site", help="the built site folder (default: site)")
    linkcheck.add_argument(
        "--base-path",
        help="the path the site is served under, e.g. /guide/ (default: from site_url in mkdocs.yml, else /)",
    )
    linkcheck.set_defaults(handler=command_linkcheck)
    build = commands.add_parser("build", help="build the site safely into site/", description=command_build.__doc__)
    build.add_argument("--config", default="mkdocs.yml", help="the site configuration (default: mkdocs.yml)")
    build.add_argument("--site-dir", default="site", help="where to publish the site (default: site)")
    build.add_argument(
        "--engine",
        choices=ENGINES,
        default="mkdocs",
        help="the site builder (default: mkdocs; zensical after 2027-05-05)",
    )
    build.set_defaults(handler=command_build)
    readability = commands.add_parser(
        "readability", help="reading level of each page", description=command_readability.__doc__
    )
    readability.add_argument(
        "pages", nargs="*", help="pages to measure (default: every page of docs/ and of each translation)"
    )
    readability.add_argument(
        "--docs-dir", help="the pages folder; a translation's folder (docs-es) is measured in its language"
    )
    readability.add_argument("--config", default="mkdocs.yml", help="the site configuration (default: mkdocs.yml)")
    readability.set_defaults(handler=command_readability)
    chart = commands.add_parser(
        "figures",
        aliases=["chart"],
        help="redraw the generated figures (the survival chart) from their data",
        description=command_chart.__doc__,
    )
    chart.add_argument("--config", default="mkdocs.yml", help="the site configuration (default: mkdocs.yml)")
    chart.add_argument("--check", action="store_true", help="do not write; exit 1 if the chart is stale")
    chart.set_defaults(handler=command_chart)
    budget = commands.add_parser(
        "budget", help="bytes and requests of each page's first visit", description=command_budget.__doc__
    )
    budget.add_argument("site_dir", nargs="?", default="site", help="the built site (default: site)")
    budget.add_argument("--config", default="mkdocs.yml", help="the site configuration (default: mkdocs.yml)")
    budget.set_defaults(handler=command_budget)
    offline = commands.add_parser(
        "offline", help="build the offline zip and the PDF", description=command_offline.__doc__
    )
    offline.add_argument("--config", default="mkdocs.yml", help="the site configuration (default: mkdocs.yml)")
    offline.add_argument("--dist", default="dist", help="where to write the files (default: dist)")
    offline.add_argument("--paper", choices=["A4", "Letter"], default="A4", help="paper size of the PDF (default: A4)")
    offline.add_argument(
        "--engine", choices=ENGINES, default="mkdocs", help="the site builder of the offline copy (default: mkdocs)"
    )
    offline.set_defaults(handler=command_offline)
    term = commands.add_parser("new-term", help="a glossary entry to fill in", description=command_new_term.__doc__)
    term.add_argument("term", help="the term as readers should see it, e.g. 'Bone scan'")
    term.add_argument("--abbreviation", help="an abbreviation, if the term has one (e.g. CT)")
    term.add_argument("--config", default="mkdocs.yml", help="the site configuration (default: mkdocs.yml)")
    term.set_defaults(handler=command_new_term)
    reference = commands.add_parser(
        "new-reference", help="a bibliography entry to fill in", description=command_new_reference.__doc__
    )
    reference.add_argument("key", help="the citation key, publisher-topic or firstauthor-topic (e.g. nci-pain-control)")
    reference.add_argument("--type", default="webpage", choices=["webpage", "article-journal", "report", "book"])
    reference.add_argument("--config", default="mkdocs.yml", help="the site configuration (default: mkdocs.yml)")
    reference.set_defaults(handler=command_new_reference)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except ClockError as error:  # a setup mistake, named once, before any page is judged by it
        print(f"error: {error}", file=sys.stderr)
        return 2
