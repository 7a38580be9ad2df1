"""A small game on the Python reference library that plays against neuro-sim.

It connects with ``neuro_api.trio_ws.TrioNeuroAPIComponent``, sends ``startup`` and a
context line, registers two actions, then forces them again and again, answering each
``action`` (validating its data against the schema) until it has answered N actions.
Every action result is sent before the next force, so a conforming run has no violations.

Usage: python_game.py --url ws://127.0.0.1:PORT --actions N
"""

from __future__ import annotations

import argparse
import sys

import orjson
import trio
from libcomponent.component import Event, ExternalRaiseManager
from neuro_api.api import NeuroAction
from neuro_api.command import Action
from neuro_api.trio_ws import TrioNeuroAPIComponent

GAME_TITLE = "Python Interop Game"
DIRECTIONS = ("north", "south", "east", "west")


class InteropGame(TrioNeuroAPIComponent):
    """Connects, plays N forced actions, then stops."""

    def __init__(self, actions_wanted: int) -> None:
        super().__init__("interop_game", GAME_TITLE)
        self.actions_wanted = actions_wanted
        self.actions_answered = 0
        self.connect_event = trio.Event()
        self.answered_event = trio.Event()
        self.position = [0, 0]

    def bind_handlers(self) -> None:
        self.register_handler("connect", self.handle_connect)

    def websocket_connect_failed(self) -> None:
        print("interop game: could not connect", file=sys.stderr)
        self.connect_event.set()

    async def websocket_connect_successful(self) -> None:
        await self.send_startup_command()
        await self.send_context("You are playing the interop game. Walk around.")
        self.connect_event.set()

    async def handle_move(self, event: Event[NeuroAction]) -> None:
        action = event.data
        try:
            data = orjson.loads(action.data or "")
        except orjson.JSONDecodeError as exc:
            await self.send_action_result(action.id_, False, f"The data is not JSON: {exc}")
            return
        direction = data.get("direction") if isinstance(data, dict) else None
        if direction not in DIRECTIONS:
            await self.send_action_result(action.id_, False, f"Pick a direction from {', '.join(DIRECTIONS)}.")
            return
        dx, dy = {"north": (0, 1), "south": (0, -1), "east": (1, 0), "west": (-1, 0)}[direction]
        self.position = [self.position[0] + dx, self.position[1] + dy]
        await self.send_action_result(action.id_, True, f"Moved {direction} to {self.position}.")
        self.answered_event.set()

    async def handle_wait(self, event: Event[NeuroAction]) -> None:
        await self.send_action_result(event.data.id_, True, "You wait a moment.")
        self.answered_event.set()


async def play(url: str, actions_wanted: int) -> int:
    async with trio.open_nursery() as nursery:
        manager = ExternalRaiseManager("interop", nursery)
        game = InteropGame(actions_wanted)
        manager.add_component(game)
        await manager.raise_event(Event("connect", url))
        with trio.fail_after(30):
            await game.connect_event.wait()
        if game.not_connected:
            return 2
        move_schema = {
            "type": "object",
            "properties": {"direction": {"type": "string", "enum": list(DIRECTIONS)}},
            "required": ["direction"],
        }
        await game.register_neuro_actions_raw_handler(
            [
                (Action("move", "Walk one step.", move_schema), game.handle_move),
                (Action("wait", "Wait a moment."), game.handle_wait),
            ]
        )
        with trio.fail_after(60):
            while game.actions_answered < actions_wanted:
                game.answered_event = trio.Event()
                await game.send_force_action(
                    f"You are at {game.position}.", "Walk or wait.", ["move", "wait"]
                )
                await game.answered_event.wait()
                game.actions_answered += 1
        await game.send_context("The interop game is over.", silent=True)
        await game.stop()
    print(f"interop game: answered {game.actions_answered} actions")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--actions", type=int, default=5)
    arguments = parser.parse_args()
    return trio.run(play, arguments.url, arguments.actions)


if __name__ == "__main__":
    sys.exit(main())
