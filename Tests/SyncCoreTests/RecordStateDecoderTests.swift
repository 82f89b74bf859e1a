import Testing
@testable import SyncCore

/// One rule at a time: the direct decoder accepts what the tree path accepts (with an equal
/// state) or declines, and `RecordState(jsonBytes:)` then answers exactly as the tree path.
@Suite struct RecordStateDecoderTests {
    /// A valid state with every part: two replicas, a conflict, a deletion mark.
    static let valid = #"{"collection":"forum","id":"f1","context":{"dev-a":2,"dev-ab":1},"fields":{"# +
        #""x":[{"dot":["dev-a",1],"time":[5,0],"value":1},{"dot":["dev-ab",1],"time":[6,3],"value":{"k":["å",null]}}],"# +
        #""_deleted":[{"dot":["dev-a",2],"time":[7,0],"value":false}]}}"#

    /// Checks agreement on `json` and returns the tree path's outcome and the direct result.
    @discardableResult
    func check(_ json: String, limits: RecordLimits = RecordLimits(), sourceLocation: SourceLocation = #_sourceLocation)
        -> (tree: DecodeOutcome, direct: RecordState?) {
        check(Array(json.utf8), limits: limits, sourceLocation: sourceLocation)
    }

    @discardableResult
    func check(_ bytes: [UInt8], limits: RecordLimits = RecordLimits(), sourceLocation: SourceLocation = #_sourceLocation)
        -> (tree: DecodeOutcome, direct: RecordState?) {
        let (tree, decoded, direct) = DecodeOracle.outcomes(bytes, limits: limits)
        #expect(decoded == tree, sourceLocation: sourceLocation)
        if let direct { #expect(.decoded(direct) == tree, sourceLocation: sourceLocation) }
        return (tree, direct)
    }

    func code(_ outcome: DecodeOutcome) -> String? {
        if case .refused(let error) = outcome { error.code.rawValue } else { nil }
    }

    @Test func decodesTheCanonicalFormDirectly() throws {
        let (tree, direct) = check(Self.valid)
        let state = try #require(direct)
        #expect(tree == .decoded(state))
        #expect(state.fields["x"]?.entries.count == 2)
        #expect(state.context[ReplicaID("dev-ab")!] == 1)
        #expect(try RecordState(jsonBytes: state.canonicalJSON) == state)
    }

    @Test func acceptsMembersInAnyOrderAndWhitespaceAroundEveryToken() throws {
        let json = " \n{ \"fields\" :\t{ \"x\" : [ { \"value\" : [ 1 , { \"b\" : 2 , \"a\" : 1 } ] , \"time\" : [ 5 , 0 ] ,\r\n"
            + " \"dot\" : [ \"dev-a\" , 1 ] } ] } , \"id\" : \"f1\" , \"context\" : { \"dev-a\" : 1 } , \"collection\" : \"forum\" }\t\r\n"
        let (tree, direct) = check(json)
        #expect(try #require(direct).fields["x"]?.visibleValue == [1, ["a": 1, "b": 2]])
        #expect(tree.state != nil)
    }

    @Test func keepsBothMembersOfAValueObjectWhoseKeysDifferOnlyInTheirBytes() throws {
        // "é" precomposed (C3 A9) and decomposed (65 CC 81): two keys, as RFC 8259 compares them.
        let json = #"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":["dev-a",1],"time":[5,0],"# +
            #""value":{"\u00e9":1,"e\u0301":2}}]}}"#
        let (tree, direct) = check(json)
        let state = try #require(direct)
        #expect(tree == .decoded(state))
        let value = try #require(state.fields["x"]?.visibleValue)
        #expect(value.objectValue?.count == 2)
        #expect(value["\u{E9}"] == 1 && value["e\u{301}"] == 2)
    }

    @Test(arguments: [
        #"{"collection":"forum","id":"f1","id":"f2","context":{},"fields":{}}"#,
        #"{"collection":"forum","id":"f1","context":{"dev-a":1,"dev-a":1},"fields":{}}"#,
        #"{"collection":"forum","id":"f1","context":{"dev-a":1,"dev-a":0},"fields":{}}"#,
        #"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[],"x":[]}}"#,
        #"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":["dev-a",1],"dot":["dev-a",1],"time":[1,0],"value":1}]}}"#,
        #"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":{"a":1,"a":1}}]}}"#,
        #"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":[{"b":[{"c":1,"c":2}]}]}]}}"#,
        #"{"collection":"forum","\u0069d":"f1","id":"f1","context":{},"fields":{}}"#,
        #"{"collection":"forum","id":"f1","context":{"dev-\u0061":1,"dev-a":1},"fields":{}}"#,
        #"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[],"\u0078":[]}}"#,
    ])
    func refusesARepeatedKeyAtEveryLevelAsTheParserDoes(json: String) {
        let (tree, direct) = check(json)
        #expect(code(tree) == "invalid_json")
        #expect(direct == nil)
        if case .refused(let error) = tree { #expect(error.message.hasPrefix("json_duplicate_key at byte")) }
    }

    @Test func refusesTrailingDataAndEveryTruncation() {
        for trailing in ["x", "{}", ",", "]", "\u{0}", " 1"] {
            let (tree, direct) = check(Self.valid + trailing)
            #expect(code(tree) == "invalid_json" && direct == nil)
        }
        let bytes = Array(Self.valid.utf8)
        for length in 0..<bytes.count {
            let (tree, direct) = check(Array(bytes[..<length]))
            #expect(code(tree) == "invalid_json" && direct == nil, "prefix of \(length) bytes")
        }
    }

    @Test func countsNestingDepthAsTheParserDoes() throws {
        // The value sits in an entry object at depth 4: 60 more arrays reach the limit of 64.
        func record(nesting: Int) -> String {
            #"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":"#
                + String(repeating: "[", count: nesting) + String(repeating: "]", count: nesting) + "}]}}"
        }
        #expect(check(record(nesting: 60)).direct != nil)
        let (tree, direct) = check(record(nesting: 61))
        #expect(direct == nil)
        if case .refused(let error) = tree { #expect(error.message.hasPrefix("json_too_deep")) } else { Issue.record("accepted") }
    }

    @Test(arguments: [
        ([0x22, 0xC3, 0x28, 0x22], "json_invalid_utf8"),     // a lead byte without its continuation
        ([0x22, 0xED, 0xA0, 0x80, 0x22], "json_invalid_utf8"), // a surrogate encoded in UTF-8
        ([0x22, 0xFF, 0x22], "json_invalid_utf8"),
        (Array(#""\ud800""#.utf8), "json_invalid_string"),     // lone high surrogate
        (Array(#""\udc00""#.utf8), "json_invalid_string"),     // lone low surrogate
        (Array(#""\ud800\u0041""#.utf8), "json_invalid_string"),
        (Array(#""a\x""#.utf8), "json_invalid_string"),
        ([0x22, 0x09, 0x22], "json_invalid_string"),          // a raw control character
    ] as [([UInt8], String)])
    func refusesInvalidStringsInValuesNamesAndIds(string: [UInt8], code expected: String) {
        let prefix = Array(#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"#.utf8)
        let documents: [[UInt8]] = [
            prefix + Array(#""x":[{"dot":["dev-a",1],"time":[1,0],"value":"#.utf8) + string + Array("}]}}".utf8),
            prefix + string + Array(#":[{"dot":["dev-a",1],"time":[1,0],"value":1}]}}"#.utf8),
            prefix + Array(#""x":[{"dot":["#.utf8) + string + Array(#",1],"time":[1,0],"value":1}]}}"#.utf8),
            Array(#"{"collection":"#.utf8) + string + Array(#","id":"f1","context":{},"fields":{}}"#.utf8),
        ]
        for document in documents {
            let (tree, direct) = check(document)
            #expect(direct == nil)
            if case .refused(let error) = tree { #expect(error.message.hasPrefix(expected)) } else { Issue.record("accepted") }
        }
    }

    @Test func decodesEscapesInStringsNamesAndIdsAsTheParserDoes() throws {
        let json = #"{"collection":"f\u006Frum","id":"f\u0031","context":{"dev-\u0061":1},"fields":{"\u0078":"#
            + #"[{"dot":["dev\u002da",1],"time":[1,0],"value":"\ud83d\ude00 \"\\\/\b\f\n\r\t \u00e5"}]}}"#
        let state = try #require(check(json).direct)
        #expect(state.collection == "forum" && state.id == "f1")
        #expect(state["x"] == .string("😀 \"\\/\u{8}\u{c}\n\r\t å"))
    }

    @Test(arguments: [
        (#""context":{"dev-a":01}"#, "invalid_json"), (#""context":{"dev-a":1.0}"#, "invalid_json"),
        (#""context":{"dev-a":1e1}"#, "invalid_json"), (#""context":{"dev-a":-0}"#, nil),
        (#""context":{"dev-a":-1}"#, "invalid_record"), (#""context":{"dev-a":0}"#, nil),
        (#""context":{"dev-a":9223372036854775807}"#, nil), (#""context":{"dev-a":9223372036854775808}"#, "invalid_json"),
        (#""context":{"dev-a":"1"}"#, "invalid_record"), (#""context":{"dev-a":null}"#, "invalid_record"),
    ] as [(String, String?)])
    func appliesTheCounterRulesOfTheContext(context: String, code expected: String?) {
        let (tree, _) = check(#"{"collection":"forum","id":"f1","# + context + #","fields":{}}"#)
        #expect(code(tree) == expected)
    }

    @Test(arguments: [
        (#"["dev-a",1],"time":[1,0]"#, nil), (#"["dev-a",0],"time":[1,0]"#, "invalid_dot"),
        (#"["dev-a",-1],"time":[1,0]"#, "invalid_dot"), (#"["dev-a",2],"time":[1,0]"#, "dot_not_in_context"),
        (#"["dev-a",01],"time":[1,0]"#, "invalid_json"), (#"["dev-a"],"time":[1,0]"#, "invalid_dot"),
        (#"["dev-a",1,1],"time":[1,0]"#, "invalid_dot"), (#"["dev a",1],"time":[1,0]"#, "invalid_replica_id"),
        (#"["",1],"time":[1,0]"#, "invalid_replica_id"), (#"[1,1],"time":[1,0]"#, "invalid_dot"),
        (#"["dev-a",1],"time":[1,4294967295]"#, nil), (#"["dev-a",1],"time":[1,4294967296]"#, "invalid_record"),
        (#"["dev-a",1],"time":[1,-1]"#, "invalid_record"), (#"["dev-a",1],"time":[-9223372036854775808,0]"#, nil),
        (#"["dev-a",1],"time":[-9223372036854775809,0]"#, "invalid_json"), (#"["dev-a",1],"time":[1]"#, "invalid_record"),
        (#"["dev-a",1],"time":[1,0,0]"#, "invalid_record"), (#"["dev-a",1],"time":[1,1.5]"#, "invalid_json"),
        (#"["dev-a",1],"time":{"ms":1}"#, "invalid_record"),
    ] as [(String, String?)])
    func appliesTheRulesOfDotsAndTimes(dotAndTime: String, code expected: String?) {
        let json = #"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":"# + dotAndTime + #","value":1}]}}"#
        let (tree, direct) = check(json)
        #expect(code(tree) == expected)
        #expect((direct != nil) == (expected == nil))
    }

    @Test(arguments: [
        (#"{"collection":"Forum","id":"f1","context":{},"fields":{}}"#, "invalid_collection"),
        (#"{"collection":"forum","id":"f 1","context":{},"fields":{}}"#, "invalid_record_id"),
        (#"{"collection":"forum","id":"","context":{},"fields":{}}"#, "invalid_record_id"),
        (#"{"collection":1,"id":"f1","context":{},"fields":{}}"#, "invalid_record"),
        (#"{"collection":"forum","context":{},"fields":{}}"#, "invalid_record"),
        (#"{"collection":"forum","id":"f1","context":[],"fields":{}}"#, "invalid_record"),
        (#"{"collection":"forum","id":"f1","context":{},"fields":[]}"#, "invalid_record"),
        (#"{"collection":"forum","id":"f1","context":{"dev a":1},"fields":{}}"#, "invalid_replica_id"),
        (#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":{}}}"#, "invalid_record"),
        (#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[1]}}"#, "invalid_record"),
        (#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0]}]}}"#, "invalid_record"),
        (#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":1,"extra":1}]}}"#, "invalid_record"),
        (#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"1x":[{"dot":["dev-a",1],"time":[1,0],"value":1}]}}"#, "invalid_field_name"),
        (#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"_x":[{"dot":["dev-a",1],"time":[1,0],"value":1}]}}"#, "reserved_field"),
        (#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"_deleted":[{"dot":["dev-a",1],"time":[1,0],"value":1}]}}"#, "reserved_field"),
        (#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":1},{"dot":["dev-a",1],"time":[2,0],"value":2}]}}"#, "duplicate_dot"),
        // Keys of different bytes are two fields, not a repeat (RFC 8259); as field names
        // they are refused, also where `String` would take them for one ("K" and the Kelvin
        // sign): neither register silently replaces the other.
        (#"{"collection":"forum","id":"f1","context":{"dev-a":2},"fields":{"é":[{"dot":["dev-a",1],"time":[1,0],"value":1}],"# +
         #""e\u0301":[{"dot":["dev-a",2],"time":[1,0],"value":2}]}}"#, "invalid_field_name"),
        (#"{"collection":"forum","id":"f1","context":{"dev-a":2},"fields":{"K":[{"dot":["dev-a",1],"time":[1,0],"value":1}],"# +
         #""\u212a":[{"dot":["dev-a",2],"time":[1,0],"value":2}]}}"#, "invalid_field_name"),
        (#"{"collection":"forum","id":"f1","context":{"dev-a":2},"fields":{"\u212a":[{"dot":["dev-a",1],"time":[1,0],"value":1}],"# +
         #""K":[{"dot":["dev-a",2],"time":[1,0],"value":2}]}}"#, "invalid_field_name"),
        (#"[]"#, "invalid_record"), (#""forum""#, "invalid_record"), (#"{}"#, "invalid_record"),
    ])
    func refusesWhatTheTreePathRefusesWithItsCode(json: String, code expected: String) {
        let (tree, direct) = check(json)
        #expect(code(tree) == expected)
        #expect(direct == nil)
    }

    @Test func checksTheRecordLimitsAsTheTreePathDoes() {
        let entry = #"[{"dot":["dev-a",1],"time":[1,0],"value":1}]"#
        var limits = RecordLimits()
        limits.maximumFields = 2
        // Empty registers count towards the limit before they are dropped.
        #expect(check(#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"a":\#(entry),"b":[]}}"#, limits: limits).direct != nil)
        #expect(code(check(#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"a":\#(entry),"b":[],"c":[]}}"#,
                           limits: limits).tree) == "too_many_fields")
        limits = RecordLimits()
        limits.maximumEntriesPerField = 1
        #expect(code(check(#"{"collection":"forum","id":"f1","context":{"dev-a":2},"fields":{"a":[{"dot":["dev-a",1],"time":[1,0],"value":1},{"dot":["dev-a",2],"time":[1,0],"value":2}]}}"#,
                           limits: limits).tree) == "too_many_entries")
        limits = RecordLimits()
        limits.maximumContextReplicas = 1
        #expect(code(check(#"{"collection":"forum","id":"f1","context":{"dev-a":1,"dev-b":1},"fields":{}}"#, limits: limits).tree) == "invalid_record")
        #expect(check(#"{"collection":"forum","id":"f1","context":{"dev-a":1,"dev-b":0},"fields":{}}"#, limits: limits).direct != nil)
    }

    @Test func measuresValuesByTheirCanonicalSizeExactly() {
        // A string of 9 escaped control characters (6 bytes each) and quotes: 56 bytes canonical.
        let value = #""\u0001\u0001\u0001\u0001\u0001\u0001\u0001\u0001\u0001""#
        let json = #"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":\#(value)}]}}"#
        var limits = RecordLimits()
        limits.maximumValueBytes = 56
        #expect(check(json, limits: limits).direct != nil)
        limits.maximumValueBytes = 55
        #expect(code(check(json, limits: limits).tree) == "value_too_large")
    }

    @Test func leavesUnusualButValidFormsToTheTreePath() throws {
        let unusual = [
            #"{"collection":"forum","id":"f1","context":{},"fields":{},"note":"ignored by the tree path"}"#,
            #"{"\u0063ollection":"forum","id":"f1","context":{},"fields":{}}"#,
        ]
        for json in unusual {
            let (tree, direct) = check(json)
            #expect(direct == nil)
            #expect(tree.state == RecordState(collection: "forum", id: "f1"))
        }
    }

    @Test func dropsEmptyRegistersAndZeroCountersAsTheTreePathDoes() throws {
        // An empty register is dropped before names are checked, so its name may be anything.
        let state = try #require(check(#"{"collection":"forum","id":"f1","context":{"dev-a":0},"fields":{"x":[],"not a name":[]}}"#).direct)
        #expect(state == RecordState(collection: "forum", id: "f1"))
        #expect(state.fields.isEmpty && state.context.isEmpty)
    }

    @Test func tellsApartReplicaIdsThatShareAPrefix() throws {
        let state = try #require(check(Self.valid).direct)
        let dots = state.fields["x"]?.entries.map(\.dot.replica.rawValue)
        #expect(dots == ["dev-a", "dev-ab"])
    }
}
