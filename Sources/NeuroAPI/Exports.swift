// `import NeuroAPI` gives the whole protocol too: JSON, messages, actions, schemas and the
// per-connection core live in the pure `NeuroProtocol` module, which this module re-exports.
@_exported import NeuroProtocol
