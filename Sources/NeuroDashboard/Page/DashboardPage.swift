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
          <div><span class="label">actions</span> <span id="total-actions">0</span></div>
          <div><span class="label">failures</span> <span id="total-failures">0</span></div>
          <div><span class="label">reconnects</span> <span id="total-reconnects">0</span></div>
          <div><span class="label">results/s</span> <span id="results-per-second">0</span></div>
          <div><span class="label">up</span> <span id="seconds-running">0s</span></div>
        </section>
        <p id="message" class="message" role="status"></p>
        <section>
          <h2>Force slots</h2>
          <div id="force-slots"><p class="muted">No Neuro is shared by several games.</p></div>
        </section>
        <section id="simulator" hidden>
          <h2>NeuroSim</h2>
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
          <h2>Games</h2>
          <div id="games" class="games"></div>
        </section>
        </body>
        </html>
        """
}
