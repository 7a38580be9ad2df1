"""An outside game on the Python reference library that plays through neuro-host's relay.

It connects to the relay exactly as it would to Neuro (one connection, never reconnecting),
sends ``startup`` and a context line, registers ``move`` and ``wait`` (the same names in every
copy), then forces them again and again, answering each ``action`` exactly once, until it has
answered N actions. It fails if its connection ends first or an action id comes twice.

Usage: relay_game.py --url ws://127.0.0.1:PORT --title TITLE --actions N
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

DIRECTIONS = ("north", "south", "east", "west")


class RelayedGame(TrioNeuroAPIComponent):
    """Plays N actions on one connection."""

    def __init__(self, title: str) -> None:
        super().__init__("relayed_game", title)
        self.connect_event = trio.Event()
        self.answered_event = trio.Event()
        self.seen_ids: set[str] = set()
        self.duplicates = 0
        self.position = [0, 0]

    def bind_handlers(self) -> None:
        self.register_handler("connect", self.handle_connect)

    def websocket_connect_failed(self) -> None:
        print("relayed game: could not connect", file=sys.stderr)
        self.connect_event.set()

    async def websocket_connect_successful(self) -> None:
        await self.send_startup_command()
        await self.send_context("You are playing a relayed game. Walk with `move`.")
        self.connect_event.set()

    def first_time(self, action: NeuroAction) -> bool:
        if action.id_ in self.seen_ids:
            self.duplicates += 1
            return False
        self.seen_ids.add(action.id_)
        return True

    async def handle_move(self, event: Event[NeuroAction]) -> None:
        action = event.data
        if not self.first_time(action):
            return
        try:
            data = orjson.loads(action.data or "")
        except orjson.JSONDecodeError as exc:
            await self.send_action_result(action.id_, False, f"The data is not JSON: {exc}")
            return
        direction = data.get("direction") if isinstance(data, dict) else None
        if direction not in DIRECTIONS:
            await self.send_action_result(action.id_, False, f"Pick a direction for `move`: {', '.join(DIRECTIONS)}.")
            return
        dx, dy = {"north": (0, 1), "south": (0, -1), "east": (1, 0), "west": (-1, 0)}[direction]
        self.position = [self.position[0] + dx, self.position[1] + dy]
        await self.send_action_result(action.id_, True, f"Moved {direction} to {self.position}.")
        self.answered_event.set()

    async def handle_wait(self, event: Event[NeuroAction]) -> None:
        if not self.first_time(event.data):
            return
        await self.send_action_result(event.data.id_, True, "You wait a moment.")
        self.answered_event.set()


async def play(url: str, title: str, actions_wanted: int) -> int:
    answered = 0
    async with trio.open_nursery() as nursery:
        manager = ExternalRaiseManager("relayed", nursery)
        game = RelayedGame(title)
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
        with trio.fail_after(120):
            while answered < actions_wanted:
                if game.not_connected:
                    print("relayed game: the connection ended", file=sys.stderr)
                    return 3
                game.answered_event = trio.Event()
                await game.send_force_action(f"You are at {game.position}.", "Walk with `move` or `wait`.", ["move", "wait"])
                await game.answered_event.wait()
                answered += 1
                print(f"relayed game {title}: answered {answered}", flush=True)
        await game.stop()
    if game.duplicates:
        print(f"relayed game: {game.duplicates} action ids came twice", file=sys.stderr)
        return 4
    print(f"relayed game {title}: done, answered {answered} actions", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--title", required=True)
    parser.add_argument("--actions", type=int, default=10)
    arguments = parser.parse_args()
    return trio.run(play, arguments.url, arguments.title, arguments.actions)


if __name__ == "__main__":
    sys.exit(main())
