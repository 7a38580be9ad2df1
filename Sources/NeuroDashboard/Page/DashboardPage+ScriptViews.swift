extension DashboardPage {
    // The dashboard script's charts (SVG, no library), NeuroSim's verdict and the sortable,
    // filterable games table: the middle piece of `script` (see `DashboardPage+Script.swift`).
    // Data from games and Neuro is only ever set with textContent (never innerHTML).
    static let scriptViews = #"""
          // --- Charts: SVG drawn here, no library.

          function drawSparkline(node, values) {
            const width = 150, height = 30;
            const max = Math.max(1, ...values);
            const step = values.length > 1 ? width / (values.length - 1) : width;
            const points = values.map((v, i) => (i * step).toFixed(1) + "," + (height - 2 - (v / max) * (height - 4)).toFixed(1));
            node.replaceChildren(
              svg("polyline", { class: "spark", points: points.join(" ") }),
              svg("title", {}, "results per 10 s, oldest first: " + values.join(" ")));
            node.dataset.values = values.join(",");
          }

          function drawChart(node, series, history, unit) {
            const width = 600, height = 150, left = 40, bottom = 16, top = 8;
            const end = history.length ? history[history.length - 1].secondsRunning : 0;
            // The axis grows with the history, from a minute to five.
            const span = Math.min(historyLimit, Math.max(60, history.length ? end - history[0].secondsRunning : 0));
            const start = end - span;
            const x = (t) => left + ((t - start) / span) * (width - left - 4);
            let max = 0;
            for (const line of series) for (const p of history) { const v = line.value(p); if (v !== null && v !== undefined) max = Math.max(max, v); }
            max = niceMax(max);
            const y = (v) => top + (1 - v / max) * (height - top - bottom);
            const children = [];
            for (const fraction of [0, 0.5, 1]) {
              const value = max * fraction;
              children.push(svg("line", { class: "grid", x1: left, x2: width, y1: y(value), y2: y(value) }));
              children.push(svg("text", { class: "axis", x: left - 4, y: y(value) + 4, "text-anchor": "end" }, format(value)));
            }
            children.push(svg("text", { class: "axis", x: left, y: height - 2 }, "-" + duration(span)));
            children.push(svg("text", { class: "axis", x: width - 4, y: height - 2, "text-anchor": "end" }, "now"));
            for (const p of history) {
              if (p.secondsRunning < start) continue;
              if (p.newFailures > 0) {
                const mark = svg("line", { class: "mark fail", x1: x(p.secondsRunning), x2: x(p.secondsRunning), y1: height - bottom, y2: height - bottom - 8 });
                mark.appendChild(svg("title", {}, p.newFailures + " failure result(s)"));
                children.push(mark);
              }
              if (p.newReconnects > 0) {
                const mark = svg("line", { class: "mark reconnect", x1: x(p.secondsRunning), x2: x(p.secondsRunning), y1: top, y2: height - bottom });
                mark.appendChild(svg("title", {}, p.newReconnects + " reconnect(s)"));
                children.push(mark);
              }
            }
            for (const line of series) {
              let d = "";
              let isDrawing = false;
              let previous = null;
              for (const p of history) {
                if (p.secondsRunning < start) continue;
                const v = line.value(p);
                // A gap (nobody watched, or no latency to show) breaks the line.
                const isGap = previous !== null && p.secondsRunning - previous > 5;
                previous = p.secondsRunning;
                if (v === null || v === undefined || isGap) { isDrawing = false; if (v === null || v === undefined) continue; }
                d += (isDrawing ? "L" : "M") + x(p.secondsRunning).toFixed(1) + "," + y(v).toFixed(1);
                isDrawing = true;
              }
              children.push(svg("path", { class: "line " + line.name, d: d || "M0,0" }));
            }
            const last = history[history.length - 1];
            children.push(svg("title", {}, last ? series.map((line) => line.name + " " + format(line.value(last)) + " " + unit).join(", ") : "no data yet"));
            node.replaceChildren(...children);
            node.dataset.points = String(history.length);
          }

          function niceMax(value) {
            if (!(value > 0)) return 1;
            const power = Math.pow(10, Math.floor(Math.log10(value)));
            for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
            return 10 * power;
          }

          function format(value) {
            if (value === null || value === undefined) return "-";
            return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
          }

          function renderCharts() {
            drawChart($("chart-rate"), [{ name: "rate", value: (p) => p.resultsPerSecond }], latest.history, "results/s");
            drawChart($("chart-latency"), [
              { name: "p50", value: (p) => p.latencyP50Milliseconds },
              { name: "p99", value: (p) => p.latencyP99Milliseconds },
            ], latest.history, "ms");
          }

          // --- NeuroSim's verdict.

          function renderVerdict() {
            const verdict = latest.neuroSim;
            $("neurosim").hidden = !verdict;
            if (!verdict || renderVerdict.shown === verdict) return;
            renderVerdict.shown = verdict;
            $("neurosim-summary").textContent = verdict.violationCount + " violation(s), " + verdict.diagnosticCount
              + " diagnostic(s) in all" + (verdict.diagnosticCount === 0 ? ": nothing wrong so far" : "");
            $("neurosim-summary").className = "verdict " + (verdict.violationCount > 0 ? "failed" : "ok");
            const head = el("tr");
            for (const name of ["rule", "severity", "count", "games"]) head.appendChild(el("th", null, name));
            const rows = verdict.rules.map((rule) => {
              const row = el("tr", "severity-" + rule.severity);
              row.dataset.rule = rule.rule;
              row.appendChild(el("td", "rule", rule.rule));
              row.appendChild(el("td", null, rule.severity));
              row.appendChild(el("td", "number", rule.count));
              const games = Object.keys(verdict.games).filter((title) => verdict.games[title][rule.rule]);
              row.appendChild(el("td", "muted", games.slice(0, 5).join(", ") + (games.length > 5 ? " … +" + (games.length - 5) : "")));
              return row;
            });
            $("neurosim-rules").replaceChildren(head, ...(rows.length ? rows : [el("tr", "muted", "no diagnostics")]));
            $("neurosim-latest").replaceChildren(...verdict.latest.slice().reverse().map((m) => {
              const item = el("li", "severity-" + m.severity);
              item.appendChild(el("span", "rule", m.rule));
              item.appendChild(el("span", "muted", " (" + m.severity + ")" + (m.game ? " " + m.game : "") + ": "));
              item.appendChild(el("span", null, m.message));
              return item;
            }));
          }

          // --- The games: a sortable, filterable table and the cards.

          function sortValue(game, key) {
            const status = game.status;
            switch (key) {
              case "title": return status.title.toLowerCase();
              case "plugin": return status.plugin;
              case "state": return status.state;
              case "accepted": return status.actionsHandled;
              case "failed": return status.failures;
              case "reconnects": return status.reconnects;
              case "recent": return (game.recentResults || []).slice(-6).reduce((a, b) => a + b, 0);
              default: return game.index;
            }
          }

          function visibleGames() {
            const needle = filterText.trim().toLowerCase();
            const games = latest.games.filter((g) => g && (!needle || (g.status.title + " " + g.status.plugin + " "
              + g.status.state + " " + (g.status.gameStatus || "")).toLowerCase().includes(needle)));
            games.sort((a, b) => {
              const va = sortValue(a, sortKey), vb = sortValue(b, sortKey);
              const order = va < vb ? -1 : va > vb ? 1 : 0;
              return (sortDescending ? -order : order) || a.index - b.index;
            });
            return games;
          }

          function renderTable(games) {
            $("game-count").textContent = "(" + latest.games.length + ")";
            $("game-shown").textContent = games.length > rowLimit
              ? "showing " + rowLimit + " of " + games.length + " matching; filter or sort to find others"
              : games.length + " of " + latest.games.length + " shown";
            for (const th of document.querySelectorAll("#game-table th[data-sort]")) {
              th.classList.toggle("sorted", th.dataset.sort === sortKey);
              th.classList.toggle("descending", th.dataset.sort === sortKey && sortDescending);
            }
            const shown = games.slice(0, rowLimit);
            // Rebuilt only when a shown row changed: the stream resends changed games as new objects.
            const signature = [selected, shown.length].concat(shown.map((g) => g.index)).join(",");
            if (renderTable.signature === signature && shown.every((g, i) => renderTable.games[i] === g)) return;
            renderTable.signature = signature;
            renderTable.games = shown;
            const rows = shown.map((game) => {
              const status = game.status;
              const row = el("tr", game.index === selected ? "selected" : null);
              row.dataset.index = String(game.index);
              row.appendChild(el("td", "title", status.title));
              row.appendChild(el("td", null, status.plugin));
              row.appendChild(el("td", "state " + status.state, status.state.replace(/-/g, " ")));
              row.appendChild(el("td", "number", status.actionsHandled));
              row.appendChild(el("td", "number", status.failures));
              row.appendChild(el("td", "number", status.reconnects));
              const cell = el("td");
              const spark = svg("svg", { class: "sparkline small", viewBox: "0 0 150 30", preserveAspectRatio: "none" });
              drawSparkline(spark, game.recentResults || []);
              cell.appendChild(spark);
              row.appendChild(cell);
              row.appendChild(el("td", "muted", status.gameStatus || ""));
              return row;
            });
            $("game-table").tBodies[0].replaceChildren(...rows);
          }

          function renderGames() {
            const games = visibleGames();
            renderTable(games);
            let shown;
            if (latest.games.length <= cardLimit) {
              shown = latest.games.filter((g) => g);
            } else {
              if (selected === null || !latest.games[selected]) selected = games.length ? games[0].index : null;
              shown = selected === null ? [] : [latest.games[selected]];
            }
            const wanted = new Set(shown.map((g) => g.index));
            for (const [index, card] of cards) {
              if (!wanted.has(index)) { card.root.remove(); cards.delete(index); }
            }
            for (const game of shown) renderGame(game);
          }

        """#
}
