/// A conflict a person must look at: kept, shown and resolvable, never silently dropped.
public enum RecordConflict: Hashable, Sendable {
    /// Concurrent writes put different values in one field. All entries are kept.
    case field(name: String, entries: [FieldEntry])
    /// The record was deleted while another replica concurrently updated it (or deletes and
    /// restores were concurrent). Resolve by restoring or by confirming the delete.
    case deleteVersusUpdate(deletes: [FieldEntry], updatedFields: [String])

    /// A stable code for the kind of conflict.
    public var code: String {
        switch self {
        case .field: "field_conflict"
        case .deleteVersusUpdate: "delete_update_conflict"
        }
    }
}

extension RecordState {
    /// The conflicts in this state: record-level first, then fields in name order.
    public var conflicts: [RecordConflict] {
        var result: [RecordConflict] = []
        let deletes = fields[Self.deletedField]?.entries ?? []
        // Field names are ASCII, where String order is byte order.
        let updated = fields.keys.filter { $0 != Self.deletedField }.sorted()
        let deleteRegister = FieldRegister(deletes)
        if (isDeleted && !updated.isEmpty) || deleteRegister.isInConflict {
            result.append(.deleteVersusUpdate(deletes: deletes.filter { $0.value == .bool(true) },
                                              updatedFields: updated))
        }
        for name in updated {
            if let register = fields[name], register.isInConflict {
                result.append(.field(name: name, entries: register.entries))
            }
        }
        return result
    }

    /// Whether any conflict is open. Allocation-free, so stores can check every save cheaply;
    /// agrees with `conflicts.isEmpty` (a deleted record holding data, or a register holding
    /// different values).
    public var hasConflict: Bool {
        if isDeleted && fields.count > 1 { return true }
        for register in fields.values where register.entries.count > 1 && register.isInConflict { return true }
        return false
    }
}
