import Foundation
import SyncCore

extension CollectionSpec {
    /// Validates one record of this collection against the declaration: no undeclared
    /// field (`unknown_field`), and for a live record every declared field of its type
    /// and within its limits, the required ones set, the id derived from the natural key
    /// (`derived_id_mismatch`), then the collection's consistency rule.
    ///
    /// A deleted record is checked for undeclared fields only: its values are gone.
    /// - Throws: the first problem found.
    public func validate(_ state: RecordState, configuration: DomainConfiguration) throws(DomainError) {
        for name in state.fields.keys where name != RecordState.deletedField && field(name) == nil {
            throw DomainError(.unknownField, ["field": name, "collection": self.name])
        }
        if state.isDeleted { return }
        let reader = FieldReader(state: state, configuration: configuration)
        for spec in fields { try reader.check(spec) }
        if naturalKey != nil, derivedID(of: state) != state.id {
            throw DomainError(.derivedIDMismatch, ["collection": self.name])
        }
        try consistency(state, reader)
    }
}

extension FieldReader {
    /// Checks one declared field's visible value: its type, limits and, when required, presence.
    func check(_ spec: FieldSpec) throws(DomainError) {
        let name = spec.name
        let present: Bool
        switch spec.type {
        case .text: present = try optionalString(name) != nil
        case .longText: present = try optionalString(name, maximumLength: configuration.maximumMinutesLength) != nil
        case .amount: present = try optionalAmount(name) != nil
        case .boolean:
            guard let value = value(name) else { present = false; break }
            guard value.boolValue != nil else { throw DomainError(.invalidField, ["field": name]) }
            present = true
        case .choice(let values):
            guard let value = value(name) else { present = false; break }
            guard let text = value.stringValue, values.contains(text) else {
                throw DomainError(.invalidField, ["field": name])
            }
            present = true
        case .instant:
            guard value(name) != nil else { present = false; break }
            _ = try instant(name)
            present = true
        case .day: present = try optionalDay(name) != nil
        case .reference: present = try optionalString(name) != nil
        case .municipality: present = try optionalMunicipality(name) != nil
        case .correction: present = try correction(name) != nil
        }
        if spec.required, !present { throw DomainError(.missingField, ["field": name]) }
    }

    /// A municipality's name: NFC (`not_normalized` otherwise, so that permission checks,
    /// which compare by canonical equivalence, and scope tags, which compare bytes, agree)
    /// and, when the configuration lists municipalities, one of them (`unknown_municipality`).
    func optionalMunicipality(_ name: String) throws(DomainError) -> String? {
        guard let text = try optionalString(name) else { return nil }
        guard Self.isNFC(text) else {
            throw DomainError(.notNormalized, ["field": name])
        }
        if let known = configuration.municipalities, !known.contains(text) {
            throw DomainError(.unknownMunicipality, ["field": name])
        }
        return text
    }

    /// Whether `text` is in Unicode normalization form C, byte for byte.
    ///
    /// Text made only of scalars below U+0300 is NFC as it stands (UAX #15 quick check:
    /// every such scalar is a starter with NFC_Quick_Check=Yes; combining marks and every
    /// scalar that composes with a preceding one lie above), which is every Swedish
    /// municipality's name; only other text is normalized by Foundation to compare, which
    /// cost 3 % of a local write.
    static func isNFC(_ text: String) -> Bool {
        if text.unicodeScalars.allSatisfy({ $0.value < 0x300 }) { return true }
        return Array(text.utf8) == Array(text.precomposedStringWithCanonicalMapping.utf8)
    }

    /// A correction's reason, `nil` when the field is unset; throws when malformed.
    func correction(_ name: String) throws(DomainError) -> String? {
        guard let value = value(name) else { return nil }
        guard let reason = value["reason"]?.stringValue, !Self.isBlank(reason),
              reason.count <= configuration.maximumTextLength,
              let at = value["at"]?.stringValue, RecordTime.instant(at) != nil,
              value.objectValue?.count == 2 else {
            throw DomainError(.invalidCorrection, ["field": name])
        }
        return reason
    }
}
