"""``make site``: a static HTML site of the notebooks, glossary, teaching pages and figures.

Usage: ``python tools/build_site.py [OUTDIR]`` (default ``build/site``). Works offline.

Pages, in reading order (previous/next links follow it):

1. ``index.html``: title and first paragraph of ``README.md``, how to run the
   notebooks, and the notebooks in teaching order, each with its title and the
   first sentence of its italic overview line;
2. ``notebooks/NN_*.html``: every ``notebooks/*.ipynb`` with its stored outputs;
3. ``notebooks/*.html`` from ``notebooks/*.md`` (the glossary);
4. ``teaching/**/*.html`` from ``teaching/**/*.md``, when that folder exists;
5. ``figures.html``: every PNG in ``figures/`` with a caption;
6. ``README.html``: the README itself (notebooks link to its sections).

The site keeps the repository's folder layout, so a relative link that works on
GitHub works here once ``.ipynb`` and ``.md`` become ``.html``. Images a page
uses are copied beside it; a link to another repository file (``LICENSE``,
``data/...``) points to that file on GitHub, at the repository named by the
Binder badge in ``README.md`` (the one place the repository path is written).

Everything is rendered by nbconvert (already pinned; jinja2 and mistune come
with it) through the small template in ``tools/site_template/``: JupyterLab's
stylesheet, no scripts at all. Live widgets cannot run in a static page, so
each widget output is replaced by what the notebook stored with it: a panel's
PNG snapshot and text readout, or a question box's text. Math is converted to MathML (``latex2mathml``), which
Chromium, Firefox and Safari draw without MathJax.
"""

from __future__ import annotations

import argparse
import html
import posixpath
import re
import shutil
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jinja2 import pass_context
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor, Preprocessor

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIR = Path(__file__).resolve().parent / "site_template"
TEMPLATE_NAME = "glutemed_site"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
BADGE_RE = re.compile(r"https://mybinder\.org/v2/gh/([\w.-]+/[\w.-]+)/([^?)\s]+)")


@dataclass
class Page:
    """One HTML page of the site.

    ``source`` is the repository-relative POSIX path it is made from (``None``
    for the generated index and figure pages); ``output`` the site-relative
    path it is written to.
    """

    output: str
    title: str
    kind: str  # "index", "notebook", "markdown" or "figures"
    source: str | None = None
    summary: str = ""


@dataclass
class Site:
    """What every page needs to know about the others while it is rendered."""

    root: Path
    out: Path
    pages: list[Page]
    repo: str | None  # GitHub "owner/name", read from the Binder badge
    warnings: list[str] = field(default_factory=list)

    def page_for_source(self, source: str) -> Page | None:
        return next((p for p in self.pages if p.source == source), None)


# --------------------------------------------------------------------------- text helpers

def plain_text(markdown: str) -> str:
    """Markdown reduced to one line of plain text (for alt text and summaries).

    >>> plain_text("**Figure 2.** The [moment arm](glossary.md#moment-arm) of `gm`, *in cm*.")
    'Figure 2. The moment arm of gm, in cm.'
    """
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return re.sub(r"\s+", " ", text).strip()


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph.

    >>> first_sentence("Stand on one leg. Your pelvis tilts. ")
    'Stand on one leg.'
    >>> first_sentence("No full stop")
    'No full stop'
    """
    m = re.match(r"(.+?[.!?])(\s|$)", text.strip())
    return m.group(1) if m else text.strip()


def markdown_title(text: str, fallback: str) -> str:
    """The first level-1 heading of a Markdown text, else ``fallback``.

    >>> markdown_title("intro\\n# Glossary\\n\\ntext", "x")
    'Glossary'
    """
    m = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.M)
    return plain_text(m.group(1)) if m else fallback


def markdown_summary(text: str) -> str:
    """The first sentence of the first paragraph after the title, as plain text.

    An italic overview line (``*...*``) is preferred, as the notebooks open with one.

    >>> markdown_summary("# 02 · Moment arms\\n\\n*How far each portion pulls. More.*")
    'How far each portion pulls.'
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    body = [p for p in paragraphs if not p.startswith(("#", "<a id", "[!["))]
    italic = [p for p in body if re.fullmatch(r"\*[^*].*[^*]\*", p, re.S)]
    chosen = (italic or body or [""])[0]
    return first_sentence(plain_text(chosen))


