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
        .fields { display: grid; grid-template-columns: repeat(5, 1fr); gap: 0.3rem; margin-bottom: 0.5rem; }
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
        [title] { cursor: help; } button[title], th[data-sort] { cursor: pointer; }
        .totals { flex-wrap: wrap; } .totals > div { background: #fff; border: 1px solid #d5d8df; border-radius: 6px; padding: 0.3rem 0.7rem; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; margin-top: 0.8rem; }
        .charts figure { margin: 0; background: #fff; border: 1px solid #d5d8df; border-radius: 6px; padding: 0.5rem; }
        .charts figcaption { font-size: 0.9em; color: #334; margin-bottom: 0.3rem; }
        svg.chart { width: 100%; height: 150px; display: block; }
        svg.chart .grid { stroke: #e2e4ea; stroke-width: 1; }
        svg.chart .axis { fill: #667; font-size: 10px; }
        svg.chart .line { fill: none; stroke-width: 1.8; vector-effect: non-scaling-stroke; }
        svg.chart .line.rate { stroke: #2b6cb0; } svg.chart .line.p50 { stroke: #2f855a; } svg.chart .line.p99 { stroke: #805ad5; }
        svg.chart .mark { stroke-width: 2; vector-effect: non-scaling-stroke; }
        .mark.fail { stroke: #c53030; } .mark.reconnect { stroke: #dd6b20; stroke-dasharray: 3 2; }
        .legend { margin-left: 0.6rem; color: #667; } .key { display: inline-block; width: 0.8em; height: 0.3em; margin: 0 0.2em 0.15em 0.6em; }
        .key.rate { background: #2b6cb0; } .key.p50 { background: #2f855a; } .key.p99 { background: #805ad5; }
        .key.fail { background: #c53030; } .key.reconnect { background: #dd6b20; }
        svg.sparkline { width: 150px; height: 30px; display: block; background: #f1f2f5; border-radius: 3px; }
        svg.sparkline.small { width: 90px; height: 18px; }
        svg.sparkline .spark { fill: none; stroke: #2b6cb0; stroke-width: 1.5; vector-effect: non-scaling-stroke; }
        .visuals { display: flex; gap: 1rem; align-items: flex-start; margin: 0.4rem 0; flex-wrap: wrap; }
        pre.board { font: 13px/1.25 ui-monospace, monospace; background: #1d2330; color: #e8ecf3; padding: 0.5rem 0.7rem;
          border-radius: 4px; margin: 0; white-space: pre; overflow: auto; max-height: 16rem; flex: 0 0 auto; }
        pre.board.muted { background: #f1f2f5; color: #667; }
        .game-diagnostics { font-size: 12px; margin-top: 0.4rem; overflow-wrap: anywhere; }
        .verdict { font-weight: 600; } .verdict-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
        #neurosim { background: #fff; border: 1px solid #d5d8df; border-radius: 6px; padding: 0 0.8rem 0.6rem; margin-top: 1rem; }
        #neurosim-latest { max-height: 16rem; }
        .severity-error .rule { color: #a11; font-weight: 600; } .severity-warning .rule { color: #a15c00; font-weight: 600; }
        .rule { font-family: ui-monospace, monospace; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        .toolbar { display: flex; gap: 1rem; align-items: center; margin: 0.4rem 0; }
        .toolbar input { min-width: 18rem; padding: 0.2rem 0.4rem; }
        .table-scroll { max-height: 24rem; overflow: auto; margin-bottom: 1rem; border: 1px solid #d5d8df; border-radius: 6px; }
        .game-table { background: #fff; width: 100%; font-size: 13px; }
        .game-table thead th { position: sticky; top: 0; background: #fff; box-shadow: 0 1px 0 #d5d8df; }
        .game-table tbody tr { cursor: pointer; } .game-table tbody tr:hover { background: #eef3fb; }
        .game-table tr.selected { background: #dbe8fb; }
        .game-table th.sorted::after { content: " ▲"; } .game-table th.sorted.descending::after { content: " ▼"; }
        .game-table td.title { max-width: 22rem; overflow-wrap: anywhere; }
        .waiting-list { max-height: 8rem; overflow: auto; font-size: 12px; }
        """
}
