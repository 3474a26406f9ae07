"""``make site`` in a real browser: every page loads cleanly, its images show, its links resolve.

The site is built into a temporary folder, served by ``python -m http.server`` on
127.0.0.1 (random port) and crawled in Debian's Chromium from ``index.html``
along its internal links. Skipped without Chromium unless
``GLUTEMED_REQUIRE_BROWSER=1`` (see ``conftest.py``).
"""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT, _free_port, _wait_for_http
from tools.build_site import build_site

# what a page tells about itself once loaded
PAGE_FACTS_JS = """() => ({
  images: [...document.images].map(i => ({src: i.currentSrc || i.src, alt: i.getAttribute('alt'),
                                          width: i.naturalWidth, complete: i.complete})),
  links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  ids: [...document.querySelectorAll('[id]')].map(e => e.id)
        .concat([...document.querySelectorAll('a[name]')].map(a => a.name)),
  navs: document.querySelectorAll('nav.gm-nav').length,
})"""


@dataclass
class PageReport:
    """What loading one page in Chromium showed."""

    url: str
    status: int | None = None
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    navs: int = 0


def _served(directory: Path, tmp_path: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    log = tmp_path / "http.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port),
                                 "--directory", str(directory)], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    _wait_for_http(url, proc, log, timeout=30)
    return proc, url


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _is_internal(url: str, base: str) -> bool:
    return url.startswith(base)


def _page_url(url: str) -> str:
    return urllib.parse.urldefrag(url).url


def load_page(browser, url: str) -> PageReport:
    """Open ``url`` in a fresh page and record status, console errors, requests, images, links and ids."""
    report = PageReport(url=url)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("console", lambda m: report.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: report.console_errors.append(str(e)))
    page.on("requestfailed", lambda r: report.failed_requests.append(r.url))
    page.on("request", lambda r: report.requests.append(r.url))
    try:
        response = page.goto(url, wait_until="load", timeout=60000)
        report.status = response.status if response else None
        facts = page.evaluate(PAGE_FACTS_JS)
    finally:
        page.close()
    report.images, report.links, report.navs = facts["images"], facts["links"], facts["navs"]
    report.ids = set(facts["ids"])
    return report


def crawl(browser, base: str, start: str = "index.html") -> dict[str, PageReport]:
    """Load every HTML page reachable from ``start`` by internal links (fragments dropped)."""
    reports: dict[str, PageReport] = {}
    queue = [base + start]
    while queue:
        url = queue.pop(0)
        if url in reports:
            continue
        reports[url] = report = load_page(browser, url)
        for link in report.links:
            target = _page_url(link)
            if _is_internal(target, base) and target.endswith(".html") and target not in reports:
                queue.append(target)
    return reports


def _http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def _has_anchor(ids: set[str], fragment: str) -> bool:
    """As a browser finds a fragment's target: the id as written, else percent-decoded (HTML spec)."""
    return fragment in ids or urllib.parse.unquote(fragment) in ids


def broken_links(reports: dict[str, PageReport], base: str) -> list[str]:
    """Every internal link whose target does not answer 200, or whose ``#anchor`` id is missing there."""
    problems = []
    statuses: dict[str, int] = {}
    for page_url, report in reports.items():
        for link in report.links:
            if not _is_internal(link, base):
                continue  # external: not checked offline
            target, fragment = urllib.parse.urldefrag(link)
            if target in reports:
                status = reports[target].status
            else:
                status = statuses.setdefault(target, _http_status(target))
            if status != 200:
                problems.append(f"{page_url}: {link} -> HTTP {status}")
            elif fragment and target in reports and not _has_anchor(reports[target].ids, fragment):
                problems.append(f"{page_url}: {link} -> no element with id {urllib.parse.unquote(fragment)!r}")
    return problems


def image_problems(reports: dict[str, PageReport]) -> list[str]:
    """Every image that did not load (naturalWidth 0) or has no alt text."""
    problems = []
    for page_url, report in reports.items():
        for img in report.images:
            name = img["src"][:80]
            if not img["width"]:
                problems.append(f"{page_url}: image not loaded: {name}")
            if not (img["alt"] or "").strip():
                problems.append(f"{page_url}: image without alt text: {name}")
    return problems


