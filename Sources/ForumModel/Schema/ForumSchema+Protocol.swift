extension ForumSchema {
    /// The tables of PROTOCOL.md part two (the forum collections), written from this
    /// declaration. A test holds the document's copy (between the markers
    /// `<!-- schema:begin -->` and `<!-- schema:end -->`) equal to this text, so the
    /// document can never drift from what the server enforces.
    public static var protocolTables: String {
        var out = ""
        for spec in collections {
            out += "### `\(spec.name)`\n\n\(spec.summary)\n\n"
            switch spec.scope {
            case .field(let name): out += "Scope: the municipality in `\(name)`."
            case .via(let name): out += "Scope: that of the record `\(name)` refers to."
            }
            if let key = spec.naturalKey {
                out += " Id: derived (§9) from " + key.map { "`\($0)`" }.joined(separator: ", ") + "."
            } else {
                out += " Id: random (§9)."
            }
            if let statuses = spec.facilitatorStatuses {
                out += " A facilitator may change it only while its `status` is "
                    + statuses.sorted().map { "`\($0)`" }.joined(separator: ", ") + " in the facilitator's own state."
            }
            if let roles = spec.roles {
                out += " Read and written only by devices of role "
                    + Role.allCases.filter(roles.contains).map { "`\($0.rawValue)`" }.joined(separator: ", ")
                    + " and by the server; never sent to other devices (§14); others' writes are refused `collection_forbidden`."
            }
            out += "\n\n| Field | Type | Required | Personal | Written by | Meaning |\n|---|---|---|---|---|---|\n"
            for field in spec.fields {
                let writers = Role.allCases.filter { field.writers.contains($0) }.map(\.rawValue).joined(separator: ", ")
                out += "| `\(field.name)` | \(field.type.protocolName) | \(field.required ? "yes" : "no") | "
                    + "\(field.identifiesPerson ? "yes" : "no") | \(writers) | \(field.summary) |\n"
            }
            out += "\n"
        }
        return out
    }
}
