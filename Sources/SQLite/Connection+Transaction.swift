import CSQLite

/// How `BEGIN` takes locks.
public enum TransactionKind: Sendable {
    /// Locks on first read/write; may fail with `busy` mid-transaction when upgrading.
    case deferred
    /// Takes the write lock at once (waiting up to the busy timeout); the usual choice
    /// for writes.
    case immediate
    /// Like immediate; in WAL mode identical, in rollback mode also blocks readers.
    case exclusive

    var beginSQL: String {
        switch self {
        case .deferred: "BEGIN DEFERRED"
        case .immediate: "BEGIN IMMEDIATE"
        case .exclusive: "BEGIN EXCLUSIVE"
        }
    }
}

extension Connection {
    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    ///
    /// Called while a transaction is already open (nested), it uses a savepoint instead,
    /// so only the inner work is undone when the inner body throws; `kind` is then
    /// ignored.
    ///
    /// - Parameters:
    ///   - kind: How the outermost `BEGIN` locks. Default `.immediate`.
    ///   - body: The work; runs on this connection's thread.
    /// - Returns: What `body` returns.
    /// - Throws: The body's own error after rolling back (a failing rollback never hides
    ///   it), or `SQLiteError` from BEGIN/COMMIT (after rolling back).
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        if isInTransaction {
            return try savepoint(body)
        }
        try execute(kind.beginSQL, [])
        let value: T
        do {
            value = try body()
            try execute("COMMIT", [])
        } catch {
            rollbackIgnoringErrors()
            throw error
        }
        return value
    }

    private func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let names = Self.savepointSQL(depth: savepointDepth)
        try execute(names.begin, [])
        let value: T
        do {
            value = try body()
            try execute(names.release, [])
        } catch {
            // Some errors (e.g. full disk) make SQLite roll back the whole transaction;
            // then the savepoint is gone and there is nothing left to undo.
            if isInTransaction {
                try? execute(names.rollback, [])
                try? execute(names.release, [])
            }
            throw error
        }
        return value
    }

    /// The SAVEPOINT, RELEASE and ROLLBACK TO statements of nesting depth `depth`. Every
    /// local write inside a batch is a savepoint: the first few depths' texts are built
    /// once rather than at every write.
    private static func savepointSQL(depth: Int) -> (begin: String, release: String, rollback: String) {
        if depth < commonSavepoints.count { return commonSavepoints[depth] }
        return makeSavepointSQL(depth: depth)
    }

    private static let commonSavepoints = (0..<8).map(makeSavepointSQL)

    private static func makeSavepointSQL(depth: Int) -> (begin: String, release: String, rollback: String) {
        let name = "sqlite_swift_savepoint_\(depth)"
        return ("SAVEPOINT \(name)", "RELEASE \(name)", "ROLLBACK TO \(name)")
    }

    private func rollbackIgnoringErrors() {
        guard isInTransaction else { return }
        // The caller is already throwing a more useful error; a failed rollback leaves
        // the transaction to be rolled back when the connection closes.
        try? execute("ROLLBACK", [])
    }
}