def offline_images(markdown: str) -> str:
    """Images from the web (badges) become plain links, so that every page works offline.

    >>> offline_images("[![Binder](https://b.org/badge.svg)](https://b.org/v2) and ![logo](http://x.org/l.png)")
    '[Binder](https://b.org/v2) and [logo](http://x.org/l.png)'
    """
    markdown = re.sub(r"\[!\[([^\]]*)\]\(https?://[^)\s]*\)\]\(([^)\s]+)\)", r"[\1](\2)", markdown)
    return re.sub(r"!\[([^\]]*)\]\((https?://[^)\s]+)\)", r"[\1](\2)", markdown)


def github_slug(heading_html: str) -> str:
    """The id GitHub gives a Markdown heading.

    >>> github_slug("Quick start")
    'quick-start'
    >>> github_slug("00 · Start <em>here</em>: how")
    '00--start-here-how'
    """
    text = html.unescape(re.sub(r"<[^>]+>", "", heading_html)).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def binder_repo(readme: str) -> str | None:
    """The GitHub ``owner/name`` in the Binder badge of ``README.md``.

    >>> binder_repo("[![Binder](b.svg)](https://mybinder.org/v2/gh/owner/name/HEAD?labpath=x)")
    'owner/name'
    """
    m = BADGE_RE.search(readme)
    return m.group(1) if m else None


def binder_url(repo: str | None, notebook: str) -> str | None:
    """A Binder link that opens ``notebook`` (repository-relative) in JupyterLab.

    >>> binder_url("owner/name", "notebooks/02_x.ipynb")
    'https://mybinder.org/v2/gh/owner/name/HEAD?labpath=notebooks%2F02_x.ipynb'
    """
    if repo is None:
        return None
    return f"https://mybinder.org/v2/gh/{repo}/HEAD?labpath={urllib.parse.quote(notebook, safe='')}"


def relative_url(target: str, page_output: str) -> str:
    """A site-relative path as seen from the page at ``page_output``.

    >>> relative_url("figures/a.png", "notebooks/01.html")
    '../figures/a.png'
    >>> relative_url("index.html", "index.html")
    'index.html'
    """
    return posixpath.relpath(target, posixpath.dirname(page_output) or ".")


# --------------------------------------------------------------------------- pages

def html_name(source: str) -> str:
    """``notebooks/01_x.ipynb`` -> ``notebooks/01_x.html``."""
    return posixpath.splitext(source)[0] + ".html"


def discover_pages(root: Path) -> list[Page]:
    """Every page of the site, in reading order (see the module docstring)."""
    pages = [Page("index.html", markdown_title(_read(root / "README.md"), "glutemed"), "index")]
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
        source = path.relative_to(root).as_posix()
        pages.append(Page(html_name(source), markdown_title(first, path.stem), "notebook", source,
                          markdown_summary(first)))
    markdown = sorted((root / "notebooks").glob("*.md"))
    if (root / "teaching").is_dir():
        markdown += sorted((root / "teaching").rglob("*.md"))
    for path in markdown:
        text, source = _read(path), path.relative_to(root).as_posix()
        pages.append(Page(html_name(source), markdown_title(text, path.stem), "markdown", source,
                          markdown_summary(text)))
    if sorted((root / "figures").glob("*.png")):
        pages.append(Page("figures.html", "Figures", "figures", summary="the static figures of the notebooks, "
                          "each with its description."))
    if (root / "README.md").exists():
        pages.append(Page("README.html", "About this project (README)", "markdown", "README.md",
                          "how to run and test it, the library, data sources, how to cite, licence."))
    return pages


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _is_teaching(page: Page) -> bool:
    return bool(page.source and page.source.startswith("teaching/"))


def index_markdown(site: Site) -> str:
    """The landing page's Markdown: what glutemed is, how to run it, and the page list."""
    readme = _read(site.root / "README.md")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", readme) if p.strip()]
    intro = next((p for p in paragraphs if not p.startswith(("#", "[![", "!["))), "")
    link = binder_url(site.repo, "notebooks/00_start_here.ipynb")
    where = f"on [Binder]({link}) (nothing to install), " if link else ""
    lines = [f"# {site.pages[0].title}", "", intro, "",
             "This site is a static copy for reading and printing: every notebook with its stored outputs, "
             "and a snapshot of each interactive panel. To move the sliders and check answers, run the "
             f"notebooks {where}on a JupyterHub, or on your own computer with `make lab` (see the README).", ""]
    groups = [
        ("The notebooks, in teaching order", [p for p in site.pages if p.kind == "notebook"]),
        ("For teachers", [p for p in site.pages if _is_teaching(p)]),
        ("Reference", [p for p in site.pages if p.kind in ("markdown", "figures") and not _is_teaching(p)]),
    ]
    for heading, members in groups:
        if not members:
            continue
        lines += [f"## {heading}", ""]
        for n, page in enumerate(members, 1):
            bullet = f"{n}." if page.kind == "notebook" else "-"
            summary = f": {page.summary}" if page.summary else ""
            lines.append(f"{bullet} [{page.title}]({page.source or page.output}){summary}")
        lines.append("")
    return "\n".join(lines)


