"""How long from a slider drag's input event to the next painted frame, for the in-page die explorer?

Part of `make bench` (benchmarks/explorer_latency.py prints these lines after the Python ones);
run alone with `.venv/bin/python benchmarks/inpage_latency.py`.

The page is the built chapter `_build/html/book/04_likelihood.html` when the site has been built
(what a reader gets, theme and all), otherwise a bare page holding the same explorer container
(`loaded_dice.explorers.web` of `DieExplorer()`) and `book/_static/explorers/`. Debian's Chromium,
headless, at a 1100 x 900 viewport; every request leaving localhost is refused.

A real drag: Playwright presses the mouse on the face-2 slider and moves it across the track
one small step at a time (Chromium's own input pipeline, rAF-aligned mouse events). In the page,
for every `input` event of the slider, the clock starts at the `pointermove` event that caused it
(its `timeStamp`, when the browser received the move) and stops when the frame that shows it has
been painted: a `requestAnimationFrame` callback registered after the explorer's own (so it runs
after the explorer has drawn), which posts a message that is delivered after the browser has run
style, layout and paint for that frame. A second column starts the clock in the `input` handler
itself (the explorer's share). A third run changes the counts (a new heat map and new contours)
and times that to the painted frame.
"""

from __future__ import annotations

import gzip
import math
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import CHROMIUM, CHROMIUM_ARGS, is_local, serve_directory  # noqa: E402

TARGET_MEDIAN_MS = 8.0
TARGET_P95_MS = 16.0
BUILT_PAGE = ROOT / "_build" / "html" / "book" / "04_likelihood.html"

INSTRUMENT = """(root) => {
  window.__latency = {drag: [], handler: [], counts: []};
  const slider = root.querySelector('input[type=range][data-face="2"]');
  let lastMove = null;
  slider.addEventListener('pointermove', (e) => { lastMove = e.timeStamp; }, {capture: true});
  const afterPaint = (record) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => record(performance.now());
    channel.port2.postMessage(0);
  });
  slider.addEventListener('input', () => {
    const handled = performance.now();
    const moved = lastMove;
    afterPaint((painted) => {
      window.__latency.handler.push(painted - handled);
      if (moved !== null) window.__latency.drag.push(painted - moved);
    });
  });
  window.__countsToPaint = (text) => new Promise((resolve) => {
    const field = root.querySelector('[data-input="counts"]');
    field.value = text;
    const start = performance.now();
    field.dispatchEvent(new Event('change', {bubbles: true}));
    afterPaint((painted) => { window.__latency.counts.push(painted - start); resolve(); });
  });
}"""


def _stats(times):
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95


def _bare_page(folder: Path) -> str:
    from loaded_dice.explorers import web
    from loaded_dice.explorers import DieExplorer

    die = DieExplorer()
    container = web.html_bundle(die, die.snapshot_png())["text/html"]
    shutil.copytree(ROOT / "book" / "_static" / "explorers", folder / "_static" / "explorers")
    (folder / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>die explorer</title>'
        '<link rel="stylesheet" href="_static/explorers/explorers.css">'
        '<script type="module" src="_static/explorers/boot.js"></script></head>'
        f"<body><main>{container}</main></body></html>",
        encoding="utf-8",
    )
    return "index.html"


def measure(moves: int = 240, sweeps: int = 3, count_changes: int = 30) -> dict:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        if BUILT_PAGE.exists():
            folder, path, where = BUILT_PAGE.parents[1], "book/04_likelihood.html", "built chapter 04"
        else:
            folder = Path(tmp)
            path, where = _bare_page(folder), "bare page (run `make book` for the chapter itself)"
        with serve_directory(folder) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1100, "height": 900})
            context.route("**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort())
            page = context.new_page()
            errors = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(f"{url}/{path}", wait_until="load")
            root = page.locator('[data-explorer="die"]').first
            root.scroll_into_view_if_needed()  # an explorer starts when it comes near the screen
            page.wait_for_function("Number(document.querySelector('[data-explorer=\"die\"]')?.dataset.renders) >= 1")
            slider = root.locator('input[type=range][data-face="2"]')
            slider.scroll_into_view_if_needed()
            page.evaluate(INSTRUMENT, root.element_handle())
            box = slider.bounding_box()
            y = box["y"] + box["height"] / 2
            x0, x1 = box["x"] + 6, box["x"] + box["width"] - 6
            per_sweep = max(2, moves // sweeps)
            for sweep in range(sweeps):
                start, end = (x0, x1) if sweep % 2 == 0 else (x1, x0)
                page.mouse.move(start, y)
                page.mouse.down()
                for k in range(1, per_sweep + 1):
                    page.mouse.move(start + (end - start) * k / per_sweep, y)
                page.mouse.up()
            # every input event's frame has been painted once its measurement is in
            page.wait_for_function("window.__latency.handler.length >= 1")
            rng_counts = [f"{2 + k % 5}, {5 + k}, 2, {4 + 2 * k}, 2, {5 + k % 3}" for k in range(count_changes)]
            for text in rng_counts:
                page.evaluate("(text) => window.__countsToPaint(text)", text)
            data = page.evaluate("window.__latency")
            renders = int(root.get_attribute("data-renders"))
            version = browser.version
            browser.close()
    if errors:
        raise RuntimeError(f"page errors during the benchmark: {errors}")
    return {**data, "where": where, "renders": renders, "chromium": version}


def report(result: dict) -> bool:
    """Print the in-page lines (same columns as the Python table); return whether targets are met."""
    folder = ROOT / "book" / "_static" / "explorers"
    js = sum(len(gzip.compress((folder / f"{m}.js").read_bytes(), 9)) for m in ("boot", "math", "die"))
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"In-page die explorer (Chromium {result['chromium']}, headless; {result['where']}): "
          "input event -> next painted frame")
    print(f"explorer JavaScript on the page: {js / 1024:.1f} KiB gzipped (boot.js + math.js + die.js); "
          f"heat map 160 x 160 cells with contours; load average {load} on {os.cpu_count()} CPUs")
    rows = [
        ("in-page die: slider drag, pointer->paint", result["drag"]),
        ("  ... input handler -> paint", result["handler"]),
        ("  ... new counts (heat map + contours)", result["counts"]),
    ]
    for name, times in rows:
        med, p95 = _stats(times)
        print(f"{name:40s} {len(times):6d} {med:7.1f}ms {p95:7.1f}ms |")
    med, p95 = _stats(result["drag"])
    ok = med <= TARGET_MEDIAN_MS and p95 <= TARGET_P95_MS
    print(f"target: in-page drag median <= {TARGET_MEDIAN_MS:.0f} ms and p95 <= {TARGET_P95_MS:.0f} ms: "
          f"{'met' if ok else 'MISSED'} (median {med:.1f} ms, p95 {p95:.1f} ms; "
          f"{len(result['drag'])} input events, {result['renders']} frames drawn)")
    return ok


def main() -> int:
    report(measure())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