@pytest.fixture(scope="module")
def served_site(chromium, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The site built from this repository into a temporary folder, served on 127.0.0.1."""
    out = tmp_path_factory.mktemp("site") / "site"
    site = build_site(ROOT, out)
    assert not site.warnings, site.warnings
    proc, url = _served(out, out.parent)
    try:
        yield url, out
    finally:
        _stop(proc)


def test_every_page_loads_cleanly_with_images_and_links(chromium, served_site) -> None:
    base, out = served_site
    reports = crawl(chromium, base)
    on_disk = {base + p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert set(reports) == on_disk, f"pages not reachable from the index: {sorted(on_disk - set(reports))}"
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert len(reports) >= len(notebooks) + 1
    for url, report in reports.items():
        assert report.status == 200, f"{url}: HTTP {report.status}"
        assert not report.console_errors, f"{url}: console errors {report.console_errors}"
        assert not report.failed_requests, f"{url}: failed requests {report.failed_requests}"
        outside = [r for r in report.requests if not (r.startswith(base) or r.startswith("data:"))]
        assert not outside, f"{url}: requests outside the site (it must work offline): {outside}"
        assert report.navs == 2, f"{url}: navigation at the top and bottom"
        if not url.endswith("/index.html"):
            assert base + "index.html" in report.links, f"{url}: links back to the index"
    assert image_problems(reports) == []
    assert broken_links(reports, base) == []
    # every panel snapshot made it (one image per stored panel output at least)
    panel_pages = [base + f"notebooks/{nb.stem}.html" for nb in notebooks if "Panel(" in nb.read_text()]
    for url in panel_pages:
        assert any(i["src"].startswith("data:image/png") for i in reports[url].images), url


def test_previous_and_next_links_chain_every_page(chromium, served_site) -> None:
    base, _ = served_site
    page = chromium.new_page()
    try:
        url, seen = base + "index.html", []
        while url and url not in seen:
            seen.append(url)
            page.goto(url)
            nxt = page.locator("nav.gm-nav-top a.gm-next")
            if nxt.count() == 0:
                break
            url = _page_url(nxt.evaluate("a => a.href"))
            page.goto(url)
            back = page.locator("nav.gm-nav-top a.gm-prev").evaluate("a => a.href")
            assert back == seen[-1], f"{url}: 'previous' leads back to {seen[-1]}"
        texts = page.locator("nav.gm-nav-top").inner_text()
        assert "Index" in texts
    finally:
        page.close()
    notebooks = [base + f"notebooks/{p.stem}.html" for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]
    assert [u for u in seen if u in notebooks] == notebooks, "the notebooks come in teaching order"


def test_pages_print_cleanly(chromium, served_site) -> None:
    """With print media: no navigation, black text, images no wider than the page."""
    base, _ = served_site
    page = chromium.new_page(viewport={"width": 800, "height": 1000})
    try:
        page.goto(base + "notebooks/02_moment_arms_and_changing_roles.html")
        page.emulate_media(media="print")
        facts = page.evaluate("""() => ({
          navs: [...document.querySelectorAll('nav.gm-nav, .gm-banner')].map(n => getComputedStyle(n).display),
          colors: [...document.querySelectorAll('p, li, pre, h1, h2, td')].slice(0, 200)
                  .map(e => getComputedStyle(e).color),
          tooWide: [...document.images].filter(i => i.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length,
        })""")
        assert facts["navs"] and set(facts["navs"]) == {"none"}
        assert set(facts["colors"]) == {"rgb(0, 0, 0)"}, set(facts["colors"])
        assert facts["tooWide"] == 0
        assert len(page.pdf(format="A4")) > 10_000, "Chromium prints the page"
    finally:
        page.close()


def test_the_link_checker_catches_broken_links_and_images(chromium, tmp_path) -> None:
    """A tiny site with a missing page, a missing anchor, a broken image and an image without alt."""
    site = tmp_path / "broken"
    site.mkdir()
    png = (ROOT / "figures").glob("*.png").__next__().read_bytes()
    (site / "ok.png").write_bytes(png)
    (site / "index.html").write_text(
        '<!DOCTYPE html><html><head><link rel="icon" href="data:,"><title>t</title></head><body>'
        '<a href="other.html#here">fine</a> <a href="other.html#nowhere">bad anchor</a> '
        '<a href="missing.html">missing page</a> <a href="#top">bad in-page anchor</a>'
        '<img src="ok.png" alt="fine"> <img src="ok.png"> </body></html>')
    (site / "other.html").write_text(
        '<!DOCTYPE html><html><head><link rel="icon" href="data:,"><title>o</title></head><body>'
        '<h2 id="here">Here</h2><img src="gone.png" alt="a missing image"></body></html>')
    proc, base = _served(site, tmp_path)
    try:
        reports = crawl(chromium, base)
    finally:
        _stop(proc)
    problems = broken_links(reports, base)
    assert len(problems) == 3, problems
    assert any("missing.html -> HTTP 404" in p for p in problems)
    assert any("other.html#nowhere -> no element with id 'nowhere'" in p for p in problems)
    assert any("#top -> no element with id 'top'" in p for p in problems)
    images = image_problems(reports)
    assert len(images) == 2, images
    assert any("without alt text" in p and "ok.png" in p for p in images)
    assert any("not loaded" in p and "gone.png" in p for p in images)
    assert reports[base + "other.html"].console_errors, "the missing image is a console error too"
