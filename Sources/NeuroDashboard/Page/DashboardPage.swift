/// The dashboard's page, embedded in the binary as string literals (no resource bundle to
/// find at run time, so a static binary serves it too).
///
/// The script never puts data into `innerHTML`: every title, text and action data, which come
/// from games and from Neuro, is set with `textContent`, and the page's Content-Security-Policy
/// (`DashboardGuard`) allows no inline script besides.
enum DashboardPage {
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>neuro-host dashboard</title>
        <link rel="stylesheet" href="/dashboard.css">
        <script src="/dashboard.js" defer></script>
        </head>
        <body>
        <header>
          <h1>neuro-host</h1>
          <span id="connection-status" class="pill">connecting…</span>
          <span id="host-url" class="muted"></span>
        </header>
        <section id="totals" class="totals">
          <div title="Actions the games accepted: success results sent to Neuro."><span class="label">accepted</span> <span id="total-actions">0</span></div>
          <div title="Failure results sent: refused moves, data off the schema, unknown or late actions, game errors."><span class="label">failed</span> <span id="total-failures">0</span></div>
          <div title="Every result sent, accepted and failed."><span class="label">total results</span> <span id="total-results">0</span></div>
          <div title="Connections after the first, over every game."><span class="label">reconnects</span> <span id="total-reconnects">0</span></div>
          <div title="Results (accepted and failed) per second over the last 10 seconds."><span class="label">results/s (10 s)</span> <span id="results-per-second">0</span></div>
          <div title="Median and 99th percentile of the time from an action's arrival to its result, over the last 10 seconds."><span class="label">latency p50 / p99</span> <span id="latency">-</span></div>
          <div title="Time since the dashboard started."><span class="label">up</span> <span id="seconds-running">0s</span></div>
        </section>
        <p id="message" class="message" role="status"></p>
        <section id="charts" class="charts">
          <figure>
            <figcaption title="Results per second over a sliding 10 s window; red ticks: failure results, orange ticks: reconnects.">Results per second (up to the last 5 minutes) <span class="legend"><span class="key rate"></span>results/s <span class="key fail"></span>failures <span class="key reconnect"></span>reconnects</span></figcaption>
            <svg id="chart-rate" class="chart" viewBox="0 0 600 150" preserveAspectRatio="none" role="img" aria-label="results per second"></svg>
          </figure>
          <figure>
            <figcaption title="Result latency over the last 10 s, at each second: median (p50) and 99th percentile (p99).">Result latency, ms <span class="legend"><span class="key p50"></span>p50 <span class="key p99"></span>p99 <span class="key fail"></span>failures <span class="key reconnect"></span>reconnects</span></figcaption>
            <svg id="chart-latency" class="chart" viewBox="0 0 600 150" preserveAspectRatio="none" role="img" aria-label="result latency"></svg>
          </figure>
        </section>
        <section id="neurosim" hidden>
          <h2 title="What NeuroSim, the simulated Neuro of --simulate, found wrong or noteworthy in the games' messages.">NeuroSim's verdict</h2>
          <p id="neurosim-summary" class="verdict"></p>
          <div class="verdict-grid">
            <div><h3>By rule</h3><table id="neurosim-rules"></table></div>
            <div><h3>Latest</h3><ol id="neurosim-latest" class="log"></ol></div>
          </div>
        </section>
        <section>
          <h2>Force slots</h2>
          <div id="force-slots"><p class="muted">No Neuro is shared by several games.</p></div>
        </section>
        <section id="simulator" hidden>
          <h2>NeuroSim controls</h2>
          <div class="faults">
            <button type="button" data-fault="drop-all">Drop all connections</button>
            <button type="button" data-fault="reregister-all">actions/reregister_all</button>
            <button type="button" data-fault="shutdown-graceful">shutdown/graceful request</button>
            <button type="button" data-fault="shutdown-immediate">shutdown/immediate request</button>
            <button type="button" data-fault="restart-server">Restart the server</button>
          </div>
          <h3>Send an action as Neuro</h3>
          <div class="manual">
            <label>Game <select id="manual-game"></select></label>
            <label>Action <select id="manual-action"></select></label>
            <button type="button" id="manual-example">New example data</button>
            <textarea id="manual-data" rows="6" spellcheck="false" aria-label="Action data (JSON)"></textarea>
            <p id="manual-description" class="muted"></p>
            <button type="button" id="manual-send">Send action</button>
            <p id="manual-result" class="message"></p>
          </div>
        </section>
        <section>
          <h2 id="games-heading">Games <span id="game-count" class="muted"></span></h2>
          <div class="toolbar">
            <input id="game-filter" type="search" placeholder="filter by title, plugin or state" aria-label="Filter games">
            <span id="game-shown" class="muted"></span>
          </div>
          <div class="table-scroll">
          <table id="game-table" class="game-table">
            <thead><tr>
              <th data-sort="title" title="The game's title">game</th>
              <th data-sort="plugin" title="The plugin id">plugin</th>
              <th data-sort="state" title="Connection state">state</th>
              <th data-sort="accepted" class="number" title="Actions accepted (success results)">accepted</th>
              <th data-sort="failed" class="number" title="Failure results sent">failed</th>
              <th data-sort="reconnects" class="number" title="Connections after the first">reconnects</th>
              <th data-sort="recent" title="Results per 10 s over the last 5 minutes (sorted by the last minute)">activity</th>
              <th title="The game's own status line">status</th>
            </tr></thead>
            <tbody></tbody>
          </table>
          </div>
          <div id="games" class="games"></div>
        </section>
        </body>
        </html>
        """
}
