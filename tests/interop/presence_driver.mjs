// Two real y-websocket providers, A and B, in one room; used by tests/interop/test_presence_heals.py.
// Input: one JSON argument {urlA, urlB, room, tokenA, tokenB, version: "v2"|"v3"}; A connects to
// urlA (a proxy the test can freeze), B to urlB. Output: JSON lines on stdout:
//   {event: "seen", present, cursor}  whenever B's view of A's awareness state changes
//   {event: "a-status", status}       whenever A's connection status changes
//   {event: "a-closed", code}         a close code A received from the server
// Commands, one per stdin line:
//   cursor N    A sets its awareness field `cursor` to N
//   drop        A closes its socket the ordinary way (y-websocket reconnects)
//   terminate   A's socket dies without a close frame (a network drop; y-websocket reconnects)
//   quit        both providers are destroyed and the driver exits
import readline from 'node:readline'
import * as Y from 'yjs'
import { WebsocketProvider as ProviderV2 } from 'y-websocket'
import { WebsocketProvider as ProviderV3 } from 'y-websocket-v3'
import WebSocket from 'ws'

const cfg = JSON.parse(process.argv[2])
const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const Provider = cfg.version === 'v2' ? ProviderV2 : ProviderV3

const open = (url, token) => {
  const doc = new Y.Doc()
  const provider = new Provider(url, cfg.room, doc, {
    params: { token }, WebSocketPolyfill: WebSocket, disableBc: true
  })
  return { doc, provider }
}

const a = open(cfg.urlA, cfg.tokenA)
const b = open(cfg.urlB, cfg.tokenB)

a.provider.on('status', ({ status }) => emit({ event: 'a-status', status }))
a.provider.on('connection-close', (event) => { if (event) emit({ event: 'a-closed', code: event.code }) })

let last = null
b.provider.awareness.on('change', () => {
  const state = b.provider.awareness.getStates().get(a.doc.clientID)
  const seen = { event: 'seen', present: state !== undefined, cursor: state?.cursor ?? null }
  const key = JSON.stringify(seen)
  if (key !== last) {
    last = key
    emit(seen)
  }
})

a.provider.awareness.setLocalStateField('cursor', 1)

const lines = readline.createInterface({ input: process.stdin })
lines.on('line', (line) => {
  const [command, argument] = line.trim().split(' ')
  if (command === 'cursor') {
    a.provider.awareness.setLocalStateField('cursor', Number(argument))
  } else if (command === 'drop') {
    a.provider.ws?.close()
  } else if (command === 'terminate') {
    a.provider.ws?.terminate()
  } else if (command === 'quit') {
    a.provider.destroy()
    b.provider.destroy()
    emit({ event: 'quit' })
    process.exit(0)
  }
})
