// The live path of a widget: when a Python kernel is connected (JupyterLab), the widget may ask
// yatlib to compute a state that was not precomputed, and draws it when it arrives. With no
// kernel (the static book) the same widget offers its precomputed states only and says so.
// Protocol (custom messages, see yatlib/widgets/_base.py): the widget sends {type: "ping"} and a
// kernel answers {type: "pong", live}; {type: "compute", id, params} is answered by
// {type: "progress", id, fraction, text} messages and one {type: "result", id, state} or
// {type: "error", id, message}; {type: "cancel", id} stops a computation.

/**
 * Connect a widget to its kernel, if there is one.
 * `status` is a node that shows, in one line, whether new states can be computed and the progress
 * of a computation (with a <progress> bar for anything that takes longer than half a second).
 * `say(text)` (optional) announces results in the widget's live region.
 * Returns {request(params) -> Promise<state>, get live(), onLive(fn), cancel(), dispose()}; dispose()
 * stops listening to the kernel and cancels the unfinished request (give the channel to the view's
 * life: `life.add(liveChannel(...))`).
 */
function liveChannel(model, status, { noKernel, kernel, say } = {}) {
  const pending = new Map();
  const liveListeners = [];
  let live = false, counter = 0, current = null;
  const bar = h("progress", { max: 1, value: 0, hidden: true, "aria-label": "progress of the computation" });
  const text = h("span", {}, noKernel || "Showing the precomputed states (no Python kernel is connected).");
  const cancel = h("button", { type: "button", hidden: true, class: "yl-cancel", "aria-label": "Cancel the computation" }, "Cancel");
  status.classList.add("yl-live");
  status.replaceChildren(text, " ", bar, " ", cancel);
  cancel.addEventListener("click", () => { if (current !== null) send({ type: "cancel", id: current }); });

  function send(msg) { try { model.send(msg); } catch (e) { /* no kernel: nothing to send to */ } }

  const onMessage = (msg) => {
    if (!msg || typeof msg !== "object") return;
    if (msg.type === "pong") {
      live = Boolean(msg.live);
      if (live) text.textContent = kernel || "Live: Python computes any setting you choose.";
      status.dataset.live = live ? "true" : "false";
      liveListeners.forEach((f) => f(live));
      return;
    }
    const job = pending.get(msg.id);
    if (!job) return;
    if (msg.type === "progress") {
      if (performance.now() - job.t0 > 500) { bar.hidden = false; cancel.hidden = false; }
      bar.value = Math.max(0, Math.min(1, msg.fraction || 0));
      text.textContent = msg.text || "computing…";
    } else if (msg.type === "result" || msg.type === "error") {
      pending.delete(msg.id);
      if (current === msg.id) { current = null; bar.hidden = true; cancel.hidden = true; }
      if (msg.type === "result") {
        text.textContent = kernel || "Live: Python computes any setting you choose.";
        job.resolve(msg.state);
      } else {
        text.textContent = msg.message || "The computation failed.";
        if (say) say(text.textContent);
        job.reject(new Error(msg.message || "failed"));
      }
    }
  };
  model.on("msg:custom", onMessage);
  status.dataset.live = "unknown";
  send({ type: "ping" });

  return {
    get live() { return live; },
    onLive(fn) { liveListeners.push(fn); if (live) fn(true); },
    /** Stop listening to the kernel and cancel the unfinished request (the view is being removed). */
    dispose() {
      model.off("msg:custom", onMessage);
      if (current !== null) send({ type: "cancel", id: current });
      current = null;
      pending.clear();
      liveListeners.length = 0;
    },
    /** Stop the unfinished request, if any (e.g. when the reader went back to a precomputed state). */
    cancel() { if (current !== null) send({ type: "cancel", id: current }); },
    /** Ask Python for the state with `params`; the previous unfinished request is cancelled. */
    request(params) {
      if (!live) return Promise.reject(new Error("no kernel"));
      if (current !== null) send({ type: "cancel", id: current });
      const id = ++counter;
      current = id;
      text.textContent = "computing…";
      if (say) say("computing…");
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, t0: performance.now() });
        send({ type: "compute", id, params });
      });
    },
  };
}

/**
 * Call fn(...args) once the calls have paused for `ms` milliseconds (for work behind a slider).
 * The returned function has dispose(), which drops a call still waiting (`life.add(debounce(...))`).
 */
function debounce(fn, ms = 300) {
  let t = null;
  const call = (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
  call.dispose = () => { clearTimeout(t); t = null; };
  return call;
}

/**
 * The precomputed value to show for `wanted` when there is no kernel: the nearest of `values`,
 * but one step further in the direction of the move when the nearest is `current` (so an arrow
 * key, which moves a slider by less than the gap between precomputed values, still moves it).
 * A move of at most `tolerance` (half a slider step, say) is no move.
 */
function snapToPrecomputed(values, wanted, current, tolerance = 0) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length || Math.abs(wanted - current) <= tolerance) return current;
  let best = sorted[0];
  for (const v of sorted) if (Math.abs(v - wanted) < Math.abs(best - wanted)) best = v;
  if (best === current && wanted !== current) {
    const i = sorted.indexOf(current);
    const j = wanted > current ? Math.min(sorted.length - 1, i + 1) : Math.max(0, i - 1);
    if (i >= 0) best = sorted[j];
  }
  return best;
}
