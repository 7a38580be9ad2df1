extension DashboardPage {
    static let style = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 0 1.5rem 2rem; background: #f6f7f9; color: #1d2330; }
        header { display: flex; gap: 1rem; align-items: baseline; }
        h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.5rem; } h3 { font-size: 1rem; }
        .muted { color: #667; }
        .pill { padding: 0.1rem 0.6rem; border-radius: 1rem; background: #dde; }
        .pill.live { background: #c8f0cf; } .pill.down { background: #f6c9c9; }
        .totals { display: flex; gap: 1.5rem; font-size: 1.1rem; }
        .totals .label, .field .label { color: #667; font-size: 0.85em; }
        .message { min-height: 1.2em; white-space: pre-wrap; }
        .message.error { color: #a11; }
        .games { display: grid; grid-template-columns: repeat(auto-fill, minmax(26rem, 1fr)); gap: 1rem; }
        .game { background: #fff; border: 1px solid #d5d8df; border-radius: 6px; padding: 0.8rem; }
        .game h3 { margin: 0 0 0.4rem; overflow-wrap: anywhere; }
        .state { font-weight: 600; }
        .state.connected { color: #186a2c; } .state.backing-off, .state.paused { color: #a15c00; }
        .state.gave-up, .state.stopped { color: #a11; }
        .fields { display: grid; grid-template-columns: repeat(4, 1fr); gap: 0.3rem; margin-bottom: 0.5rem; }
        .controls { display: flex; gap: 0.4rem; flex-wrap: wrap; margin: 0.4rem 0; }
        pre, .text { white-space: pre-wrap; overflow-wrap: anywhere; background: #f1f2f5; padding: 0.4rem;
          border-radius: 4px; margin: 0.2rem 0; max-height: 12rem; overflow: auto; font: 12px/1.35 ui-monospace, monospace; }
        ol.log { padding-left: 1.2rem; margin: 0.2rem 0; max-height: 14rem; overflow: auto; font-size: 12px; }
        .ok { color: #186a2c; } .failed { color: #a11; }
        details summary { cursor: pointer; color: #334; }
        .manual { display: grid; gap: 0.4rem; max-width: 48rem; }
        .manual textarea { font: 12px ui-monospace, monospace; }
        .faults { display: flex; gap: 0.4rem; flex-wrap: wrap; }
        table { border-collapse: collapse; } td, th { padding: 0.2rem 0.6rem; text-align: left; border-bottom: 1px solid #e2e4ea; }
        """
}
