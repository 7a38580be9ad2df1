/// The location of a value inside action data, kept as components while validating and
/// rendered only when a violation is reported, so that valid data costs no string building.
struct SchemaPath: Sendable {
    /// One step from a container to a member.
    enum Component: Sendable {
        /// An object member.
        case key(String)
        /// An array element.
        case index(Int)
    }

    /// The name of the data root in rendered paths.
    static let rootName = "data"

    private(set) var components: [Component] = []

    init() {}

    mutating func push(_ component: Component) { components.append(component) }

    mutating func pop() { components.removeLast() }

    /// The dotted form: `data` for the root, else `row`, `moves[2]`, `position.x`.
    var rendered: String {
        guard let first = components.first else { return Self.rootName }
        var text: String
        switch first {
        case .key(let key): text = key
        case .index(let index): text = "\(Self.rootName)[\(index)]"
        }
        for component in components.dropFirst() {
            switch component {
            case .key(let key):
                text += "."
                text += key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}
