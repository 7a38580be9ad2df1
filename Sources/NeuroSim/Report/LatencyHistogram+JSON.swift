import NeuroProtocol

extension LatencyHistogram {
    /// `{"count":…,"p50":…,"p99":…,"max":…}`, in milliseconds (`null` when empty).
    var millisecondsJSON: JSONValue {
        func milliseconds(_ duration: Duration?) -> JSONValue {
            guard let duration else { return .null }
            let (seconds, attoseconds) = duration.components
            let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
            return .number((value * 1000).rounded() / 1000)
        }
        return [
            "count": .integer(Int64(count)),
            "p50": milliseconds(percentile(0.5)),
            "p99": milliseconds(percentile(0.99)),
            "max": count > 0 ? milliseconds(maximum) : .null,
        ]
    }
}
