// Drives real Yjs + y-websocket WebsocketProvider clients against a server; used by tests/interop
// (pytest) and bench/collab. Input: one JSON argument; output: JSON lines on stdout.
//
// {url, room, clients: [token...], tokens: N, intervalMs: M, timeoutMs: T, awareness: bool}
// Each client types N unique tokens ("c<i>-<k>\n"), each inserted atomically after a random line
// break (so tokens never split each other), then waits until every client holds every token.
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'

const cfg = JSON.parse(process.argv[2])
const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const clients = cfg.clients.map((token, index) => {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(cfg.url, cfg.room, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket,
    disableBc: true
  })
  const closes = []
  provider.on('connection-close', (event) => { if (event) closes.push(event.code) })
  if (cfg.awareness) provider.awareness.setLocalStateField('user', { name: `spoofed-${index}` })
  return { index, doc, provider, text: doc.getText('code'), closes }
})

const deadline = Date.now() + (cfg.timeoutMs ?? 30000)
const until = async (predicate, what) => {
  while (!predicate()) {
    if (Date.now() > deadline) {
      emit({ event: 'timeout', waiting: what, texts: clients.map((c) => c.text.toString()), closes: clients.map((c) => c.closes) })
      process.exit(2)
    }
    await sleep(10)
  }
}

if (cfg.expectClose) {
  await until(() => clients.every((c) => c.closes.length > 0), 'close')
  emit({ event: 'closed', codes: clients.map((c) => c.closes[0]), texts: clients.map((c) => c.text.toString()) })
  process.exit(0)
}

await until(() => clients.every((c) => c.provider.synced), 'synced')
emit({ event: 'synced' })

const insertToken = (client, token) => {
  const text = client.text.toString()
  const breaks = [0]
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') breaks.push(i + 1)
  client.text.insert(breaks[Math.floor(Math.random() * breaks.length)], token)
}

const tokens = cfg.tokens ?? 0
for (let k = 0; k < tokens; k++) {
  for (const client of clients) insertToken(client, `${cfg.prefix ?? 'c'}${client.index}-${k}\n`)
  if (k === Math.floor(tokens / 4)) emit({ event: 'typing' })
  await sleep(cfg.intervalMs ?? 10)
}
emit({ event: 'typed' })

const expected = cfg.expectLines ?? clients.length * tokens
const lines = (c) => c.text.toString().split('\n').filter((line) => line.length > 0)
await until(
  () => clients.every((c) => lines(c).length >= expected) &&
    clients.every((c) => c.text.toString() === clients[0].text.toString()),
  'convergence'
)
if (cfg.awareness) {
  await until(() => clients.every((c) => c.provider.awareness.getStates().size >= clients.length), 'awareness')
}
const awareness = clients.map((c) =>
  Array.from(c.provider.awareness.getStates().values()).map((state) => state.user ?? null))
emit({ event: 'done', text: clients[0].text.toString(), awareness, closes: clients.map((c) => c.closes) })
for (const c of clients) c.provider.destroy()
process.exit(0)
