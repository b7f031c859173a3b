"""Figure F06 trains in the browser: frames per second in headless chromium, and JS vs Python parity.

Opens the widget offline (as the static book shows it, ``scripts/preview_widget.py``), lets the
browser train at K = 4 and K = 32 (1 and 10 training steps per frame) and prints the frames per
second it draws (each frame runs the training steps, recomputes the 56 × 56 decision field and
redraws everything), next to the rate of an empty animation frame loop on the same page. Then it
runs 300 steps of the browser's trainer under node and of :mod:`yatlib.toy_training` from the
same start and prints the largest parameter difference. Needs the vendored JavaScript (one book
build, or ``python scripts/fetch_vendor_js.py``) and node.

Usage::

    .venv/bin/python bench/bench_f06_trainer.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import http.server
import importlib.util
import json
import shutil
import socketserver
import subprocess
import threading
from functools import partial
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
WIDGETS = ROOT / "yatlib" / "widgets"


def _preview_module():
    spec = importlib.util.spec_from_file_location("preview_widget", ROOT / "scripts" / "preview_widget.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def frames_per_second(seconds: float) -> list[tuple[int, int, float, float, float, float]]:
    """(K, steps per frame, frames/s, training steps/s, empty-loop frames/s, median work per frame in ms)
    in chromium."""
    from playwright.sync_api import sync_playwright

    from yatlib import forces
    from yatlib.widgets import YatMlpLearning

    preview = _preview_module()
    widget = YatMlpLearning({("moons", 0.3): forces.train_with_snapshots("moons", 0.3)})
    page_path = preview.write_page("bench-f06", [widget])
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(preview.OUT))
    handler.log_message = lambda *a, **k: None  # type: ignore[assignment]
    out = []
    with socketserver.TCPServer(("127.0.0.1", 0), handler) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1100, "height": 1000})
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/{page_path.name}")
            fig = page.locator('[data-widget="yat_mlp_learning"]')
            page.wait_for_selector('[data-widget="yat_mlp_learning"][data-drawn-ms]', timeout=30_000)
            fig.locator("canvas").scroll_into_view_if_needed()
            empty = page.evaluate(
                """(ms) => new Promise((ok) => { let n = 0; const t0 = performance.now();
                const f = (t) => { n++; if (t - t0 < ms) requestAnimationFrame(f); else ok(1000 * n / (t - t0)); };
                requestAnimationFrame(f); })""",
                seconds * 1000,
            )
            for K in (4, 32):
                for speed_index, speed in ((0, 1), (3, 10)):
                    fig.locator("input.f06-units").evaluate(
                        "(el, v) => { el.value = String(v); el.dispatchEvent(new Event('input', {bubbles: true})); }",
                        K,
                    )
                    fig.locator(".yl-buttons[aria-label=speed] button").nth(speed_index).click()
                    fig.locator(".f06-play").click()
                    page.wait_for_timeout(1000)
                    a = fig.evaluate("el => [Number(el.dataset.frames), Number(el.dataset.step), performance.now()]")
                    work = []
                    for _ in range(20):
                        page.wait_for_timeout(int(seconds * 50))
                        work.append(float(fig.get_attribute("data-frame-ms")))
                    b = fig.evaluate("el => [Number(el.dataset.frames), Number(el.dataset.step), performance.now()]")
                    fig.locator(".f06-play").click()
                    fig.locator(".f06-reset").click()
                    dt = (b[2] - a[2]) / 1000
                    out.append((K, speed, (b[0] - a[0]) / dt, (b[1] - a[1]) / dt, empty, float(np.median(work))))
            browser.close()
        httpd.shutdown()
    return out


def parity(steps: int = 300) -> list[tuple[str, float, float]]:
    """(setting, largest absolute, largest relative parameter difference) JS vs Python after ``steps`` steps."""
    from yatlib import toy_training as tt

    harness = r"""
const fs = require("fs"), vm = require("vm"); const ctx = {}; vm.createContext(ctx);
for (const f of process.argv.slice(1)) vm.runInContext(fs.readFileSync(f, "utf8"), ctx);
const job = JSON.parse(fs.readFileSync(0, "utf8"));
const out = vm.runInContext(`(() => { const tr = trainerCreate(Float64Array.from(job.X.flat()), Int32Array.from(job.y),
  { units: job.K, eps0: job.eps0, seed: job.seed, learningRate: job.lr, batchSize: job.batch });
  const all = [];
  for (let s = 0; s < job.steps; s++) { trainerStep(tr); all.push(Array.from(tr.theta)); }
  return all; })()`,
  Object.assign(ctx, {job}));
process.stdout.write(JSON.stringify(out));
"""
    rows = []
    for ds, K, batch in (("moons", 12, None), ("spirals", 32, 20), ("circles", 64, None)):
        X, y = tt.figure_data(ds)
        job = {
            "X": X.tolist(),
            "y": y.tolist(),
            "K": K,
            "eps0": 0.3,
            "seed": 0,
            "lr": 0.03,
            "batch": batch,
            "steps": steps,
        }
        proc = subprocess.run(
            [
                shutil.which("node") or "node",
                "-e",
                harness,
                str(WIDGETS / "linalg.js"),
                str(WIDGETS / "yat_trainer.js"),
            ],
            input=json.dumps(job),
            capture_output=True,
            text=True,
            check=True,
        )
        js = np.array(json.loads(proc.stdout))
        tr = tt.ToyTrainer(X, y, units=K, eps0=0.3, seed=0, learning_rate=0.03, batch_size=batch)
        py = []
        for _ in range(steps):
            tr.step()
            py.append(tr.theta.copy())
        py = np.array(py)
        diff = np.abs(js - py)
        rel = (diff.max(axis=1) / np.abs(py).max(axis=1)).max()
        rows.append(
            (f"{ds}, K = {K}, {'mini-batches of 20' if batch else 'all points'}", float(diff.max()), float(rel))
        )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=5.0, help="measurement window per setting")
    args = ap.parse_args()
    print("F06 in headless chromium (frames: training steps + decision field 56 × 56 + redraw)")
    for K, speed, fps, sps, empty, work in frames_per_second(args.seconds):
        print(
            f"  K = {K:2d}, {speed:2d} step(s) per frame: {fps:5.1f} frames/s, {sps:6.1f} training steps/s, "
            f"median work per frame {work:.1f} ms (an empty animation loop on this page: {empty:.1f} frames/s)"
        )
    print("JS trainer vs yatlib.toy_training, 300 steps from seed 0 (float64 both):")
    for name, absolute, rel in parity():
        print(f"  {name}: largest parameter difference {absolute:.1e} (relative {rel:.1e})")


if __name__ == "__main__":
    main()
