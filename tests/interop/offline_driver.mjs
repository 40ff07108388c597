// One real y-websocket provider (v2 or v3) that edits while disconnected, then reconnects; used by
// tests/interop/test_offline_edits.py. Input: one JSON argument
// {url, room, token, version: "v2"|"v3", typeOnReconnect: bool}; output: JSON lines on stdout.
// Offline it appends after the text the server holds (another client's), then inserts into its
// own offline text, so its new items depend on the server's items and on its own unsent ones.
// With typeOnReconnect it also types in the moment the socket opens, before its sync step 2.
import * as Y from 'yjs'
import { WebsocketProvider as ProviderV2 } from 'y-websocket'
import { WebsocketProvider as ProviderV3 } from 'y-websocket-v3'
import WebSocket from 'ws'

const cfg = JSON.parse(process.argv[2])
const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const Provider = cfg.version === 'v3' ? ProviderV3 : ProviderV2

const doc = new Y.Doc()
const text = doc.getText('code')
const provider = new Provider(cfg.url, cfg.room, doc, {
  params: { token: cfg.token }, WebSocketPolyfill: WebSocket, disableBc: true
})
const closes = []
provider.on('connection-close', (event) => { if (event) closes.push(event.code) })
const deadline = Date.now() + 20000
const until = async (predicate, what) => {
  while (!predicate()) {
    if (Date.now() > deadline) {
      emit({ event: 'timeout', waiting: what, text: text.toString(), closes })
      process.exit(2)
    }
    await sleep(10)
  }
}

await until(() => provider.synced && text.length > 0, 'first sync')
provider.disconnect()
text.insert(text.length, '\noffline')
text.insert(text.length - 'offline'.length, 'typed ')
text.insert(text.length, '!')
let typedOnReconnect = !cfg.typeOnReconnect
provider.on('status', ({ status }) => {
  if (status === 'connected' && !typedOnReconnect) {
    typedOnReconnect = true
    text.insert(text.length, '?')
  }
})
provider.connect()
await until(() => provider.synced && typedOnReconnect, 'resync')
await sleep(300)
emit({ event: 'done', text: text.toString(), closes })
provider.destroy()
process.exit(0)
