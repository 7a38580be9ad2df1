import NeuroProtocol

/// The first line of a recording: `{"format":"neuro-recording","version":1,"recorder":…}`.
///
/// The format is stable: version 1 is read by every later NeuroSim; a change that an older
/// reader would misread gets a new version, and readers refuse versions they do not know.
/// New optional keys may appear in any version and are ignored by readers that do not know
/// them.
package struct RecordingHeader: Sendable, Hashable {
    /// The value of the `format` key.
    package static let format = "neuro-recording"
    /// The newest version of the format, the one written.
    package static let currentVersion = 1

    /// The format's version (`version`).
    package var version: Int
    /// What wrote it (`recorder`): `neuro-sim` (Neuro's side) or `neuro-host` (the game's side).
    package var recorder: String

    /// Creates a header of the current version.
    package init(recorder: String, version: Int = RecordingHeader.currentVersion) {
        self.recorder = recorder
        self.version = version
    }

    /// The header as a JSON object, the line's content.
    package var jsonValue: JSONValue {
        ["format": .string(Self.format), "version": .integer(Int64(version)), "recorder": .string(recorder)]
    }

    /// Reads a header.
    /// - Throws: `NeuroError` with `NeuroError/Code/invalidRecording` when the line is not a
    ///   recording header or its version is newer than ``currentVersion``.
    package init(json value: JSONValue) throws(NeuroError) {
        guard value["format"]?.stringValue == Self.format else {
            throw NeuroError(
                code: .invalidRecording,
                message: "the first line is not a recording header ({\"format\":\"\(Self.format)\",\"version\":1,…})")
        }
        guard let version = value["version"]?.integerValue, version >= 1 else {
            throw NeuroError(code: .invalidRecording, message: "the header's \"version\" must be an integer from 1")
        }
        guard version <= Int64(Self.currentVersion) else {
            throw NeuroError(
                code: .invalidRecording,
                message: "the recording is version \(version); this NeuroSim reads up to version \(Self.currentVersion)")
        }
        self.init(recorder: value["recorder"]?.stringValue ?? "unknown", version: Int(version))
    }
}
