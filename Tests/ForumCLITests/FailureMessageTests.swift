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

    @Test func aRefusalFromTheServerIsWordedInTheUsersLanguageFromItsParameters() {
        let parameters = ["field": "title", "limit": "200"]
        let swedish = ClientError.serverReason(code: "text_too_long", parameters: parameters, serverMessage: "server text", .sv)
        #expect(swedish == "fältet 'title' är längre än 200 tecken")
        let english = ClientError.serverReason(code: "text_too_long", parameters: parameters, serverMessage: "server text", .en)
        #expect(english == "field 'title' is longer than 200 characters")
        // An older server sends no parameters: its own text beats a message with holes.
        #expect(ClientError.serverReason(code: "text_too_long", serverMessage: "server text", .sv) == "server text")
        #expect(ClientError.serverReason(code: "no_such_code", parameters: parameters, serverMessage: "server text", .sv) == "server text")
    }
}