def figure_captions(root: Path) -> dict[str, str]:
    """A caption for every ``figures/*.png``: the README's alt text, else the figure function's docstring."""
    captions: dict[str, str] = {}
    try:
        from glutemed.figures import FIGURES
    except ImportError:  # the site can be built without the package; captions fall back to names
        FIGURES = {}
    for name, make in FIGURES.items():
        if make.__doc__:
            captions[name] = make.__doc__.strip().splitlines()[0]
    for alt, target in re.findall(r"!\[([^\]]+)\]\(figures/([^)\s]+)\)", _read(root / "README.md")):
        captions[target] = alt
    return captions


def figures_markdown(root: Path) -> str:
    """The figure gallery: each PNG of ``figures/`` with its caption as alt text and legend."""
    captions = figure_captions(root)
    lines = ["# Figures", "",
             "The static figures of the notebooks (`make figures` rewrites them), in notebook order.", ""]
    for path in sorted((root / "figures").glob("*.png")):
        caption = captions.get(path.name, path.stem.replace("_", " "))
        lines += [f"## {path.name}", "", f"![{caption}](figures/{path.name})", "", caption, ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- notebooks

def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def static_widget_html(data: dict, alt: str) -> str:
    """HTML standing in for a live widget: its stored PNG snapshot and/or text readout."""
    text = data.get("text/plain", "")
    if "image/png" in data:
        note = ("Interactive panel: a snapshot at its starting values. "
                "Run the notebook to move the sliders.")
        body = (f'<img src="data:image/png;base64,{_escape(data["image/png"].strip())}" alt="{_escape(alt)}">'
                + (f'\n<pre class="gm-readout">{_escape(text)}</pre>' if text else ""))
        kind = "gm-static-panel"
    else:
        note = "Interactive question: answer it and check your answer when you run the notebook."
        body = f'<pre class="gm-readout">{_escape(text)}</pre>'
        kind = "gm-static-question"
    return (f'<div class="gm-static-widget {kind}">\n<p class="gm-static-note">{note}</p>\n{body}\n</div>')


class StaticPagePreprocessor(Preprocessor):
    """Prepare a notebook for a page with no kernel and no widget manager.

    - a widget output becomes static HTML (:func:`static_widget_html`), so no
      widget-state placeholder or widget script reaches the page;
    - every output image gets alt text: the ``**Figure ...`` description in the
      markdown cell after it (the notebook standard requires one);
    - a solution cell (tag ``solution``) folds whole, behind "Solution", and a
      cell whose code JupyterLab hides (``source_hidden``) folds its code;
    - ``# NBVAL_...`` marker lines are dropped from the code shown.
    """

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            nxt = nb.cells[i + 1] if i + 1 < len(nb.cells) else None
            alt = (plain_text(nxt.source) if nxt is not None and nxt.cell_type == "markdown"
                   and nxt.source.lstrip().startswith("**Figure") else "")
            self._static_outputs(cell, alt)
            self._fold(cell)
            cell.source = "\n".join(line for line in cell.source.splitlines()
                                    if not line.lstrip().startswith("# NBVAL_"))
        return nb, resources

    @staticmethod
    def _static_outputs(cell, alt: str) -> None:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                readout = data.get("text/plain", "").splitlines()
                panel_alt = alt or ("Snapshot of the interactive panel"
                                    + (f": {readout[0]}" if readout else ""))
                output["data"] = {"text/html": static_widget_html(data, panel_alt)}
            elif "image/png" in data:
                output.setdefault("metadata", {})["alt"] = alt or "Figure made by the code above"

    @staticmethod
    def _fold(cell) -> None:
        hidden = cell.metadata.get("jupyter", {}).get("source_hidden", False)
        if "solution" in cell.metadata.get("tags", []):
            cell.metadata["glutemed_site"] = {"fold": "cell", "summary": "Solution (the code that checks the answers)"}
        elif hidden:
            cell.metadata["glutemed_site"] = {"fold": "input", "summary": "Show the code"}


class MathMLRenderer(IPythonRenderer):
    """nbconvert's Markdown renderer, with ``$...$`` and ``$$...$$`` turned into MathML."""

    def _mathml(self, tex: str, display: str) -> str:
        try:
            return latex_to_mathml(tex.strip(), display=display)
        except Exception:  # noqa: BLE001 - unknown TeX: show the source rather than fail the build
            return f'<code class="gm-tex">{self.escape_html(tex)}</code>'

    def heading(self, text: str, level: int, **attrs) -> str:
        """nbconvert's heading (id in JupyterLab's style, ``Quick-start``), plus an empty anchor with
        GitHub's id (``quick-start``), so that links written for either keep working."""
        rendered = super().heading(text, level, **attrs)
        slug = github_slug(text)
        m = re.match(r'<h\d\b[^>]*?(?:\bid="([^"]*)")?[^>]*>', rendered)
        if not slug or m is None or urllib.parse.unquote(m.group(1) or "") == slug:
            return rendered
        return rendered[:m.end()] + f'<a id="{_escape(slug)}" class="gm-slug"></a>' + rendered[m.end():]

    def inline_math(self, body: str) -> str:
        return self._mathml(body, "inline")

    def block_math(self, body: str) -> str:
        return self._mathml(body, "block")

    def latex_environment(self, name: str, body: str) -> str:
        return self._mathml(f"\\begin{{{name}}}{body}\\end{{{name}}}", "block")


class SiteExporter(HTMLExporter):
    """nbconvert's HTML exporter with the site template and MathML math."""

    def __init__(self, **kw):
        super().__init__(extra_template_basedirs=[str(TEMPLATE_DIR)], template_name=TEMPLATE_NAME,
                         exclude_input_prompt=True, exclude_output_prompt=True, **kw)
        self.register_preprocessor(StaticPagePreprocessor(), enabled=True)

    @pass_context
    def markdown2html(self, context, source):
        """Markdown to HTML, as HTMLExporter does it, with :class:`MathMLRenderer`."""
        cell = context.get("cell", {})
        renderer = MathMLRenderer(escape=False, attachments=cell.get("attachments", {}),
                                  anchor_link_text=self.anchor_link_text,
                                  exclude_anchor_links=self.exclude_anchor_links)
        return MarkdownWithMath(renderer=renderer).render(offline_images(source))


# --------------------------------------------------------------------------- links

LINK_RE = re.compile(r'\b(href|src)="([^"]*)"')


def rewrite_links(page_html: str, page: Page, site: Site) -> str:
    """Make every relative ``href``/``src`` inside ``<main>`` of a rendered page work on the site.

    Only the page's content is rewritten: the template's own links (stylesheets,
    navigation) around ``<main>`` are already site-relative.
    """
    def fix(m: re.Match) -> str:
        url = html.unescape(m.group(2))
        return f'{m.group(1)}="{_escape(rewrite_url(url, page, site))}"'
    head, sep, rest = page_html.partition("<main>")
    content, end, tail = rest.rpartition("</main>")
    return head + sep + LINK_RE.sub(fix, content) + end + tail


def rewrite_url(url: str, page: Page, site: Site) -> str:
    """One link, as written in ``page``'s source, rewritten for the site.

    - ``x.ipynb`` / ``x.md`` that are pages -> ``x.html`` (fragment kept);
    - a folder with a ``README.md`` page -> that page; the top ``README.md`` -> the index;
    - an image -> copied into the site at the same relative path;
    - any other repository file or folder -> its page on GitHub (if the repository is known);
    - absolute URLs, ``data:``, ``mailto:`` and in-page anchors are left alone.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or url.startswith("#"):
        return url
    base = posixpath.dirname(page.source) if page.source else ""
    target = posixpath.normpath(posixpath.join(base, urllib.parse.unquote(parts.path)))
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    if target.startswith("../") or target == "..":
        site.warnings.append(f"{page.output}: link outside the repository: {url}")
        return url
    if target == ".":
        return relative_url("index.html", page.output) + fragment
    if (site.root / target).is_dir() and site.page_for_source(posixpath.join(target, "README.md")):
        target = posixpath.join(target, "README.md")
    linked = site.page_for_source(target) or next((p for p in site.pages if p.output == target), None)
    if linked is not None:
        return relative_url(linked.output, page.output) + fragment
    path = site.root / target
    if path.is_file() and path.suffix.lower() in IMAGE_SUFFIXES:
        (site.out / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, site.out / target)
        return relative_url(target, page.output) + fragment
    if not path.exists():
        site.warnings.append(f"{page.output}: link to a missing file: {url}")
        return url
    if site.repo is None:
        site.warnings.append(f"{page.output}: no repository known for {url}")
        return url
    kind = "tree" if path.is_dir() else "blob"
    return f"https://github.com/{site.repo}/{kind}/HEAD/{urllib.parse.quote(target)}{fragment}"


# --------------------------------------------------------------------------- rendering

def nav_resources(site: Site, i: int) -> dict:
    """The template's ``resources.site``: title, kind, root and the previous/next links of page ``i``."""
    page = site.pages[i]

    def link(j: int) -> dict | None:
        if 0 <= j < len(site.pages):
            return {"href": relative_url(site.pages[j].output, page.output), "title": site.pages[j].title}
        return None

    root = relative_url(".", page.output)
    return {
        "title": page.title, "kind": page.kind, "prev": link(i - 1), "next": link(i + 1),
        "root": "" if root == "." else root + "/",
        "binder_url": binder_url(site.repo, page.source) if page.kind == "notebook" else None,
    }


def page_notebook(site: Site, page: Page) -> nbformat.NotebookNode:
    """The notebook a page is rendered from: the notebook itself, or one Markdown cell."""
    if page.kind == "notebook":
        return nbformat.read(site.root / page.source, as_version=4)
    if page.kind == "index":
        text = index_markdown(site)
    elif page.kind == "figures":
        text = figures_markdown(site.root)
    else:
        text = _read(site.root / page.source)
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])


