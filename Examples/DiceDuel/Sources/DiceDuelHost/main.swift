import DiceDuel
import GamePlugins
import NeuroHostCLI

// `neuro-host` with the built-in games and Dice Duel: every flag of the real command
// (`--simulate`, `--config games.json`, `--dashboard`, `--list`, `--dry-run`, …).
// Runs until it is stopped, then exits the process.
await NeuroHostMain.run(catalog: GameCatalog.builtIn.adding([DiceDuel.self]))
