// Types a real editing trace (tests/data/editing-traces) through an unmodified y-websocket v3
// WebsocketProvider as fast as it can; used by tests/security/test_fast_client.py.
// Input: one JSON argument; output: JSON lines on stdout; "continue" lines on stdin resume it.
//
// {url, room, token, trace: path, txns: N, checkpoints: [k...], timeoutMs}
// After transaction k of each checkpoint it emits {event: "checkpoint-<k>", text} and waits for a
// line on stdin (the test checks the server meanwhile). At the end it emits "typed" with the text,
// waits for a line, then emits "done" with every close code the provider saw.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { createInterface } from 'node:readline'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket-v3'
import WebSocket from 'ws'

const cfg = JSON.parse(process.argv[2])
const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]()
const resume = async () => { await lines.next() }

const trace = JSON.parse(gunzipSync(readFileSync(cfg.trace)).toString('utf8'))
const doc = new Y.Doc()
const provider = new WebsocketProvider(cfg.url, cfg.room, doc, {
  params: { token: cfg.token },
  WebSocketPolyfill: WebSocket,
  disableBc: true
})
const closes = []
provider.on('connection-close', (event) => { if (event) closes.push(event.code) })
const text = doc.getText('code')

const deadline = Date.now() + (cfg.timeoutMs ?? 60000)
while (!provider.synced) {
  if (Date.now() > deadline) {
    emit({ event: 'timeout', waiting: 'synced', closes })
    process.exit(2)
  }
  await sleep(10)
}
emit({ event: 'synced' })

// Trace positions count code points, Yjs counts UTF-16 units: the same for this trace (no
// characters outside the Basic Multilingual Plane), which is checked rather than assumed.
if (/[\uD800-\uDFFF]/.test(trace.txns.map((txn) => txn.patches.map((p) => p[2]).join('')).join(''))) {
  emit({ event: 'unsupported', reason: 'the trace has characters outside the BMP' })
  process.exit(3)
}
const checkpoints = new Set(cfg.checkpoints ?? [])
for (let k = 1; k <= cfg.txns; k++) {
  doc.transact(() => {
    for (const [pos, del, ins] of trace.txns[k - 1].patches) {
      if (del > 0) text.delete(pos, del)
      if (ins) text.insert(pos, ins)
    }
  })
  if (checkpoints.has(k)) {
    emit({ event: `checkpoint-${k}`, text: text.toString() })
    await resume()
  }
}
emit({ event: 'typed', text: text.toString() })
await resume()
emit({ event: 'done', text: text.toString(), closes })
provider.destroy()
process.exit(0)
