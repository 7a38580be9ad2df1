extension Minesweeper {
    /// The settings of ``Minesweeper``, from the game's `settings` object in `games.json`.
    ///
    /// ```json
    /// {"rows": 8, "columns": 8, "mines": 10}
    /// ```
    public struct Settings: Codable, Hashable, Sendable {
        /// Rows of the grid, 3 to 12; 6 by default.
        public var rows: Int
        /// Columns of the grid, 3 to 12; 6 by default.
        public var columns: Int
        /// Mines hidden in the grid, from 1 to one less than the number of cells; 6 by default.
        public var mines: Int

        /// Creates settings.
        public init(rows: Int = 6, columns: Int = 6, mines: Int = 6) {
            self.rows = rows
            self.columns = columns
            self.mines = mines
        }

        /// Decodes settings; a missing field takes its default.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                rows: try container.decodeIfPresent(Int.self, forKey: .rows) ?? 6,
                columns: try container.decodeIfPresent(Int.self, forKey: .columns) ?? 6,
                mines: try container.decodeIfPresent(Int.self, forKey: .mines) ?? 6
            )
        }

        /// The allowed numbers of rows and of columns.
        static let sizeRange = 3...12

        /// Checks the settings.
        /// - Throws: ``GamePluginError`` naming `rows`, `columns` or `mines`.
        func validate() throws(GamePluginError) {
            guard Self.sizeRange.contains(rows) else {
                throw GamePluginError(setting: "rows", message: "must be from 3 to 12, not \(rows)")
            }
            guard Self.sizeRange.contains(columns) else {
                throw GamePluginError(setting: "columns", message: "must be from 3 to 12, not \(columns)")
            }
            let cells = rows * columns
            guard (1..<cells).contains(mines) else {
                throw GamePluginError(
                    setting: "mines",
                    message: "must be from 1 to \(cells - 1) on a \(rows)×\(columns) grid, not \(mines)"
                )
            }
        }
    }
}
