extension DashboardPage {
    // Data from games and Neuro is only ever set with textContent (never innerHTML).
    // The script is one function in three pieces: its state, helpers and cards here, the
    // charts, verdict and games table in `DashboardPage+ScriptViews.swift`, then the
    // rendering and the stream; joined with newlines it is the page's `dashboard.js`.
    static let script = scriptStart + "\n" + scriptViews + "\n" + scriptEnd

    // Everything before the charts: the token, the page state, the helpers, cards and controls.
    private static let scriptStart = #"""
        "use strict";
        (function () {
          const tokenKey = "neuro-dashboard-token";
          let token = sessionStorage.getItem(tokenKey) || "";
          const fragment = new URLSearchParams(location.hash.slice(1));
          if (fragment.get("token")) {
            token = fragment.get("token");
            sessionStorage.setItem(tokenKey, token);
            history.replaceState(null, "", location.pathname);
          }
          // The page's model, merged from the stream's first snapshot and its updates.
          let latest = null;
          let source = null;
          const cards = new Map();
          const $ = (id) => document.getElementById(id);
          const svgNS = "http://www.w3.org/2000/svg";
          // With more games than this, the table lists them and only the selected one has a card.
          const cardLimit = 12;
          const rowLimit = 200;
          const historyLimit = 300;
          let selected = null;
          let sortKey = "index";
          let sortDescending = false;
          let filterText = "";

          function el(tag, className, text) {
            const node = document.createElement(tag);
            if (className) node.className = className;
            if (text !== undefined && text !== null) node.textContent = String(text);
            return node;
          }

          function headers(extra) {
            const result = Object.assign({ "X-Neuro-Dashboard": "1" }, extra || {});
            if (token) result["Authorization"] = "Bearer " + token;
            return result;
          }

          function askForToken() {
            const given = prompt("This dashboard needs its token:");
            if (given) { token = given; sessionStorage.setItem(tokenKey, token); }
            return !!given;
          }

          async function request(method, path, body) {
            const options = { method: method, headers: headers(body ? { "Content-Type": "application/json" } : {}) };
            if (body) options.body = JSON.stringify(body);
            let response = await fetch(path, options);
            if (response.status === 401 && askForToken()) {
              options.headers = headers(body ? { "Content-Type": "application/json" } : {});
              response = await fetch(path, options);
            }
            let json = {};
            try { json = await response.json(); } catch (e) { json = {}; }
            if (!response.ok) throw new Error(json.message || ("HTTP " + response.status));
            return json;
          }

          function say(text, isError, target) {
            const node = target || $("message");
            node.textContent = text;
            node.classList.toggle("error", !!isError);
          }

          function duration(seconds) {
            if (seconds === null || seconds === undefined) return "-";
            const s = Math.max(0, Math.floor(seconds));
            if (s < 60) return s + "s";
            if (s < 3600) return Math.floor(s / 60) + "m" + String(s % 60).padStart(2, "0") + "s";
            return Math.floor(s / 3600) + "h" + String(Math.floor((s % 3600) / 60)).padStart(2, "0") + "m";
          }

          function svg(tag, attributes, text) {
            const node = document.createElementNS(svgNS, tag);
            for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, String(value));
            if (text !== undefined && text !== null) node.textContent = String(text);
            return node;
          }

          function field(card, name, label, tooltip) {
            const box = el("div", "field");
            if (tooltip) box.title = tooltip;
            box.appendChild(el("div", "label", label));
            const value = el("div", "value " + name);
            box.appendChild(value);
            card.fields.appendChild(box);
            card[name] = value;
          }

          async function control(game, name, question) {
            if (!confirm(question)) return;
            try {
              await request("POST", "/api/games/" + game.index + "/" + name);
              say(name + ": done for " + game.status.title);
            } catch (error) {
              say(name + " failed: " + error.message, true);
            }
          }

          function makeCard(game) {
            const card = { root: el("article", "game") };
            card.root.dataset.index = String(game.index);
            card.title = el("h3", "game-title");
            card.root.appendChild(card.title);
            card.fields = el("div", "fields");
            card.root.appendChild(card.fields);
            field(card, "state", "state", "Where the connection is now");
            field(card, "uptime", "session uptime", "Time since the current connection opened");
            field(card, "reconnects", "reconnects", "Connections after the first");
            field(card, "restarts", "restarts", "Reconnections started by the supervisor (dashboard controls, errors)");
            field(card, "backoff", "reconnect in", "Time before the next connection attempt, while backing off");
            field(card, "actions-count", "accepted", "Actions the game accepted (success results)");
            field(card, "failures", "failed", "Failure results sent: refused moves, invalid data, unknown or late actions");
            field(card, "results", "total", "Every result sent: accepted + failed");
            field(card, "prefix", "action prefix", "The prefix added to this game's action names on the wire");
            const visuals = el("div", "visuals");
            card.board = el("pre", "board");
            card.board.title = "The game's board, as the plugin draws it (renderedBoard)";
            visuals.appendChild(card.board);
            const activity = el("div", "activity");
            activity.appendChild(el("div", "label", "results per 10 s, last 5 min"));
            card.sparkline = svg("svg", { class: "sparkline", viewBox: "0 0 150 30", preserveAspectRatio: "none" });
            activity.appendChild(card.sparkline);
            card.diagnostics = el("div", "game-diagnostics");
            activity.appendChild(card.diagnostics);
            visuals.appendChild(activity);
            card.root.appendChild(visuals);
            card.gameStatus = el("div", "game-status muted");
            card.root.appendChild(card.gameStatus);
            card.lastError = el("div", "last-error failed");
            card.root.appendChild(card.lastError);
            const controls = el("div", "controls");
            const buttons = [
              ["drop", "Drop connection", "Drop the connection of this game abruptly (no close frame)?"],
              ["close", "Close connection", "Close the connection of this game cleanly?"],
              ["restart", "Restart", "Restart this game (close and connect again at once)?"],
              ["pause", "Pause", "Pause this game (disconnect until resumed)?"],
              ["resume", "Resume", "Resume this game?"],
            ];
            for (const [name, label, question] of buttons) {
              const button = el("button", name, label);
              button.type = "button";
              button.addEventListener("click", () => {
                const current = latest && latest.games.find((g) => g.index === game.index);
                control(current || game, name, question);
              });
              controls.appendChild(button);
              card[name + "Button"] = button;
            }
            card.root.appendChild(controls);
            card.root.appendChild(el("div", "label", "Current force"));
            card.force = el("div", "force text");
            card.root.appendChild(card.force);
            const contextBox = el("details");
            contextBox.appendChild(el("summary", null, "Context messages"));
            card.contexts = el("ol", "log contexts");
            contextBox.appendChild(card.contexts);
            card.root.appendChild(contextBox);
            const actionBox = el("details");
            actionBox.open = true;
            actionBox.appendChild(el("summary", null, "Last actions"));
            card.actions = el("ol", "log actions");
            actionBox.appendChild(card.actions);
            card.root.appendChild(actionBox);
            $("games").appendChild(card.root);
            return card;
          }

          // Seconds since a game's last update: its uptime and countdown advance on the page.
          function elapsedFor(game) {
            return Math.max(0, latest.secondsRunning - (game.receivedAt === undefined ? latest.secondsRunning : game.receivedAt));
          }

          function renderClocks(card, game) {
            const elapsed = elapsedFor(game);
            const uptime = game.status.secondsInCurrentSession;
            card.uptime.textContent = duration(uptime === null || uptime === undefined ? null : uptime + elapsed);
            card.backoff.textContent = game.secondsUntilReconnect === undefined || game.secondsUntilReconnect === null
              ? "-" : Math.max(0, game.secondsUntilReconnect - elapsed).toFixed(1) + "s";
          }

          function renderGame(game) {
            let card = cards.get(game.index);
            if (!card) { card = makeCard(game); cards.set(game.index, card); card.game = null; }
            renderClocks(card, game);
            // Unchanged since the last render (the stream resends a game only when it changed).
            if (card.game === game && card.verdict === (latest.neuroSim || null)) return;
            card.game = game;
            card.verdict = latest.neuroSim || null;
            const status = game.status;
            card.title.textContent = status.title;
            card.state.textContent = status.state.replace(/-/g, " ");
            card.state.className = "value state " + status.state;
            card.reconnects.textContent = String(status.reconnects);
            card.restarts.textContent = String(game.restarts);
            card["actions-count"].textContent = String(status.actionsHandled);
            card.failures.textContent = String(status.failures);
            card.results.textContent = String(status.actionsHandled + status.failures);
            card.board.textContent = status.board || "(this game draws no board)";
            card.board.classList.toggle("muted", !status.board);
            drawSparkline(card.sparkline, game.recentResults || []);
            const counts = latest.neuroSim && latest.neuroSim.games[status.title];
            card.diagnostics.replaceChildren();
            if (latest.neuroSim) {
              const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
              card.diagnostics.appendChild(el("span", "label", "NeuroSim: "));
              card.diagnostics.appendChild(el("span", entries.length ? "failed" : "ok",
                entries.length ? entries.map(([rule, count]) => rule + " ×" + count).join(", ") : "no diagnostics"));
            }
            card.prefix.textContent = status.actionNamePrefix || "-";
            card.gameStatus.textContent = status.gameStatus || "";
            card.lastError.textContent = status.lastError ? "last error: " + status.lastError : "";
            card.pauseButton.hidden = game.isPaused;
            card.resumeButton.hidden = !game.isPaused;
            if (game.force) {
              card.force.textContent = (game.force.state ? game.force.state + "\n\n" : "") + "» " + game.force.query
                + "\n[" + game.force.actionNames.join(", ") + "]";
            } else {
              card.force.textContent = "(none)";
            }
            card.contexts.replaceChildren(...game.contexts.slice().reverse().map((c) =>
              el("li", c.isSilent ? "muted" : null, c.message)));
            card.actions.replaceChildren(...game.actions.slice().reverse().map((a) => {
              const item = el("li", a.isSuccess ? "ok" : "failed");
              item.dataset.id = a.id;
              item.appendChild(el("span", "action-name", a.name + " "));
              item.appendChild(el("code", "action-data", a.data === null || a.data === undefined ? "(no data)" : a.data));
              item.appendChild(el("span", null, " → " + (a.isSuccess ? "success" : "failure")
                + (a.message ? ": " + a.message : "") + " (" + (a.latencySeconds * 1000).toFixed(1) + " ms)"));
              return item;
            }));
          }

          const openSlots = new Set();

          function renderForceSlots(slots) {
            const box = $("force-slots");
            if (slots.length === 0) {
              box.replaceChildren(el("p", "muted", "No Neuro is shared by several games."));
              return;
            }
            const table = el("table");
            const head = el("tr");
            for (const name of ["Neuro", "holder", "held for", "waiting"]) head.appendChild(el("th", null, name));
            table.appendChild(head);
            for (const slot of slots) {
              const row = el("tr");
              row.appendChild(el("td", null, slot.url));
              row.appendChild(el("td", "holder", slot.holder || "(free)"));
              row.appendChild(el("td", null, slot.secondsHeld === null || slot.secondsHeld === undefined
                ? "-" : Math.max(0, slot.secondsHeld).toFixed(1) + "s"));
              const waiting = el("td", "waiting");
              const count = slot.waitingCount === undefined ? slot.waiting.length : slot.waitingCount;
              if (count === 0) {
                waiting.textContent = "-";
              } else {
                // Collapsed: a count, the first names on demand.
                const box = el("details");
                box.appendChild(el("summary", null, count + " waiting"));
                const names = slot.waiting.map((w) => w.game + " (" + w.seconds.toFixed(1) + "s)");
                if (count > slot.waiting.length) names.push("… and " + (count - slot.waiting.length) + " more");
                box.appendChild(el("div", "waiting-list", names.join(", ")));
                const open = openSlots.has(slot.url);
                box.open = open;
                box.addEventListener("toggle", () => { if (box.open) openSlots.add(slot.url); else openSlots.delete(slot.url); });
                waiting.appendChild(box);
              }
              row.appendChild(waiting);
              table.appendChild(row);
            }
            box.replaceChildren(table);
          }

          function refreshManualGames(snapshot) {
            const select = $("manual-game");
            const wanted = snapshot.games.map((g) => String(g.index) + ":" + g.status.title).join("|");
            if (select.dataset.games === wanted) return;
            select.dataset.games = wanted;
            const selected = select.value;
            select.replaceChildren(...snapshot.games.map((g) => {
              const option = el("option", null, g.status.title);
              option.value = String(g.index);
              return option;
            }));
            if (selected) select.value = selected;
            refreshManualActions();
          }

          function refreshManualActions() {
            const select = $("manual-action");
            const game = latest && latest.games.find((g) => String(g.index) === $("manual-game").value);
            const names = game ? game.registeredActions.map((a) => a.name) : [];
            if (select.dataset.names === names.join("|")) return;
            select.dataset.names = names.join("|");
            const selected = select.value;
            select.replaceChildren(...names.map((name) => { const o = el("option", null, name); o.value = name; return o; }));
            if (names.includes(selected)) { select.value = selected; } else { loadExample(); }
          }

          async function loadExample() {
            const game = $("manual-game").value;
            const action = $("manual-action").value;
            const current = latest && latest.games.find((g) => String(g.index) === game);
            const registered = current && current.registeredActions.find((a) => a.name === action);
            $("manual-description").textContent = registered ? registered.description : "";
            if (!game || !action) { $("manual-data").value = ""; return; }
            try {
              const example = await request("GET", "/api/games/" + game + "/actions/" + encodeURIComponent(action) + "/example");
              $("manual-data").value = example.data;
            } catch (error) {
              say("no example: " + error.message, true, $("manual-result"));
            }
          }

          async function sendManual() {
            const body = { game: Number($("manual-game").value), action: $("manual-action").value, data: $("manual-data").value };
            try {
              const answer = await request("POST", "/api/simulator/actions", body);
              say("sent " + body.action + " (id " + answer.id + ")", false, $("manual-result"));
            } catch (error) {
              say("not sent: " + error.message, true, $("manual-result"));
            }
          }

        """#

    // The render loop, the snapshot and update events, the stream and the page's handlers.
    private static let scriptEnd = #"""
          function render() {
            const totals = latest.totals;
            $("total-actions").textContent = String(totals.actions);
            $("total-failures").textContent = String(totals.failures);
            $("total-results").textContent = String(totals.results);
            $("total-reconnects").textContent = String(totals.reconnects);
            $("results-per-second").textContent = totals.resultsPerSecond.toFixed(2);
            const last = latest.history[latest.history.length - 1];
            $("latency").textContent = last && last.latencyP50Milliseconds !== null && last.latencyP50Milliseconds !== undefined
              ? format(last.latencyP50Milliseconds) + " / " + format(last.latencyP99Milliseconds) + " ms" : "-";
            $("seconds-running").textContent = duration(latest.secondsRunning);
            $("host-url").textContent = latest.url || "";
            $("simulator").hidden = !latest.hasSimulator;
            renderCharts();
            renderVerdict();
            renderGames();
            renderForceSlots(latest.forceSlots);
            if (latest.hasSimulator) { refreshManualGames(latest); refreshManualActions(); }
          }

          function stamp(games, secondsRunning) {
            for (const game of games) game.receivedAt = secondsRunning;
            return games;
          }

          // The first event: everything.
          function applySnapshot(snapshot) {
            latest = snapshot;
            latest.games = stamp(snapshot.games.slice(), snapshot.secondsRunning);
            latest.history = snapshot.history || [];
            latest.neuroSim = snapshot.neuroSim || null;
            render();
          }

          // Every later event: what changed.
          function applyUpdate(update) {
            if (!latest) return;
            latest.secondsRunning = update.secondsRunning;
            latest.totals = update.totals;
            latest.forceSlots = update.forceSlots;
            latest.games.length = Math.min(latest.games.length, update.gameCount);
            for (const game of stamp(update.games, update.secondsRunning)) latest.games[game.index] = game;
            latest.history = latest.history.concat(update.history).slice(-historyLimit);
            if (update.neuroSim) latest.neuroSim = update.neuroSim;
            render();
          }

          function connect() {
            if (source) source.close();
            source = new EventSource("/api/events" + (token ? "?token=" + encodeURIComponent(token) : ""));
            const live = () => {
              $("connection-status").textContent = "live";
              $("connection-status").className = "pill live";
            };
            source.addEventListener("snapshot", (event) => { live(); applySnapshot(JSON.parse(event.data)); });
            source.addEventListener("update", (event) => { live(); applyUpdate(JSON.parse(event.data)); });
            source.onerror = async () => {
              $("connection-status").textContent = "reconnecting…";
              $("connection-status").className = "pill down";
              const probe = await fetch("/api/status", { headers: headers() }).catch(() => null);
              if (probe && probe.status === 401 && askForToken()) connect();
            };
          }

          document.addEventListener("DOMContentLoaded", () => {
            for (const button of document.querySelectorAll("button[data-fault]")) {
              button.addEventListener("click", async () => {
                const fault = button.dataset.fault;
                if (!confirm("Inject the NeuroSim fault " + fault + "?")) return;
                try {
                  await request("POST", "/api/simulator/faults/" + fault);
                  say("fault " + fault + " injected");
                } catch (error) {
                  say("fault " + fault + " failed: " + error.message, true);
                }
              });
            }
            $("manual-game").addEventListener("change", () => { refreshManualActions(); loadExample(); });
            $("manual-action").addEventListener("change", loadExample);
            $("manual-example").addEventListener("click", loadExample);
            $("manual-send").addEventListener("click", sendManual);
            $("game-filter").addEventListener("input", () => { filterText = $("game-filter").value; if (latest) renderGames(); });
            for (const th of document.querySelectorAll("#game-table th[data-sort]")) {
              th.addEventListener("click", () => {
                if (sortKey === th.dataset.sort) { sortDescending = !sortDescending; }
                else { sortKey = th.dataset.sort; sortDescending = ["accepted", "failed", "reconnects", "recent"].includes(sortKey); }
                if (latest) renderGames();
              });
            }
            $("game-table").tBodies[0].addEventListener("click", (event) => {
              const row = event.target.closest("tr[data-index]");
              if (!row) return;
              selected = Number(row.dataset.index);
              if (latest) renderGames();
              const card = cards.get(selected);
              if (card) card.root.scrollIntoView({ block: "nearest" });
            });
            connect();
          });
        })();
        """#
}
