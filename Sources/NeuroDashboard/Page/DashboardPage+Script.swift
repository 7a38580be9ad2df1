extension DashboardPage {
    // Data from games and Neuro is only ever set with textContent (never innerHTML).
    static let script = #"""
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
          let latest = null;
          let source = null;
          const cards = new Map();
          const $ = (id) => document.getElementById(id);

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

          function field(card, name, label) {
            const box = el("div", "field");
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
            field(card, "state", "state");
            field(card, "uptime", "session uptime");
            field(card, "reconnects", "reconnects");
            field(card, "restarts", "restarts");
            field(card, "backoff", "reconnect in");
            field(card, "actions-count", "actions");
            field(card, "failures", "failures");
            field(card, "prefix", "action prefix");
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

          function renderGame(game) {
            let card = cards.get(game.index);
            if (!card) { card = makeCard(game); cards.set(game.index, card); }
            const status = game.status;
            card.title.textContent = status.title;
            card.state.textContent = status.state.replace(/-/g, " ");
            card.state.className = "value state " + status.state;
            card.uptime.textContent = duration(status.secondsInCurrentSession);
            card.reconnects.textContent = String(status.reconnects);
            card.restarts.textContent = String(game.restarts);
            card.backoff.textContent = game.secondsUntilReconnect === undefined || game.secondsUntilReconnect === null
              ? "-" : game.secondsUntilReconnect.toFixed(1) + "s";
            card["actions-count"].textContent = String(status.actionsHandled);
            card.failures.textContent = String(status.failures);
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
                ? "-" : slot.secondsHeld.toFixed(1) + "s"));
              row.appendChild(el("td", "waiting", slot.waiting.map((w) => w.game + " (" + w.seconds.toFixed(1) + "s)").join(", ") || "-"));
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

          function render(snapshot) {
            latest = snapshot;
            $("total-actions").textContent = String(snapshot.totals.actions);
            $("total-failures").textContent = String(snapshot.totals.failures);
            $("total-reconnects").textContent = String(snapshot.totals.reconnects);
            $("results-per-second").textContent = snapshot.totals.resultsPerSecond.toFixed(1);
            $("seconds-running").textContent = duration(snapshot.secondsRunning);
            $("host-url").textContent = snapshot.url || "";
            $("simulator").hidden = !snapshot.hasSimulator;
            for (const game of snapshot.games) renderGame(game);
            renderForceSlots(snapshot.forceSlots);
            if (snapshot.hasSimulator) { refreshManualGames(snapshot); refreshManualActions(); }
          }

          function connect() {
            if (source) source.close();
            source = new EventSource("/api/events" + (token ? "?token=" + encodeURIComponent(token) : ""));
            source.addEventListener("snapshot", (event) => {
              $("connection-status").textContent = "live";
              $("connection-status").className = "pill live";
              render(JSON.parse(event.data));
            });
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
            connect();
          });
        })();
        """#
}
