// Decodex: the browser tests of a self-experiment (PVT, digit span, 2-back, Stroop) on jsPsych's timeline.
// Every trial is kept raw: what was shown, what was answered, the stimulus onset (the timestamp of the
// first frame that showed it) and the answer's own event timestamp. The server checks and scores them;
// nothing here decides a score. A timing self-check runs through the whole session.
(() => {
  "use strict";
  const root = document.getElementById("cognitive-test");
  if (!root || typeof initJsPsych !== "function" || typeof jsPsychHtmlButtonResponse !== "function") {
    return;
  }

  const P = jsPsychModule.ParameterType;
  const config = {
    test: root.dataset.test,
    seconds: Number(root.dataset.seconds) || 180,
    trials: Number(root.dataset.trials) || 60,
    usesRt: root.dataset.rt === "true",
  };
  const status = document.getElementById("test-status");
  const form = document.getElementById("session-form");
  const say = (text) => { status.textContent = text; };

  // ---------- timing self-check ----------
  const timing = {
    frames: [],
    delays: [],
    last: null,
    running: true,
    hidden: 0,
    blur: 0,
    resolution: null,
  };
  const frame = (t) => {
    if (!timing.running) {
      return;
    }
    if (timing.last !== null && timing.frames.length < 100000) {
      timing.frames.push(t - timing.last);
    }
    timing.last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  let testing = false;
  document.addEventListener("visibilitychange", () => { if (testing && document.hidden) { timing.hidden++; } });
  window.addEventListener("blur", () => { if (testing) { timing.blur++; } });

  // The smallest step the page's clock takes (100 ms under Firefox's resistFingerprinting).
  const clockStep = () => {
    let last = performance.now();
    let min = Infinity;
    let steps = 0;
    const until = Date.now() + 250;
    while (steps < 50 && Date.now() < until) {
      const t = performance.now();
      if (t > last) {
        min = Math.min(min, t - last);
        last = t;
        steps++;
      }
    }
    return Number.isFinite(min) ? min : 1000;
  };
  const noteEvent = (e) => {
    const delay = performance.now() - e.timeStamp;
    if (Number.isFinite(delay) && timing.delays.length < 10000) {
      timing.delays.push(delay);
    }
  };
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = (xs) => {
    if (xs.length < 2) {
      return 0;
    }
    const m = mean(xs);
    return Math.sqrt(xs.reduce((a, b) => a + ((b - m) * (b - m)), 0) / (xs.length - 1));
  };
  const median = (xs) => {
    if (xs.length === 0) {
      return 0;
    }
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[(s.length / 2) - 1] + s[s.length / 2]) / 2;
  };
  const r3 = (x) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 1000) / 1000);
  const timingSummary = () => ({
    frames: timing.frames.length,
    frameIntervalMs: r3(median(timing.frames)),
    frameIntervalSdMs: r3(sd(timing.frames)),
    timerResolutionMs: r3(timing.resolution),
    eventDelayMeanMs: timing.delays.length ? r3(mean(timing.delays)) : null,
    eventDelaySdMs: timing.delays.length > 1 ? r3(sd(timing.delays)) : null,
    hiddenCount: timing.hidden,
    blurCount: timing.blur,
    crossOriginIsolated: window.crossOriginIsolated === true,
  });

  // ---------- a jsPsych plugin that stamps onsets from frames and answers from their events ----------
  class TimedResponse {
    constructor(jsPsych) {
      this.jsPsych = jsPsych;
    }

    trial(display, trial) {
      const buttons = (trial.buttons || []).map((b) => `<button type="button" class="cog-answer" data-answer="${b.value}">${b.label}</button>`).join("");
      display.innerHTML = `<div id="cog-stage" class="cog-stage${trial.counter ? " cog-pvt" : ""}"><div id="stimulus" class="cog-stimulus" data-state="waiting" data-index="${trial.index}">${trial.fixation || ""}</div></div>`
        + (buttons ? `<div class="cog-buttons">${buttons}</div>` : "");
      const stage = display.querySelector("#cog-stage");
      const stimulus = display.querySelector("#stimulus");
      const timers = [];
      const later = (fn, ms) => timers.push(setTimeout(fn, ms));
      let onset = null;
      let answer = null;
      let done = false;

      const end = () => {
        if (done) {
          return;
        }
        done = true;
        timers.forEach(clearTimeout);
        document.removeEventListener("keydown", onKey);
        display.removeEventListener("pointerdown", onPointer);
        display.innerHTML = "";
        this.jsPsych.finishTrial({
          response: answer ? answer.value : null,
          onset_ms: onset,
          response_ms: answer ? answer.at : null,
          interval_ms: trial.wait_ms > 0 ? trial.wait_ms : null,
          input: answer ? answer.input : null,
        });
      };

      const respond = (value, at, input) => {
        if (done || answer) {
          return;
        }
        if (onset === null) {
          // Before the stimulus: a false start where the test counts them (the PVT), otherwise ignored.
          if (trial.early !== "false-start") {
            return;
          }
          answer = { value, at, input };
          stimulus.dataset.state = "too-soon";
          stimulus.textContent = "Too soon";
          timers.forEach(clearTimeout);
          later(end, 1000);
          return;
        }
        answer = { value, at, input };
        stimulus.dataset.state = "answered";
        const pressed = display.querySelector(`[data-answer="${value}"]`);
        if (pressed) {
          pressed.setAttribute("aria-pressed", "true");
        }
        if (trial.counter) {
          stimulus.textContent = String(Math.max(0, Math.round(at - onset)));
        }
        if (trial.end_on_response) {
          timers.forEach(clearTimeout);
          if (trial.feedback_ms > 0) {
            later(end, trial.feedback_ms);
          } else {
            end();
          }
        }
      };

      const onKey = (e) => {
        if (e.repeat || e.ctrlKey || e.metaKey || e.altKey) {
          return;
        }
        const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
        if (!Object.prototype.hasOwnProperty.call(trial.keys, key)) {
          return;
        }
        e.preventDefault();
        noteEvent(e);
        respond(trial.keys[key], e.timeStamp, "key");
      };
      const onPointer = (e) => {
        const button = e.target.closest("[data-answer]");
        const value = button ? button.dataset.answer : (trial.press_anywhere && stage.contains(e.target) ? trial.press_anywhere : null);
        if (value === null) {
          return;
        }
        e.preventDefault();
        noteEvent(e);
        respond(value, e.timeStamp, ["touch", "pen", "mouse"].includes(e.pointerType) ? e.pointerType : "mouse");
      };
      document.addEventListener("keydown", onKey);
      display.addEventListener("pointerdown", onPointer);

      const counter = () => {
        const tick = (t) => {
          if (done || answer) {
            return;
          }
          stimulus.textContent = String(Math.max(0, Math.round(t - onset)));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      };

      // The stimulus goes into the page in one frame; the next frame's timestamp is its onset.
      const show = () => requestAnimationFrame(() => {
        if (done || answer) {
          return;
        }
        stimulus.innerHTML = trial.stimulus;
        stimulus.dataset.state = "shown";
        requestAnimationFrame((t) => {
          if (done || answer) {
            return;
          }
          onset = t;
          if (trial.counter) {
            counter();
          }
          if (trial.show_ms !== null) {
            later(() => { if (!done) { stimulus.innerHTML = ""; stimulus.dataset.state = answer ? "answered" : "gone"; } }, trial.show_ms);
          }
          if (trial.window_ms !== null) {
            later(end, trial.window_ms);
          }
        });
      });
      if (trial.wait_ms > 0) {
        later(show, trial.wait_ms);
      } else {
        show();
      }
    }
  }
  TimedResponse.info = {
    name: "decodex-timed-response",
    version: "1.0.0",
    parameters: {
      index: { type: P.INT, default: 0 },
      stimulus: { type: P.HTML_STRING, default: "" },
      fixation: { type: P.HTML_STRING, default: "" },
      wait_ms: { type: P.INT, default: 0 },
      early: { type: P.STRING, default: "ignore" },
      show_ms: { type: P.INT, default: null },
      window_ms: { type: P.INT, default: null },
      end_on_response: { type: P.BOOL, default: true },
      feedback_ms: { type: P.INT, default: 0 },
      keys: { type: P.OBJECT, default: {} },
      buttons: { type: P.COMPLEX, default: [] },
      press_anywhere: { type: P.STRING, default: null },
      counter: { type: P.BOOL, default: false },
    },
    data: {
      response: { type: P.STRING },
      onset_ms: { type: P.FLOAT },
      response_ms: { type: P.FLOAT },
      interval_ms: { type: P.FLOAT },
      input: { type: P.STRING },
    },
  };

  // ---------- a jsPsych plugin for one digit-span list: show, then recall on a keypad ----------
  class DigitList {
    constructor(jsPsych) {
      this.jsPsych = jsPsych;
    }

    trial(display, trial) {
      const digits = trial.digits;
      display.innerHTML = `<div id="cog-stage" class="cog-stage"><div id="stimulus" class="cog-stimulus cog-digit" data-state="showing" data-index="${trial.index}"></div></div>`;
      const stimulus = display.querySelector("#stimulus");
      [...digits].forEach((d, i) => {
        setTimeout(() => { stimulus.textContent = d; }, i * 1000);
        setTimeout(() => { stimulus.textContent = ""; }, (i * 1000) + 800);
      });
      setTimeout(() => {
        const keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"].map((d) => `<button type="button" class="cog-key" data-digit="${d}">${d}</button>`).join("");
        display.innerHTML = `<p id="recall-prompt">Type the digits in the order shown, then Enter or Done.</p>`
          + `<output id="recall" class="cog-recall" aria-live="polite" aria-labelledby="recall-prompt"></output>`
          + `<div class="cog-keypad">${keys}<button type="button" class="cog-key secondary" data-digit="back" aria-label="Delete the last digit">⌫</button><button type="button" class="cog-key" data-digit="done">Done</button></div>`;
        const recall = display.querySelector("#recall");
        let typed = "";
        let onset = null;
        let done = false;
        requestAnimationFrame(() => requestAnimationFrame((t) => { onset = t; }));
        const press = (digit, e, input) => {
          if (done) {
            return;
          }
          noteEvent(e);
          if (digit === "done") {
            done = true;
            document.removeEventListener("keydown", onKey);
            display.removeEventListener("pointerdown", onPointer);
            display.innerHTML = "";
            this.jsPsych.finishTrial({ stimulus: digits, response: typed.length ? typed : null, onset_ms: onset, response_ms: e.timeStamp, input });
            return;
          }
          typed = digit === "back" ? typed.slice(0, -1) : (typed.length < 16 ? typed + digit : typed);
          recall.textContent = typed;
        };
        const onKey = (e) => {
          if (e.repeat) {
            return;
          }
          const digit = /^[0-9]$/.test(e.key) ? e.key : e.key === "Backspace" ? "back" : e.key === "Enter" ? "done" : null;
          if (digit !== null) {
            e.preventDefault();
            press(digit, e, "key");
          }
        };
        const onPointer = (e) => {
          const key = e.target.closest("[data-digit]");
          if (key) {
            e.preventDefault();
            press(key.dataset.digit, e, ["touch", "pen", "mouse"].includes(e.pointerType) ? e.pointerType : "mouse");
          }
        };
        document.addEventListener("keydown", onKey);
        display.addEventListener("pointerdown", onPointer);
      }, digits.length * 1000);
    }
  }
  DigitList.info = {
    name: "decodex-digit-list",
    version: "1.0.0",
    parameters: { digits: { type: P.STRING, default: "12" }, index: { type: P.INT, default: 0 } },
    data: { response: { type: P.STRING }, onset_ms: { type: P.FLOAT }, response_ms: { type: P.FLOAT }, input: { type: P.STRING } },
  };

  // ---------- the tests ----------
  const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
  const shuffle = (xs) => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  let index = 0;
  const next = () => index++;

  // PVT: a stopwatch starts after a random wait (2–10 s; 2–5 s for the PVT-B); a press stops it and shows the time for 1 s.
  // A press during the wait is a false start; no press within 30 s is a lapse. Runs for the test's length.
  const pvt = () => {
    const longest = config.test === "PvtBrief" ? 5000 : 10000;
    let started = null;
    return {
      timeline: [{
        type: TimedResponse,
        index: () => next(),
        wait_ms: () => 2000 + Math.floor(Math.random() * (longest - 2000 + 1)),
        early: "false-start",
        stimulus: "0",
        counter: true,
        window_ms: 30000,
        feedback_ms: 1000,
        keys: { " ": "press" },
        press_anywhere: "press",
        data: { part: "test", stimulus: "" },
        on_start: () => { started = started ?? performance.now(); },
      }],
      loop_function: () => performance.now() - started < config.seconds * 1000,
    };
  };

  // 2-back: consonants, 30 % of the scored letters (from the third on) repeat the letter two before.
  // Each letter shows for 1.5 s; an answer counts until the next letter, 3.5 s after the onset.
  const twoBack = () => {
    const consonants = [..."BCDFGHJKLMNPQRSTVWXZ"];
    const n = Math.max(config.trials, 4);
    const targets = new Set(shuffle([...Array(n - 2).keys()].map((i) => i + 2)).slice(0, Math.round((n - 2) * 0.3)));
    const letters = [];
    for (let i = 0; i < n; i++) {
      if (targets.has(i)) {
        letters.push(letters[i - 2]);
      } else {
        let c;
        do {
          c = pick(consonants);
        } while (i >= 2 && c === letters[i - 2]);
        letters.push(c);
      }
    }
    return {
      timeline: letters.map((letter) => ({
        type: TimedResponse,
        index: () => next(),
        stimulus: `<span class="cog-letter">${letter}</span>`,
        show_ms: 1500,
        window_ms: 3500,
        end_on_response: false,
        keys: { " ": "match" },
        buttons: [{ label: "Match (Space)", value: "match" }],
        data: { part: "test", stimulus: letter },
      })),
    };
  };

  // Stroop: four colour words, half in their own ink; answer the ink by key (R, G, B, Y) or button; 3 s per word after a 0.5 s cross.
  const stroop = () => {
    const colours = ["red", "green", "blue", "yellow"];
    const n = Math.max(config.trials, 4);
    const items = [...Array(n).keys()].map((k) => {
      const word = colours[k % 4];
      return { word, ink: k < n / 2 ? word : pick(colours.filter((c) => c !== word)) };
    });
    return {
      timeline: shuffle(items).map(({ word, ink }) => ({
        type: TimedResponse,
        index: () => next(),
        fixation: "+",
        wait_ms: 500,
        stimulus: `<span class="cog-word cog-ink-${ink}">${word.toUpperCase()}</span>`,
        window_ms: 3000,
        keys: { r: "red", g: "green", b: "blue", y: "yellow" },
        buttons: colours.map((c) => ({ label: `${c[0].toUpperCase()}${c.slice(1)} (${c[0].toUpperCase()})`, value: c })),
        data: { part: "test", stimulus: word, ink },
      })),
    };
  };

  // Digit span: one digit a second; the list grows by one after a list recalled exactly and shrinks by one after a miss (2 to 10 digits).
  const digitSpan = () => {
    let length = 3;
    let lists = 0;
    return {
      timeline: [{
        type: DigitList,
        index: () => next(),
        digits: () => shuffle([..."0123456789"]).slice(0, length).join(""),
        data: { part: "test" },
        on_finish: (data) => {
          lists++;
          length = data.response === data.stimulus ? Math.min(10, length + 1) : Math.max(2, length - 1);
        },
      }],
      loop_function: () => lists < config.trials,
    };
  };

  const tests = { PvtBrief: pvt, Pvt: pvt, TwoBack: twoBack, Stroop: stroop, DigitSpan: digitSpan };
  if (!tests[config.test]) {
    return;
  }

  const submit = (jsPsych) => {
    testing = false;
    timing.running = false;
    const rows = jsPsych.data.get().filter({ part: "test" }).values();
    const trials = rows.map((r, i) => ({
      index: i,
      stimulus: String(r.stimulus ?? ""),
      ink: r.ink ?? null,
      response: r.response ?? null,
      onsetMs: r3(r.onset_ms),
      responseMs: r3(r.response_ms),
      intervalMs: r3(r.interval_ms),
      input: r.input ?? null,
    }));
    form.elements.session.value = JSON.stringify({ trials, timing: timingSummary() });
    say("Saving the session…");
    form.submit();
  };

  const start = () => {
    timing.resolution = clockStep();
    if (config.usesRt && timing.resolution > 5) {
      say(`This browser rounds its clock to ${Math.round(timing.resolution)} ms, too coarse to time answers. Turn off the privacy setting that does this (in Firefox: privacy.resistFingerprinting) or use another browser, then reload this page.`);
      root.dataset.state = "refused";
      return;
    }
    const jsPsych = initJsPsych({ display_element: "cognitive-display", on_finish: () => submit(jsPsych) });
    const fps = timing.frames.length ? Math.round(1000 / median(timing.frames)) : null;
    const intro = {
      type: jsPsychHtmlButtonResponse,
      stimulus: `<p>${document.getElementById("test-instructions").innerHTML}</p><p class="cog-check">Timing check: ${fps ? `${fps} frames a second` : "frame rate not measured yet"}; the clock steps by ${r3(timing.resolution)} ms.</p>`,
      choices: ["Start"],
      on_finish: () => { testing = true; root.dataset.state = "running"; },
    };
    say("");
    root.dataset.state = "ready";
    jsPsych.run([intro, tests[config.test]()]);
  };

  // Let the frame monitor run a moment before the first screen reports it.
  setTimeout(start, 600);
})();
