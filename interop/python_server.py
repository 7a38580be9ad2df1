"""A Neuro-side server on the PyPI `neuro-api` package (its `neuro_api.server` module).

It plays Neuro for any number of games: answers `startup`, records registrations, answers
every `actions/force` with a random forced action and data generated for its schema, records
results, and validates every incoming message with the library's own checks
(`read_message` -> `check_typed_dict`, `deserialize_actions`, `check_action_names_type`,
`check_game_title`). It serves for a bounded time and writes a JSON report.

Work-arounds for the reference server's known bugs (REFERENCE-neuro-api-python.md, sections
8 and 13), all in the subclasses below:
- `handle_client_connection` re-raises every exception, so one client disconnect (or one
  invalid message) takes the whole server down: here a disconnect ends that connection only,
  and a message the library rejects is recorded as an error and the read goes on.
- forces run in the server-wide nursery and loop until success, so after a disconnect they
  wait forever or crash the nursery when they send: here each connection gets its own
  nursery, cancelled when the connection ends.
- `TrioNeuroServerClient.choose_force_action` drops the force `priority`: here the client
  records it in `handle_actions_force` and chooses itself.
- forces stop being answered after `--force-until` seconds, so that every action sent is
  answered before the host shuts down (the library would retry forever).

Usage: python_server.py --port-file FILE --report FILE [--duration S] [--force-until S] [--stop-file F]
It stops on SIGTERM/SIGINT, once --stop-file exists, or after --duration seconds, then writes the report.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import string
import sys
import time
from typing import Any

import trio
from trio_websocket import ConnectionClosed, WebSocketConnection, serve_websocket

from neuro_api.command import Action, ForcePriority
from neuro_api.server import AbstractTrioNeuroServer, TrioNeuroServerClient


def generate(schema: Any, rng: random.Random, depth: int = 0) -> Any:
    """A value valid for the small JSON-schema subset the games use."""
    if not isinstance(schema, dict) or depth > 8:
        return None
    if "const" in schema:
        return schema["const"]
    if "enum" in schema and schema["enum"]:
        return rng.choice(schema["enum"])
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = rng.choice(kind) if kind else None
    if kind == "object" or (kind is None and "properties" in schema):
        properties = schema.get("properties", {})
        return {name: generate(sub, rng, depth + 1) for name, sub in properties.items()}
    if kind == "integer":
        low = int(schema.get("minimum", 0))
        high = int(schema.get("maximum", low + 10))
        return rng.randint(low, high)
    if kind == "number":
        low = float(schema.get("minimum", 0))
        high = float(schema.get("maximum", low + 10))
        return rng.uniform(low, high)
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "array":
        count = int(schema.get("minItems", 1))
        return [generate(schema.get("items", {}), rng, depth + 1) for _ in range(count)]
    if kind == "string":
        low = int(schema.get("minLength", 1))
        high = int(schema.get("maxLength", max(low, 8)))
        length = rng.randint(low, max(low, min(high, low + 6)))
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(length))
    return None


class GameRecord:
    """What one game title did, across its connections."""

    def __init__(self) -> None:
        self.startups = 0
        self.registered: set[str] = set()
        self.unregistered: set[str] = set()
        self.forces = 0
        self.priorities: list[str] = []
        self.actions_sent = 0
        self.results = {"success": 0, "failure": 0}
        self.contexts = 0
        self.unanswered: set[str] = set()

    def to_json(self) -> dict[str, Any]:
        return {
            "startups": self.startups,
            "registered": sorted(self.registered),
            "unregistered": sorted(self.unregistered),
            "forces": self.forces,
            "priorities": sorted(set(self.priorities)),
            "actionsSent": self.actions_sent,
            "results": self.results,
            "contexts": self.contexts,
            "unanswered": sorted(self.unanswered),
        }


class InteropClient(TrioNeuroServerClient):
    """One game connection; records everything and checks what the library does not."""

    def __init__(self, websocket: WebSocketConnection, server: InteropServer, session_id: str) -> None:
        super().__init__(websocket, server, session_id)
        self.interop = server
        self.nursery: trio.Nursery | None = None

    def record(self) -> GameRecord:
        return self.interop.game(self.game_title or "?")

    def log_warning(self, message: str) -> None:
        self.interop.problem("warning", self.game_title, message)

    async def handle_startup(self, game_title: str) -> None:
        await super().handle_startup(game_title)
        self.record().startups += 1

    def add_context(self, message: str, reply_if_not_busy: bool) -> None:
        self.record().contexts += 1

    async def handle_actions_register(self, game_title: str, actions: list[Action]) -> None:
        await super().handle_actions_register(game_title, actions)
        self.record().registered.update(action.name for action in actions)

    async def handle_actions_unregister(self, game_title: str, action_names: list[str]) -> None:
        for name in action_names:
            if name not in self.actions:
                self.log_warning(f"unregistered {name!r}, which is not registered")
        await super().handle_actions_unregister(game_title, action_names)
        self.record().unregistered.update(action_names)

    async def handle_actions_force(
        self,
        game_title: str,
        state: str | None,
        query: str,
        ephemeral_context: bool,
        action_names: list[str],
        priority: ForcePriority,
    ) -> None:
        missing = [name for name in action_names if name not in self.actions]
        if missing:
            self.log_warning(f"force names unregistered actions {missing}")
            return
        record = self.record()
        record.forces += 1
        # Work-around: the library drops the priority on its way to choose_force_action.
        record.priorities.append(priority.value)
        await super().handle_actions_force(game_title, state, query, ephemeral_context, action_names, priority)

    async def choose_force_action(
        self,
        state: str | None,
        query: str,
        ephemeral_context: bool,
        action_names: frozenset[str],
        priority: ForcePriority = ForcePriority.LOW,
    ) -> tuple[str, str | None]:
        name = self.interop.rng.choice(sorted(action_names))
        schema = self.actions[name].schema
        return name, None if schema is None else json.dumps(generate(schema, self.interop.rng))

    async def perform_actions_force(
        self,
        state: str | None,
        query: str,
        ephemeral_context: bool,
        action_names: list[str],
        priority: ForcePriority,
    ) -> None:
        # Bounded, unlike the library's: no new action after --force-until, and a few tries.
        for _ in range(50):
            if self.interop.past_force_deadline():
                return
            name, data = await self.choose_force_action(
                state, query, ephemeral_context, frozenset(action_names), priority
            )
            success, _ = await self.submit_action(name, data)
            if success:
                return

    async def send_action_command(self, name: str, data: str | None = None) -> str:
        action_id = await super().send_action_command(name, data)
        record = self.record()
        record.actions_sent += 1
        record.unanswered.add(action_id)
        return action_id

    async def handle_action_result(
        self, game_title: str, id_: str, success: bool, message: str | None
    ) -> None:
        record = self.record()
        if id_ not in record.unanswered:
            self.log_warning(f"result for an action id never sent or already answered: {id_!r}")
        record.unanswered.discard(id_)
        record.results["success" if success else "failure"] += 1
        if not success and not message:
            self.log_warning(f"failed result {id_!r} without a message")
        await super().handle_action_result(game_title, id_, success, message)

    async def handle_unknown_command(self, command: str, data: dict[str, object] | None) -> None:
        self.interop.problem("error", self.game_title, f"unknown command {command!r}")

    async def submit_call_async_soon(self, function: Any) -> None:
        # Work-around: the connection's own nursery, not the server's (see the module doc);
        # a force cut short by the disconnect ends quietly instead of crashing the server.
        async def guarded() -> None:
            try:
                await function()
            except (ConnectionClosed, trio.BrokenResourceError, trio.ClosedResourceError):
                pass

        assert self.nursery is not None
        self.nursery.start_soon(guarded)


class InteropServer(AbstractTrioNeuroServer):
    """Serves games for a bounded time and records what they do."""

    def __init__(self, seed: int, force_until: float) -> None:
        super().__init__("neuro")
        self.rng = random.Random(seed)
        self.started = time.monotonic()
        self.force_until = force_until
        self.games: dict[str, GameRecord] = {}
        self.problems: list[dict[str, Any]] = []
        self.disconnects: list[str] = []

    def game(self, title: str) -> GameRecord:
        return self.games.setdefault(title, GameRecord())

    def past_force_deadline(self) -> bool:
        return time.monotonic() - self.started > self.force_until

    def problem(self, level: str, game: str | None, message: str) -> None:
        self.problems.append({"level": level, "game": game, "message": message})

    def log_info(self, message: str) -> None:
        pass

    def log_warning(self, message: str) -> None:
        self.problem("warning", None, message)

    def log_critical(self, message: str) -> None:
        self.problem("critical", None, message)

    def add_context(self, game_title: str | None, message: str, reply_if_not_busy: bool) -> None:
        pass

    async def choose_force_action(self, game_title, state, query, ephemeral_context, actions, priority=ForcePriority.LOW):  # type: ignore[no-untyped-def]
        raise AssertionError("InteropClient chooses forced actions itself")

    async def handle_client_connection(self, websocket: WebSocketConnection) -> None:
        # Work-around: the library's version re-raises everything, taking the server down.
        remote = websocket.remote
        remote = remote if isinstance(remote, str) else f"{remote.address}:{remote.port}"
        client = InteropClient(websocket, self, f"{websocket.CONNECTION_ID} {remote}")
        self.clients[remote] = client
        try:
            async with websocket, trio.open_nursery() as nursery:
                client.nursery = nursery
                try:
                    while True:
                        try:
                            await client.read_message()
                        except (ValueError, TypeError, KeyError, AssertionError) as error:
                            # The library's own validation rejected the message.
                            self.problem("error", client.game_title, f"{type(error).__name__}: {error}")
                except (ConnectionClosed, trio.BrokenResourceError) as closed:
                    self.disconnects.append(f"{client.game_title}: {closed}")
                finally:
                    nursery.cancel_scope.cancel()
        finally:
            self.clients.pop(remote, None)

    def report(self) -> dict[str, Any]:
        return {
            "games": {title: record.to_json() for title, record in sorted(self.games.items())},
            "problems": self.problems,
            "problemCount": len(self.problems),
            "disconnects": self.disconnects,
        }


async def stop_on_signal(scope: trio.CancelScope) -> None:
    with trio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
        async for _ in signals:
            scope.cancel()
            return


async def stop_on_file(path: str | None, scope: trio.CancelScope) -> None:
    # A stop file works even where the parent blocked SIGTERM for its children (a test
    # runner's Process may).
    if path is None:
        return
    while not os.path.exists(path):
        await trio.sleep(0.05)
    scope.cancel()


async def serve(arguments: argparse.Namespace) -> InteropServer:
    server = InteropServer(arguments.seed, arguments.force_until)
    with trio.move_on_after(arguments.duration):
        async with trio.open_nursery() as nursery:
            server.handler_nursery = nursery
            nursery.start_soon(stop_on_signal, nursery.cancel_scope)
            nursery.start_soon(stop_on_file, arguments.stop_file, nursery.cancel_scope)
            listener = await nursery.start(
                lambda task_status: serve_websocket(
                    server.handle_websocket_request,
                    "127.0.0.1",
                    arguments.port,
                    ssl_context=None,
                    handler_nursery=nursery,
                    task_status=task_status,
                )
            )
            port = listener.port
            with open(arguments.port_file, "w") as port_file:
                port_file.write(f"{port}\n")
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--force-until", type=float, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stop-file", help="stop once this file exists")
    arguments = parser.parse_args()
    server = trio.run(serve, arguments)
    with open(arguments.report, "w") as report_file:
        json.dump(server.report(), report_file, indent=2, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
