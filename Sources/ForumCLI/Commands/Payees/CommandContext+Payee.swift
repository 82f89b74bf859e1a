import FieldClient

extension CommandContext {
    /// Refuses everyone but coordinators the payee commands, with the domain's reason
    /// (`collection_forbidden`): a facilitator's laptop never holds payment details.
    func requirePayeeRole() throws {
        try write { replica throws(ClientError) in try replica.requirePayeeRole() }
    }
}
