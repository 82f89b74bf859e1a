import Foundation
import Testing
@testable import SQLite
import TestSupport

/// A file that is not a usable database is refused at open, named, and left untouched.
@Suite struct ConnectionValidationTests {
    static let foreignContents: [(String, [UInt8])] = [
        ("text", Array("Hej! Det här är en vanlig textfil, ingen databas.\n".utf8)),
        ("random", (0..<8192).map { UInt8(truncatingIfNeeded: (UInt32($0) &* 2_654_435_761) >> 13) }),
    ]

    @Test(arguments: foreignContents.map(\.0))
    func refusesANonSQLiteFileWithoutModifyingIt(kind: String) throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let path = dir.path("\(kind).db")
        let contents = try #require(Self.foreignContents.first { $0.0 == kind }).1
        try Data(contents).write(to: URL(fileURLWithPath: path))

        let error = try #require(throws: SQLiteError.self) { _ = try Connection(path: path) }
        #expect(error.code == "not_a_database")
        #expect(error.message.contains(path))
        #expect(error.description.contains(path))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contents))
        #expect(try dir.fileNames() == ["\(kind).db"])  // no -wal, -shm or -journal left
    }

    @Test func refusesACorruptDatabaseWithoutModifyingIt() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let path = dir.path("corrupt.db")
        do {
            let db = try Connection(path: path, configuration: .init(journalModeWAL: false))
            try db.execute("CREATE TABLE t(x); CREATE INDEX t_x ON t(x)")
        }
        // Keep the 100-byte header valid, garble the schema table on page 1.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for offset in 100..<min(bytes.count, 4096) { bytes[offset] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: path))

        let error = try #require(throws: SQLiteError.self) { _ = try Connection(path: path) }
        #expect(error.code == "not_a_database")
        #expect(error.message.contains(path))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func acceptsAnEmptyFileAsANewDatabase() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let path = dir.path("empty.db")
        try Data().write(to: URL(fileURLWithPath: path))
        let db = try Connection(path: path)
        try db.execute("CREATE TABLE t(x)")
        #expect(try db.integrityCheck() == ["ok"])
    }
}
