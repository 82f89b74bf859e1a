import FieldClient
@testable import ForumCLI
import Messages
import Testing

/// What a person reads when the laptop's own storage fails: a full disk and a read-only
/// replica get different, reassuring messages in both languages.
@Suite struct FailureMessageTests {
    @Test(arguments: [Language.sv, .en])
    func aFullDiskIsToldApartFromAReadOnlyReplica(language: Language) {
        let localizer = Localizer(language: language)
        let full = CommandContext.failure(ClientError(.storageError, "x", detailCode: "full"), localizer: localizer)
        let readOnly = CommandContext.failure(ClientError(.storageError, "x", detailCode: "readonly"), localizer: localizer)
        let other = CommandContext.failure(ClientError(.storageError, "x", detailCode: "ioerr"), localizer: localizer)
        #expect(full.message == localizer["client.error.storage_full"])
        #expect(readOnly.message == localizer["client.error.storage_readonly"])
        #expect(other.message == localizer["client.error.storage_error"])
        #expect(Set([full.message, readOnly.message, other.message]).count == 3)
        #expect(full.message.contains(language == .sv ? "disken är full" : "the disk is full"))
    }
}
