import NeuroHostCLI

// `neuro-host`: the command line of NeuroHostCLI with the built-in games. A host of your own
// plugins is this file with `GameCatalog.builtIn.adding([YourGame.self])`.
await NeuroHostMain.run(catalog: GameCatalog.builtIn)