def render_page(exporter: SiteExporter, site: Site, i: int) -> str:
    """One page's final HTML."""
    page = site.pages[i]
    resources = {"metadata": {"name": page.title}, "site": nav_resources(site, i)}
    body, _ = exporter.from_notebook_node(page_notebook(site, page), resources=resources)
    return rewrite_links(body, page, site)


def write_stylesheets(exporter: SiteExporter, out: Path) -> None:
    """``assets/notebook.css`` (JupyterLab light theme and code colours) and ``assets/site.css``."""
    env = exporter.environment
    css = [env.loader.get_source(env, name)[0] for name in ("static/index.css", "static/theme-light.css")]
    # the code colours; config_dir is where nbconvert would look for a user's custom/custom.css,
    # pointed at our template folder (which has none) so that the build never depends on the user
    _, res = CSSHTMLHeaderPreprocessor().preprocess(nbformat.v4.new_notebook(), {"config_dir": str(TEMPLATE_DIR)})
    css += res.get("inlining", {}).get("css", [])
    (out / "assets").mkdir(parents=True, exist_ok=True)
    (out / "assets" / "notebook.css").write_text("\n".join(css), encoding="utf-8")
    shutil.copy2(TEMPLATE_DIR / "site.css", out / "assets" / "site.css")


def build_site(root: Path = ROOT, out: Path | None = None) -> Site:
    """Build the whole site from the repository at ``root`` into ``out``; return it (with warnings)."""
    out = Path(out) if out is not None else root / "build" / "site"
    if out.exists() and any(out.iterdir()):
        if not (out / "assets" / "site.css").exists():
            raise SystemExit(f"{out} is not empty and holds no earlier site: not overwriting it")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    site = Site(root=root, out=out, pages=discover_pages(root),
                repo=binder_repo(_read(root / "README.md")))
    exporter = SiteExporter()
    write_stylesheets(exporter, out)
    for path in sorted((root / "figures").glob("*.png")):
        (out / "figures").mkdir(exist_ok=True)
        shutil.copy2(path, out / "figures" / path.name)
    for i, page in enumerate(site.pages):
        target = out / page.output
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_page(exporter, site, i), encoding="utf-8")
    return site


def main(argv: list[str] | None = None) -> int:
    """Command line: build the site, list the pages, and fail on broken repository links."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", type=Path, default=ROOT / "build" / "site")
    args = parser.parse_args(argv)
    site = build_site(ROOT, args.outdir)
    for page in site.pages:
        print(f"  {page.output}: {page.title}")
    print(f"wrote {len(site.pages)} pages to {args.outdir}")
    for warning in site.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 1 if site.warnings else 0


if __name__ == "__main__":
    sys.exit(main())
