import Testing
@testable import ForumModel

/// Refusals that name a status name it in the reader's language.
@Suite struct DomainErrorWordingTests {
    @Test func statusesAreNamedInTheReadersLanguage() {
        let absent = DomainError(.absentAttendance, ["status": "approved"])
        #expect(absent.message(.sv) == "arvodet kan inte bli godkänt när deltagaren är frånvarande")
        #expect(absent.message(.en) == "the honorarium cannot become approved while the attendance is marked absent")
        let illegal = DomainError(.illegalStatusTransition, ["from": "paid", "to": "proposed"])
        #expect(illegal.message(.sv) == "ett arvode kan inte gå från utbetalt till föreslaget")
        #expect(DomainError(.finalStatus, ["status": "declined"]).message(.sv) == "arvodet är avslaget och kan bara ändras genom en rättelse")
    }
}
