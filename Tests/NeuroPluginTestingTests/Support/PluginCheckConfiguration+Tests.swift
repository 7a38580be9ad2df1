import NeuroPluginTesting
import NeuroTestSupport

extension PluginCheckConfiguration {
    /// The kit's defaults with the given actions and seed, and its waits — the stall detector,
    /// NeuroSim's result timeout, the whole check's time limit — ``testTimeScale`` times longer
    /// (3 under ThreadSanitizer, whose slow-down once held every check of a run still for its
    /// 15 s stall detector). Only how long a check may wait grows, never what it asserts.
    static func forTests(actions: Int = 200, seed: UInt64 = 1) -> Self {
        var configuration = Self(actions: actions, seed: seed)
        configuration.stallTimeout = configuration.stallTimeout * testTimeScale
        configuration.resultTimeout = configuration.resultTimeout * testTimeScale
        configuration.timeLimit = configuration.timeLimit * testTimeScale
        return configuration
    }
}
