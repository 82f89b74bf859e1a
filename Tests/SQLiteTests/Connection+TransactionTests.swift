import Testing
@testable import SQLite

@Suite struct ConnectionTransactionTests {
    struct Boom: Error, Equatable {}

    private func makeDatabase() throws -> Connection {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(x INTEGER NOT NULL UNIQUE)")
        return db
    }

    private func values(_ db: Connection) throws -> [Int64] {
        try db.query("SELECT x FROM t ORDER BY x") { try $0.int64(at: 0) }
    }

    @Test func commitsWhenTheBodyReturns() throws {
        let db = try makeDatabase()
        let result = try db.transaction { () throws -> String in
            try db.execute("INSERT INTO t VALUES (?)", [1])
            return "done"
        }
        #expect(result == "done")
        #expect(try values(db) == [1])
        #expect(!db.isInTransaction)
    }

    @Test(arguments: [TransactionKind.deferred, .immediate, .exclusive])
    func rollsBackAndRethrowsTheBodysError(kind: TransactionKind) throws {
        let db = try makeDatabase()
        #expect(throws: Boom()) {
            try db.transaction(kind) {
                try db.execute("INSERT INTO t VALUES (?)", [1])
                throw Boom()
            }
        }
        #expect(try values(db).isEmpty)
        #expect(!db.isInTransaction)
    }

    @Test func surfacesTheBodysErrorWhenTheBodyAlreadyEndedTheTransaction() throws {
        let db = try makeDatabase()
        // The body's own ROLLBACK makes the wrapper's rollback impossible; the original
        // error must still come out.
        #expect(throws: Boom()) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (?)", [1])
                try db.execute("ROLLBACK")
                throw Boom()
            }
        }
        #expect(try values(db).isEmpty)
    }

    @Test func nestedTransactionRollsBackOnlyTheInnerWork() throws {
        let db = try makeDatabase()
        try db.transaction {
            try db.execute("INSERT INTO t VALUES (?)", [1])
            #expect(throws: Boom()) {
                try db.transaction {
                    try db.execute("INSERT INTO t VALUES (?)", [2])
                    throw Boom()
                }
            }
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (?)", [3])
                try db.transaction { try db.execute("INSERT INTO t VALUES (?)", [4]) }
            }
            #expect(db.isInTransaction)
        }
        #expect(try values(db) == [1, 3, 4])
        #expect(!db.isInTransaction)
    }

    @Test func outerRollbackUndoesReleasedSavepoints() throws {
        let db = try makeDatabase()
        #expect(throws: Boom()) {
            try db.transaction {
                try db.transaction { try db.execute("INSERT INTO t VALUES (?)", [1]) }
                throw Boom()
            }
        }
        #expect(try values(db).isEmpty)
    }

    @Test func constraintErrorInsideRollsBackEverything() throws {
        let db = try makeDatabase()
        #expect { 
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (?)", [1])
                try db.execute("INSERT INTO t VALUES (?)", [1])
            }
        } throws: { ($0 as? SQLiteError)?.code == "constraint" }
        #expect(try values(db).isEmpty)
    }
}
