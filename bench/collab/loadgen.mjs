// Load generator for bench/collab: real Yjs + y-websocket clients, all in this process (one clock).
// Input: one JSON argument {url, rooms: [{name, token}], clientsPerRoom, editsPerSec, durationS,
// warmupS}. Each edit inserts a marker "<client>:<seq>;" at a random position; every other
// client of the room timestamps its arrival (the update its provider applied) -> propagation
// latency.
// Output: one JSON line with latency percentiles, delivered updates/s and convergence.
// With `barrier: true` (several load generators sharing one load), it first prints
// {"synced": true} once all its clients are synced and starts editing when a line arrives on
// stdin; with `rawLatencies: true` the result also holds every latency (sorted), to merge.
import { createRequire } from 'node:module'
import { performance, PerformanceObserver } from 'node:perf_hooks'

// The npm packages live in tests/interop (one package-lock for tests and benchmark).
const require = createRequire(new URL('../../tests/interop/package.json', import.meta.url))
const Y = require('yjs')
const { WebsocketProvider } = require('y-websocket')
const WebSocket = require('ws')

const cfg = JSON.parse(process.argv[2])
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const sent = new Map() // "room/client:seq" -> send time
const latencies = []
let delivered = 0
let measuring = false
// BENCH_TIMELINE=<file>: also write every sample as [send time ms, latency ms] (to find stalls).
const timeline = process.env.BENCH_TIMELINE ? [] : null
// ... and the load generator's own event-loop stalls over 20 ms, as [time ms, stall ms].
const stalls = []
const gcPauses = []
const awarenessTimes = []
if (timeline) {
  let last = performance.now()
  setInterval(() => {
    const now = performance.now()
    if (now - last > 25) stalls.push([Math.round(last), Math.round(now - last - 5)])
    last = now
  }, 5)
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration > 5) gcPauses.push([Math.round(entry.startTime), Math.round(entry.duration), entry.detail?.kind])
    }
  }).observe({ entryTypes: ['gc'] })
}

const clients = []
for (const [roomIndex, room] of cfg.rooms.entries()) {
  for (let c = 0; c < cfg.clientsPerRoom; c++) {
    const doc = new Y.Doc()
    const params = room.token ? { token: room.token } : {}
    const provider = new WebsocketProvider(cfg.url, room.name, doc, {
      params, WebSocketPolyfill: WebSocket, disableBc: true
    })
    const text = doc.getText('code')
    const client = { id: `${roomIndex}.${c}`, roomIndex, doc, provider, text, seq: 0 }
    // The markers a remote change inserted, read from the update it applied (what the document
    // gained, each marker once). Not from a Y.Text observer's event.changes.delta: that walks the
    // whole text on every change, and at 50 clients it was two thirds of this process's CPU.
    doc.on('update', (update, origin) => {
      if (origin !== provider) return
      const now = performance.now()
      for (const struct of Y.decodeUpdate(update).structs) {
        const inserted = struct.content?.str
        if (typeof inserted !== 'string') continue
        for (const marker of inserted.split(';')) {
          if (!marker) continue
          const t = sent.get(`${roomIndex}/${marker}`)
          if (t !== undefined && measuring) {
            latencies.push(now - t); delivered++
            if (timeline) timeline.push([Math.round(t), Math.round((now - t) * 10) / 10])
          }
        }
      }
    })
    if (timeline) {
      provider.awareness.on('update', (_changes, origin) => {
        if (origin !== 'local') awarenessTimes.push(Math.round(performance.now()))
      })
    }
    clients.push(client)
  }
}

const deadline = Date.now() + 60000
while (!clients.every((c) => c.provider.synced)) {
  if (Date.now() > deadline) { console.log(JSON.stringify({ error: 'not synced' })); process.exit(2) }
  await sleep(20)
}
if (cfg.barrier) {
  console.log(JSON.stringify({ synced: true }))
  await new Promise((resolve) => process.stdin.once('data', resolve))
  process.stdin.pause()
}

// A random position between markers (so markers stay whole): the start of the text item holding
// a random character. Markers are only ever inserted between markers, so every item (one
// insert, or a run of one client's consecutive inserts) starts and ends between two. Walking
// the items costs far less than building the text's string on every edit.
const between = (text) => {
  const target = Math.random() * text.length
  let pos = 0
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue
    if (pos + item.length > target) return pos
    pos += item.length
  }
  return pos
}

const edit = (client) => {
  const marker = `${client.id}:${client.seq++}`
  sent.set(`${client.roomIndex}/${marker}`, performance.now())
  client.text.insert(between(client.text), marker + ';')
}

// Each client edits on its own timer, phases spread so the load is smooth.
const period = 1000 / cfg.editsPerSec
const timers = []
const start = () => {
  for (const client of clients) {
    setTimeout(() => {
      timers.push(setInterval(() => edit(client), period))
    }, Math.random() * period)
  }
}
start()
await sleep((cfg.warmupS ?? 2) * 1000)
measuring = true
// With a barrier, the runner is told when the measured window opens and closes (server CPU).
if (cfg.barrier) console.log(JSON.stringify({ measuring: true }))
const t0 = performance.now()
await sleep(cfg.durationS * 1000)
measuring = false
if (cfg.barrier) console.log(JSON.stringify({ measuring: false }))
const elapsed = (performance.now() - t0) / 1000
for (const timer of timers) clearInterval(timer)

// Convergence: every client of a room holds the same text (waiting up to 15 s for stragglers).
const rooms = cfg.rooms.length
const converged = async () => {
  const until = Date.now() + 15000
  while (Date.now() < until) {
    let diverged = 0
    for (let r = 0; r < rooms; r++) {
      const texts = new Set(clients.filter((c) => c.roomIndex === r).map((c) => c.text.toString()))
      if (texts.size > 1) diverged++
    }
    if (diverged === 0) return 0
    await sleep(100)
  }
  let diverged = 0
  for (let r = 0; r < rooms; r++) {
    const texts = new Set(clients.filter((c) => c.roomIndex === r).map((c) => c.text.toString()))
    if (texts.size > 1) diverged++
  }
  return diverged
}
const divergedRooms = await converged()
latencies.sort((a, b) => a - b)
const pct = (p) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p / 100 * latencies.length))] : null
const expected = clients.length * cfg.editsPerSec * elapsed * (cfg.clientsPerRoom - 1)
const result = JSON.stringify({
  clients: clients.length,
  samples: latencies.length,
  p50_ms: pct(50),
  p95_ms: pct(95),
  p99_ms: pct(99),
  max_ms: latencies.length ? latencies[latencies.length - 1] : null,
  delivered_per_s: delivered / elapsed,
  expected_per_s: expected / elapsed,
  diverged_rooms: divergedRooms,
  loadgen_cpu_s: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  elapsed_s: elapsed,
  ...(cfg.rawLatencies ? { latencies: latencies.map((l) => Math.round(l * 100) / 100) } : {})
})
if (timeline) {
  require('node:fs').writeFileSync(process.env.BENCH_TIMELINE, JSON.stringify({ timeOrigin: performance.timeOrigin, samples: timeline, stalls, gcPauses, awarenessTimes }))
}
for (const client of clients) client.provider.destroy()
// A pipe is written asynchronously: exit once the (long) result line is out.
process.stdout.write(result + '\n', () => process.exit(0))
