import Testing
@testable import SyncCore

/// One test vector file of `Protocol/vectors` (format described in Protocol/PROTOCOL.md, "Test vectors").
struct ProtocolVector {
    struct Failure: Error, CustomStringConvertible { let description: String }

    var name: String
    var inputs: [RecordState]
    /// Canonical text of the merge of the inputs (`merged`, or `expected` when there are no steps).
    var mergedText: String
    var steps: [Step]
    var expectedText: String
    var visible: [String: JSONValue]
    var deleted: Bool
    var conflicts: JSONValue

    /// An object of field names as the `[String: JSONValue]` that `RecordState` uses; field
    /// names are ASCII, so two keys `String` takes for one are a broken vector.
    static func fieldNamed(_ object: [JSONKey: JSONValue]) throws -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for (key, value) in object {
            guard values.updateValue(value, forKey: key.string) == nil else { throw Failure(description: "field \(key) twice") }
        }
        return values
    }

    init(json: JSONValue) throws {
        guard let name = json["name"]?.stringValue, let inputs = json["inputs"]?.arrayValue, !inputs.isEmpty,
              let expected = json["expected"], let visible = json["visible"]?.objectValue,
              let deleted = json["deleted"]?.boolValue, let conflicts = json["conflicts"], conflicts.arrayValue != nil
        else { throw Failure(description: "vector lacks name, inputs, expected, visible, deleted or conflicts") }
        self.name = name
        self.inputs = try inputs.map { try RecordState(json: $0) }
        steps = try (json["steps"]?.arrayValue ?? []).map(Step.init(json:))
        guard steps.isEmpty || json["merged"] != nil else { throw Failure(description: "\(name): steps need merged") }
        // Compare with the file's JSON written canonically, not re-read through RecordState,
        // so the file itself is the specification of the bytes.
        mergedText = JSONWriter.string(json["merged"] ?? expected)
        expectedText = JSONWriter.string(expected)
        self.visible = try Self.fieldNamed(visible)
        self.deleted = deleted
        self.conflicts = conflicts
    }

    /// The conflicts of a state in the vector format.
    static func conflictsJSON(_ state: RecordState) -> JSONValue {
        func dot(_ d: Dot) -> JSONValue { [.string(d.replica.rawValue), .integer(Int64(d.counter))] }
        return .array(state.conflicts.map { conflict in
            switch conflict {
            case .field(let name, let entries):
                ["kind": "field", "field": .string(name), "dots": .array(entries.map { dot($0.dot) }),
                 "values": .array(entries.map(\.value))]
            case .deleteVersusUpdate(let deletes, let fields):
                ["kind": "delete_update", "deletes": .array(deletes.map { dot($0.dot) }),
                 "fields": .array(fields.map { .string($0) })]
            }
        })
    }

    /// One operation applied to the current state.
    struct Step {
        var json: JSONValue

        init(json: JSONValue) throws {
            guard json["op"]?.stringValue != nil else { throw Failure(description: "step without op") }
            self.json = json
        }

        func apply(to state: inout RecordState, file: String, index: Int) throws {
            let op = json["op"]?.stringValue ?? ""
            var stamp: (dot: Dot, time: HybridTimestamp)?
            switch op {
            case "write":
                stamp = try state.write(try values(), by: try replica(), at: try time())
            case "delete":
                stamp = state.delete(by: try replica(), at: try time())
            case "restore":
                stamp = try state.restore(try values(), by: try replica(), at: try time())
            case "resolve":
                guard let field = json["field"]?.stringValue, let keep = json["keep"] else {
                    throw Failure(description: "resolve needs field and keep")
                }
                stamp = try state.resolve(field: field, keeping: try Self.dot(keep), by: try replica(), at: try time())
            case "reset":
                // A refused push (§8): the device's state becomes the server's, or nothing.
                guard let to = json["to"] else { throw Failure(description: "reset needs to (a state or null)") }
                state = to.isNull ? RecordState(collection: state.collection, id: state.id) : try RecordState(json: to)
            case "integrity":
                // §8a: the server's check of the current (pushed) state; the state is unchanged.
                guard let pusherText = json["pusher"]?.stringValue, let pusher = ReplicaID(pusherText),
                      let now = json["now"]?.integerValue, let skew = json["skew"]?.integerValue,
                      let expected = json["problem"] else {
                    throw Failure(description: "integrity needs pusher, stored, now, skew and problem")
                }
                let stored = try json["stored"].flatMap { $0.isNull ? nil : try RecordState(json: $0) }
                let problem = RecordState.integrityProblem(in: state, pushedBy: pusher, stored: stored,
                                                           nowMillis: now, maxAheadMillis: skew)
                let actual: JSONValue = problem.map { problem in
                    var object: [JSONKey: JSONValue] = ["code": .string(problem.code)]
                    if let field = problem.field { object["field"] = .string(field) }
                    return .object(object)
                } ?? .null
                #expect(actual == expected, "\(file) step \(index) (integrity): problem")
            case "recover":
                // §14a: the pushed (current) state read against a restored server's stored
                // state and the shadow of the state it had acknowledged.
                guard let acknowledged = json["acknowledged"], let expected = json["problem"] else {
                    throw Failure(description: "recover needs stored, acknowledged and problem")
                }
                let stored = try json["stored"].flatMap { $0.isNull ? nil : try RecordState(json: $0) }
                let shadow = RecordShadow(of: try RecordState(json: acknowledged))
                let recovery = RecordState.recovering(state, stored: stored, shadow: shadow)
                let actual: JSONValue = recovery.problem.map { problem in
                    var object: [JSONKey: JSONValue] = ["code": .string(problem.code)]
                    if let field = problem.field { object["field"] = .string(field) }
                    return .object(object)
                } ?? .null
                #expect(actual == expected, "\(file) step \(index) (recover): problem")
                if recovery.problem == nil { state = recovery.incoming }
            case "merge":
                guard let other = json["with"] else { throw Failure(description: "merge needs with") }
                try state.merge(try RecordState(json: other))
            case "forget":
                // §14b, §14d: the record leaves the device; nothing is written.
                state = RecordState(collection: state.collection, id: state.id)
            case "pull":
                // §14d: a pulled state received for the (synced) current state.
                guard let other = json["with"] else { throw Failure(description: "pull needs with") }
                let pulled = try RecordState(json: other)
                if state.isForgottenDelete(by: pulled) { state = pulled } else { try state.merge(pulled) }
            default:
                throw Failure(description: "\(file) step \(index): unknown op \(op)")
            }
            if let expectedStamp = json["stamp"] {
                let actual: JSONValue = stamp.map {
                    ["dot": [.string($0.dot.replica.rawValue), .integer(Int64($0.dot.counter))],
                     "time": [.integer($0.time.wallMillis), .integer(Int64($0.time.logical))]]
                } ?? .null
                #expect(actual == expectedStamp, "\(file) step \(index) (\(op)): stamp")
            }
            if let expected = json["expected"] {
                #expect(state.canonicalText == JSONWriter.string(expected), "\(file) step \(index) (\(op)): state")
            }
        }

        private func replica() throws -> ReplicaID {
            guard let text = json["replica"]?.stringValue, let id = ReplicaID(text) else {
                throw Failure(description: "step needs a valid replica")
            }
            return id
        }

        private func time() throws -> HybridTimestamp {
            guard let parts = json["time"]?.arrayValue, parts.count == 2, let ms = parts[0].integerValue,
                  let logical = parts[1].integerValue, let l = UInt32(exactly: logical) else {
                throw Failure(description: "step needs time [ms, logical]")
            }
            return HybridTimestamp(wallMillis: ms, logical: l)
        }

        private func values() throws -> [String: JSONValue] {
            guard let values = json["values"] else { return [:] }
            guard let object = values.objectValue else { throw Failure(description: "values must be an object") }
            return try ProtocolVector.fieldNamed(object)
        }

        static func dot(_ json: JSONValue) throws -> Dot {
            guard let parts = json.arrayValue, parts.count == 2, let text = parts[0].stringValue,
                  let replica = ReplicaID(text), let counter = parts[1].integerValue, counter > 0 else {
                throw Failure(description: "dot must be [replica, counter]")
            }
            return Dot(replica: replica, counter: UInt64(counter))
        }
    }
}
