"""The benchmark's reference side: N games on the Python ``neuro-api`` 4.0.0 library.

Each game is a ``TrioNeuroAPIComponent`` that sends ``startup`` and registers one action,
``move``, with the same schema as ``BenchGame`` in ``Sources/NeuroBench``; neuro-sim floods
them with unforced actions (``--flood``). Every action's data is validated against the schema
with ``jsonschema`` (a hand check equivalent to ours if it is not installed) and answered with
a successful result. Once every game has answered one action, the results answered in the
next SECONDS seconds are counted, with the process's CPU time.

Usage: python_reference.py --url ws://127.0.0.1:PORT --games N --seconds S --output result.json [--sim-pid PID]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sys
import time

import orjson
import trio
from libcomponent.component import Event, ExternalRaiseManager
from neuro_api.api import NeuroAction
from neuro_api.command import Action
from neuro_api.trio_ws import TrioNeuroAPIComponent

MOVE_SCHEMA = {
    "type": "object",
    "properties": {
        "x": {"type": "integer", "minimum": 0, "maximum": 9},
        "y": {"type": "integer", "minimum": 0, "maximum": 9},
        "speed": {"type": "string", "enum": ["walk", "run"]},
    },
    "required": ["x", "y", "speed"],
}

try:
    import jsonschema

    _VALIDATOR = jsonschema.Draft7Validator(MOVE_SCHEMA)

    def is_valid(data: object) -> bool:
        return _VALIDATOR.is_valid(data)

    VALIDATION = "jsonschema"
except ImportError:  # pragma: no cover - the venv normally has it

    def is_valid(data: object) -> bool:
        if not isinstance(data, dict) or set(data) - {"x", "y", "speed"}:
            return False
        for key in ("x", "y"):
            value = data.get(key)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 9:
                return False
        return data.get("speed") in ("walk", "run")

    VALIDATION = "hand check"


class Totals:
    def __init__(self) -> None:
        self.results = 0
        self.failures = 0
        # Set once the window is over: the nursery's cancellation closes the websockets
        # while handlers may still be about to send a result, which the library reports as
        # RuntimeError("Websocket not connected!") rather than a cancellation.
        self.stopping = False


class BenchGame(TrioNeuroAPIComponent):
    """One game: registers ``move`` and answers every action."""

    def __init__(self, index: int, totals: Totals) -> None:
        super().__init__(f"bench_{index}", f"Bench {index}")
        self.index = index
        self.totals = totals
        self.answered_once = trio.Event()
        self.registered = trio.Event()

    def bind_handlers(self) -> None:
        self.register_handler(f"connect_{self.index}", self.handle_connect)

    def websocket_connect_failed(self) -> None:
        print(f"python reference: game {self.index} could not connect", file=sys.stderr)

    async def websocket_connect_successful(self) -> None:
        await self.send_startup_command()
        await self.register_neuro_actions_raw_handler(
            [(Action("move", "Move to a cell.", MOVE_SCHEMA), self.handle_move)]
        )
        self.registered.set()

    async def handle_move(self, event: Event[NeuroAction]) -> None:
        action = event.data
        try:
            data = orjson.loads(action.data or "")
        except orjson.JSONDecodeError:
            data = None
        try:
            if not is_valid(data):
                self.totals.failures += 1
                await self.send_action_result(action.id_, False, "The data does not match the schema.")
                return
            await self.send_action_result(action.id_, True, "Moved.")
        except RuntimeError:
            if self.totals.stopping:
                return
            raise
        self.totals.results += 1
        self.answered_once.set()


async def run(url: str, games: int, seconds: float, sim_pid: int | None) -> dict[str, object]:
    totals = Totals()
    async with trio.open_nursery() as nursery:
        # One manager per game. The library names an action's event `neuro_{name}`, and a
        # manager raises an event in every component that handles it: with one shared manager,
        # every game would answer every other game's `move` (N results per action).
        components = [BenchGame(index, totals) for index in range(games)]
        managers = [ExternalRaiseManager(f"bench_manager_{component.index}", nursery) for component in components]
        for manager, component in zip(managers, components):
            manager.add_component(component)
        for manager, component in zip(managers, components):
            await manager.raise_event(Event(f"connect_{component.index}", url))
        with trio.fail_after(120):
            for component in components:
                await component.answered_once.wait()
        if sim_pid is not None:
            # neuro-sim's latencies from here on only: the connection ramp-up is left out.
            os.kill(sim_pid, signal.SIGUSR1)
        start_results, start_cpu, start = totals.results, cpu_seconds(), time.monotonic()
        await trio.sleep(seconds)
        end_results, end_cpu, end = totals.results, cpu_seconds(), time.monotonic()
        totals.stopping = True
        nursery.cancel_scope.cancel()
    return {
        "games": games,
        "results": end_results - start_results,
        "seconds": end - start,
        "cpu_seconds": end_cpu - start_cpu,
        "failures": totals.failures,
        "validation": VALIDATION,
    }


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--games", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--output", required=True)
    parser.add_argument("--sim-pid", type=int, help="neuro-sim's pid: SIGUSR1 at the window's start")
    arguments = parser.parse_args()
    result = trio.run(run, arguments.url, arguments.games, arguments.seconds, arguments.sim_pid)
    with open(arguments.output, "w", encoding="utf-8") as output:
        json.dump(result, output)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
