import assert from "node:assert/strict";
import type { ControllerEvent } from "../../../lib/controller/reports.ts";
import { createHealth, readyWindowFor } from "../../../lib/status/health.ts";

const CONNECTED: ControllerEvent = { type: "docker_connection", connected: true };
const NPM_OK: ControllerEvent = { type: "npm_answer", ok: true };
const NPM_DOWN: ControllerEvent = { type: "npm_answer", ok: false };
const OUTAGE: ControllerEvent = {
  type: "outage",
  service: "npm",
  down: true,
  cause: "NPM at http://npm:81/api is unreachable",
  forMs: 6_000,
};
const OUTAGE_END: ControllerEvent = {
  type: "outage",
  service: "npm",
  down: false,
  lastedMs: 12_000,
};

const cases: {
  desc: string;
  /** Events, each with the clock (ms) it arrives at. */
  events: [number, ControllerEvent][];
  at: number;
  ready: boolean;
  reasons: string[];
}[] = [
  {
    desc: "is not ready before Docker connects and NPM answers",
    events: [],
    at: 0,
    ready: false,
    reasons: ["Docker's event stream is not connected", "NPM has not answered ok yet"],
  },
  {
    desc: "is ready when Docker is connected and NPM answered ok within the window",
    events: [[0, CONNECTED], [1_000, NPM_OK], [2_000, NPM_DOWN]],
    at: 61_000,
    ready: true,
    reasons: [],
  },
  {
    desc: "is not ready when NPM's last ok answer is older than the window",
    events: [[0, CONNECTED], [1_000, NPM_OK], [30_000, NPM_DOWN]],
    at: 61_001,
    ready: false,
    reasons: ["NPM has not answered ok in the last 60 s"],
  },
  {
    desc: "is not ready during an NPM outage, saying why, and ready again at its end",
    events: [[0, CONNECTED], [1_000, NPM_OK], [2_000, NPM_DOWN], [8_000, OUTAGE]],
    at: 9_000,
    ready: false,
    reasons: ["NPM is not answering: NPM at http://npm:81/api is unreachable"],
  },
  {
    desc: "is ready again once an NPM outage ended",
    events: [[0, CONNECTED], [8_000, OUTAGE], [20_000, NPM_OK], [20_000, OUTAGE_END]],
    at: 21_000,
    ready: true,
    reasons: [],
  },
  {
    desc: "is not ready when Docker's stream dropped",
    events: [[0, CONNECTED], [0, NPM_OK], [10, { type: "docker_connection", connected: false }]],
    at: 20,
    ready: false,
    reasons: ["Docker's event stream is not connected"],
  },
  {
    desc: "is not ready when NPM only ever failed",
    events: [[0, CONNECTED], [0, NPM_DOWN]],
    at: 0,
    ready: false,
    reasons: ["NPM has not answered ok yet"],
  },
];

for (const { desc, events, at, ready, reasons } of cases) {
  Deno.test(`createHealth() ${desc}`, () => {
    let clock = 0;
    const health = createHealth({ readyWindowMs: 60_000, now: () => clock });
    for (const [time, event] of events) {
      clock = time;
      health.listener(event);
    }
    clock = at;
    const report = health.check();
    assert.equal(report.live, true);
    assert.equal(report.ready, ready);
    assert.deepEqual(report.detail.reasons, reasons);
  });
}

Deno.test("readyWindowFor() is twice the resync interval but at least a minute", () => {
  assert.deepEqual([10_000, 30_000, 45_000, 300_000].map(readyWindowFor), [
    60_000,
    60_000,
    90_000,
    600_000,
  ]);
  assert.equal(createHealth().check().detail.readyWindowMs, 600_000);
  assert.equal(createHealth({ resyncIntervalMs: 45_000 }).check().detail.readyWindowMs, 90_000);
});
