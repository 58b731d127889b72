// The main thread's tasks in one Lighthouse trace, for scripts/bench.sh: every top-level task of
// the page's renderer main thread from navigation start on, as it really ran on this machine
// (the trace is unthrottled; Lighthouse's own `long-tasks` audit shows the simulated mobile
// durations instead, about 4× these). Lighthouse's trace processing does the parsing, so these
// are the tasks its audits see. Writes the count over 50 ms and the longest ones.
// Usage: node scripts/bench/tasks.mjs TRACE.json OUT.json
import fs from 'node:fs';
import { TraceProcessor } from 'lighthouse/core/lib/tracehouse/trace-processor.js';
import { MainThreadTasks } from 'lighthouse/core/lib/tracehouse/main-thread-tasks.js';

const [tracePath, outPath] = process.argv.slice(2);
const raw = JSON.parse(fs.readFileSync(tracePath, 'utf8'));
// --save-assets writes either { traceEvents } or the bare event array.
const trace = Array.isArray(raw) ? { traceEvents: raw } : raw;
const { mainThreadEvents, frames, timestamps } = TraceProcessor.processTrace(trace);
const tasks = MainThreadTasks.getMainThreadTasks(mainThreadEvents, frames, timestamps.traceEnd, timestamps.timeOrigin)
  // Top-level only (a child's time is inside its parent's), closed, and this page's: the
  // about:blank Lighthouse starts from runs before navigation start.
  .filter((t) => !t.parent && !t.unbounded && t.startTime >= 0)
  .sort((a, b) => b.duration - a.duration);

// What a task spent its time on: the group (script, layout, parse…) with the most self time.
const selfTime = (task, by = new Map()) => {
  const children = task.children.reduce((acc, c) => acc + c.duration, 0);
  by.set(task.group.id, (by.get(task.group.id) ?? 0) + task.duration - children);
  for (const c of task.children) selfTime(c, by);
  return by;
};
const round = (x) => Math.round(x * 10) / 10;
const top = tasks.slice(0, 5).map((t) => {
  const [group] = [...selfTime(t)].sort((a, b) => b[1] - a[1])[0] ?? ['other'];
  return { startTime: round(t.startTime), duration: round(t.duration), mostly: group };
});
fs.writeFileSync(
  outPath,
  JSON.stringify({ tasks: tasks.length, over50: tasks.filter((t) => t.duration > 50).length, longest: top[0]?.duration ?? 0, top }, null, 2),
);
