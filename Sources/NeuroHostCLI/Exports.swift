// A host's main.swift names the catalog (`GameCatalog.builtIn.adding([CoinFlip.self])`) with
// `import NeuroHostCLI` alone.
@_exported import GamePlugins
