// `import NeuroAPI` gives the whole protocol and the transports too: JSON, messages, actions,
// schemas and the per-connection core live in the pure `NeuroProtocol` module, the websocket
// client (`WebSocketConnector`), `NeuroTransport` and `InMemoryTransport` in `NeuroWebSocket`;
// this module re-exports both, so a game needs this one import.
@_exported import NeuroProtocol
@_exported import NeuroWebSocket
