extension Catalogue {
    /// Texts of `forum-server`: help of its commands, its output and its errors.
    ///
    /// Error messages follow "Fel: " / "Error: " and never repeat values given on the
    /// command line or stored in records.
    static let serverEntries: [Entry] = [
        // The program.
        Entry("server.abstract",
              sv: "Central synkserver för brukarråd: tar emot och delar ut ändringar från enheter.",
              en: "Central sync server for user-influence forums: receives and hands out changes from devices."),
        Entry("server.discussion",
              sv: "Slutkoder: 0 klart, 1 fel under körning, 64 felaktig kommandorad.\nDatabasen ligger i DATA/server.sqlite (standard ./forum-data).",
              en: "Exit codes: 0 done, 1 runtime error, 64 bad command line.\nThe database is DATA/server.sqlite (default ./forum-data)."),
        Entry("server.option.lang", sv: "Språk för texter: sv eller en.", en: "Language of texts: sv or en."),
        Entry("server.option.data", sv: "Datakatalog (standard ./forum-data).", en: "Data directory (default ./forum-data)."),
        Entry("server.option.json", sv: "Skriv ut JSON i stället för en tabell.", en: "Print JSON instead of a table."),

        // serve
        Entry("server.serve.abstract", sv: "Starta servern; stoppas med SIGTERM eller Ctrl-C.",
              en: "Start the server; stop it with SIGTERM or Ctrl-C."),
        Entry("server.serve.host", sv: "Adress att lyssna på (standard 127.0.0.1).",
              en: "Address to listen on (default 127.0.0.1)."),
        Entry("server.serve.port", sv: "Port att lyssna på; 0 väljer en ledig (standard 8080).",
              en: "Port to listen on; 0 picks a free one (default 8080)."),
        Entry("server.serve.max_connections", sv: "Högsta antal samtidiga anslutningar (standard 256); räkna med två per enhet som synkar samtidigt.",
              en: "Most simultaneous connections (default 256); allow two per device syncing at the same time."),
        Entry("server.serve.group_commit", sv: "Om ändringar som flera enheter skickar samtidigt sparas i gemensamma transaktioner (standard on); varje enhet får svar först när dess ändringar är sparade.",
              en: "Whether concurrent pushes from several devices are stored in shared transactions (default on); each device is answered only once its changes are stored."),
        Entry("server.serve.synchronous", sv: "När en ändring räknas som sparad: full väntar tills den ligger på disken innan enheten får svar, så att inget som besvarats går förlorat vid strömavbrott (standard); normal svarar snabbare, men ett strömavbrott kan då ta de senaste ändringarna.",
              en: "When a change counts as stored: full waits until it is on the disk before the device is answered, so nothing answered is lost in a power cut (default); normal answers sooner, but a power cut may then take the latest changes."),
        Entry("server.serve.max_connections_per_address", sv: "Högsta antal samtidiga anslutningar från en adress (standard 64, ett kontor bakom NAT).",
              en: "Most simultaneous connections from one address (default 64, an office behind NAT)."),
        Entry("server.serve.trusted_proxy", sv: "Adress till en omvänd proxy vars X-Forwarded-For anger klienten (kan upprepas).",
              en: "Address of a reverse proxy whose X-Forwarded-For names the client (repeatable)."),
        Entry("server.serve.metrics_port", sv: "Port för en separat /metrics-lyssnare utan token (standard: ingen).",
              en: "Port of a separate /metrics listener without a token (default: none)."),
        Entry("server.serve.metrics_host", sv: "Adress för /metrics-lyssnaren (standard 127.0.0.1).",
              en: "Address of the /metrics listener (default 127.0.0.1)."),
        Entry("server.serve.metrics_token_file", sv: "Fil med en bearer-token som krävs för /metrics på applikationsporten.",
              en: "File holding a bearer token that /metrics on the application port requires."),
        Entry("server.serve.stopping", sv: "Stänger ner: väntar på pågående förfrågningar.",
              en: "Shutting down: waiting for requests in flight."),
        Entry("server.serve.stopped", sv: "Servern har stoppats.", en: "The server has stopped."),

        // device
        Entry("server.device.abstract", sv: "Hantera enheter: lägg till, lista, återkalla.",
              en: "Manage devices: add, list, revoke."),
        Entry("server.device.add.abstract", sv: "Lägg till en enhet och skriv ut dess engångskod.",
              en: "Add a device and print its one-time code."),
        Entry("server.device.add.name", sv: "Enhetens namn, t.ex. vems dator det är.", en: "The device's name, e.g. whose laptop it is."),
        // {roles}: ForumModel's Role values (`ChoiceList`).
        Entry("server.device.add.role", sv: "Roll: {roles}.", en: "Role: {roles}."),
        Entry("server.device.add.municipality", sv: "Kommun enheten arbetar i; upprepa för flera.",
              en: "A municipality the device works in; repeat for several."),
        Entry("server.device.add.done",
              sv: "Enhet {id} tillagd. Engångskod: {code}\nKoden gäller en gång, till {expires}.",
              en: "Device {id} added. One-time code: {code}\nThe code works once, until {expires}."),
        Entry("server.device.list.abstract", sv: "Lista enheter med senaste synk och konflikter.",
              en: "List devices with their last sync and conflicts."),
        Entry("server.device.revoke.abstract", sv: "Återkalla en enhet; dess nyckel slutar gälla direkt.",
              en: "Revoke a device; its token stops working at once."),
        Entry("server.device.revoke.id", sv: "Enhetens id (dev-…); de fyra första tecknen efter dev- räcker om de är unika.",
              en: "The device id (dev-…); its first four characters after dev- are enough when unique."),
        Entry("server.device.revoke.done", sv: "Enhet {id} återkallad.", en: "Device {id} revoked."),
        Entry("server.device.revoke.done_wipe",
              sv: "Enhet {id} återkallad. Vid nästa kontakt tar den bort alla synkade uppgifter och meddelar servern; 'forum-server device list' visar när.",
              en: "Device {id} revoked. At its next contact it removes every synced record and tells the server; 'forum-server device list' shows when."),
        Entry("server.device.revoke.wipe", sv: "Återkalla och radera: enheten tar bort sina synkade uppgifter.",
              en: "Revoke and wipe: the device removes its synced records."),
        Entry("server.device.revoke.discussion",
              sv: "Med --wipe tar enheten vid nästa kontakt bort alla uppgifter som redan finns på servern; osynkade ändringar sparas för export. Enheten meddelar hur många poster den tog bort, och det hamnar i granskningsloggen.",
              en: "With --wipe the device, at its next contact, removes every record the server already holds; unsynced changes are kept for export. The device reports how many records it removed, which goes into the audit trail."),
        Entry("server.device.none", sv: "Inga enheter.", en: "No devices."),
        Entry("server.device.column.id", sv: "ID", en: "ID"),
        Entry("server.device.column.name", sv: "NAMN", en: "NAME"),
        Entry("server.device.column.role", sv: "ROLL", en: "ROLE"),
        Entry("server.device.column.municipalities", sv: "KOMMUNER", en: "MUNICIPALITIES"),
        Entry("server.device.column.state", sv: "STATUS", en: "STATE"),
        Entry("server.device.column.last_push", sv: "SENASTE PUSH", en: "LAST PUSH"),
        Entry("server.device.column.last_pull", sv: "SENASTE PULL", en: "LAST PULL"),
        Entry("server.device.column.conflicts", sv: "KONFLIKTER", en: "CONFLICTS"),
        Entry("server.device.state.active", sv: "aktiv", en: "active"),
        Entry("server.device.state.pending", sv: "väntar på kod", en: "awaiting code"),
        Entry("server.device.state.revoked", sv: "återkallad", en: "revoked"),
        Entry("server.device.state.wipe_pending", sv: "återkallad, radering väntar", en: "revoked, wipe pending"),
        Entry("server.device.state.wiped", sv: "återkallad och raderad", en: "revoked and wiped"),
        Entry("server.never", sv: "aldrig", en: "never"),

        // conflicts
        Entry("server.conflicts.abstract", sv: "Visa och lös konflikter; granskningsflaggor visas bredvid.",
              en: "Show and resolve conflicts; review flags are listed beside them."),
        Entry("server.conflicts.list.abstract", sv: "Lista öppna konflikter och granskningsflaggor.",
              en: "List open conflicts and review flags."),
        Entry("server.conflicts.show.abstract", sv: "Visa alla värden i en konflikt sida vid sida.",
              en: "Show every value of a conflict side by side."),
        Entry("server.conflicts.resolve.abstract", sv: "Lös en konflikt genom att behålla ett värde eller skriva ett nytt.",
              en: "Resolve a conflict by keeping a value or writing a new one."),
        Entry("server.conflicts.id", sv: "Konfliktens id (samling/id); id:ts fyra första tecken räcker om de är unika.",
              en: "The conflict id (collection/id); the id's first four characters are enough when unique."),
        Entry("server.conflicts.field", sv: "Fältet som ska lösas (_deleted för radera mot ändra).",
              en: "The field to resolve (_deleted for delete versus update)."),
        Entry("server.conflicts.keep", sv: "Värde-id att behålla (t.ex. dev-ab12cd34:3), eller restore.",
              en: "Value id to keep (e.g. dev-ab12cd34:3), or restore."),
        Entry("server.conflicts.value", sv: "Nytt värde, läst som fältets typ: ett belopp i hela kronor (900), ja/nej, eller text.",
              en: "New value, read as the field's type: an amount in whole kronor (900), yes/no, or text."),
        Entry("server.conflicts.keep_or_value", sv: "ange antingen --keep eller --value", en: "give either --keep or --value"),
        Entry("server.conflicts.none", sv: "Inga öppna konflikter eller granskningsflaggor.",
              en: "No open conflicts or review flags."),
        Entry("server.conflicts.column.id", sv: "KONFLIKT", en: "CONFLICT"),
        Entry("server.conflicts.column.record", sv: "POST", en: "RECORD"),
        Entry("server.conflicts.column.fields", sv: "FÄLT", en: "FIELDS"),
        Entry("server.conflicts.column.flags", sv: "GRANSKNING", en: "REVIEW"),
        Entry("server.conflicts.column.since", sv: "SEDAN", en: "SINCE"),
        Entry("server.conflicts.field_heading", sv: "Fält {field}:", en: "Field {field}:"),
        Entry("server.conflicts.value_line", sv: "  {id}  {value}  ({writer}, {time})",
              en: "  {id}  {value}  ({writer}, {time})"),
        Entry("server.conflicts.no_open", sv: "Posten har ingen öppen konflikt.", en: "The record has no open conflict."),
        Entry("server.conflicts.hidden_value", sv: "(dold uppgift om en anonym deltagare)", en: "(hidden: an anonymous participant's)"),
        Entry("server.conflicts.unknown_writer", sv: "okänd enhet", en: "unknown device"),
        Entry("server.conflicts.resolved", sv: "Konflikten i {field} är löst; enheterna får lösningen vid nästa synk.",
              en: "The conflict in {field} is resolved; devices receive the resolution at their next sync."),

        // backup
        Entry("server.backup.abstract", sv: "Gör en konsekvent kopia av databasen, även medan servern kör.",
              en: "Make a consistent copy of the database, also while the server runs."),
        Entry("server.backup.discussion",
              sv: "Återställ med forum-server restore FIL medan servern är stoppad.",
              en: "Restore with forum-server restore FILE while the server is stopped."),
        Entry("server.backup.to", sv: "Filen som kopian skrivs till.", en: "The file to write the copy to."),
        Entry("server.backup.done", sv: "Säkerhetskopia skriven.", en: "Backup written."),

        // participant erase, audit
        Entry("server.participant.abstract", sv: "Deltagares personuppgifter.", en: "Participants' personal data."),
        Entry("server.participant.erase.abstract", sv: "Radera en deltagares personuppgifter på servern och alla enheter.",
              en: "Erase a participant's personal data on the server and every device."),
        Entry("server.participant.erase.discussion",
              sv: """
                  Namn, förening och kontaktuppgift tas bort och deltagaren märks som raderad; enheterna får \
                  ändringen vid nästa synk. Närvaro och arvoden sparas (de innehåller inga personuppgifter; \
                  betalda arvoden krävs för bokföringen). Åtgärden loggas i granskningsloggen.
                  """,
              en: """
                  Name, association and contact are removed and the participant is marked erased; devices \
                  receive the change at their next sync. Attendance and honoraria are kept (they hold no \
                  personal data; paid honoraria are required for the accounts). The action is recorded in the audit trail.
                  """),
        Entry("server.participant.erase.id", sv: "Deltagarens id; de fyra första tecknen räcker om de är unika.",
              en: "The participant's id; its first four characters are enough when unique."),
        Entry("server.participant.erased",
              sv: "Personuppgifterna för deltagare {id} är raderade. Arvoden som sparas för bokföringen: {kept}.",
              en: "The personal data of participant {id} is erased. Honoraria kept for the accounts: {kept}."),
        Entry("server.participant.payee_deleted",
              sv: "Utbetalningsuppgifterna (personnummer, konto) är borttagna.",
              en: "The payment details (identity number, account) are deleted."),
        Entry("server.audit.abstract", sv: "Visa granskningsloggen: vem som gjorde vad med enheter och personuppgifter.",
              en: "Show the audit trail: who did what with devices and personal data."),
        Entry("server.audit.none", sv: "Granskningsloggen är tom.", en: "The audit trail is empty."),
        Entry("server.audit.column.time", sv: "Tid", en: "Time"),
        Entry("server.audit.column.actor", sv: "Vem", en: "Who"),
        Entry("server.audit.column.action", sv: "Åtgärd", en: "Action"),
        Entry("server.audit.column.subject", sv: "Gäller", en: "Subject"),
        Entry("server.audit.action.device_add", sv: "lade till enhet", en: "added device"),
        Entry("server.audit.action.device_revoke", sv: "återkallade enhet", en: "revoked device"),
        Entry("server.audit.action.device_revoke_wipe", sv: "återkallade och raderade enhet", en: "revoked and wiped device"),
        Entry("server.audit.action.device_wipe_confirmed", sv: "enheten bekräftade raderingen", en: "device confirmed its wipe"),
        Entry("server.audit.action.conflict_resolve", sv: "löste konflikt", en: "resolved conflict"),
        Entry("server.audit.action.participant_erase", sv: "raderade personuppgifter", en: "erased personal data"),
        Entry("server.audit.action.dashboard_login", sv: "loggade in i adminpanelen", en: "logged in to the dashboard"),
        Entry("server.audit.action.payment_list_export", sv: "skrev ut en utbetalningslista", en: "exported a payment list"),
        Entry("server.audit.action.attendance_report_export", sv: "skrev ut en närvarorapport", en: "exported an attendance report"),
        Entry("server.audit.action.replica_export", sv: "exporterade enhetens poster", en: "exported the device's records"),

        // restore
        Entry("server.restore.abstract", sv: "Återställ databasen från en säkerhetskopia, med servern stoppad.",
              en: "Restore the database from a backup, with the server stopped."),
        Entry("server.restore.discussion",
              sv: """
                  Stoppa servern först. Den nuvarande databasen sparas bredvid som server.sqlite.replaced-…, \
                  och servern får en ny inkarnation: enheterna märker det vid nästa synk och skickar det de har, \
                  så att allt som servern hade tagit emot efter säkerhetskopian kommer tillbaka. Inget behöver \
                  göras på enheterna.
                  """,
              en: """
                  Stop the server first. The current database is kept beside it as server.sqlite.replaced-…, and \
                  the server gets a new incarnation: devices notice at their next sync and send what they hold, so \
                  everything the server had accepted after the backup comes back. Nothing needs doing on the devices.
                  """),
        Entry("server.serve.laptop_retention_days",
              sv: "Dagar efter ett forum som facilitatorers datorer behåller deltagarnas uppgifter (standard 30, 0 = tills de tas bort).",
              en: "Days after a forum that facilitators' laptops keep its participants (default 30, 0 = until deleted)."),
        Entry("server.restore.from", sv: "Säkerhetskopian att återställa från.", en: "The backup to restore from."),
        Entry("server.serve.tombstone_horizon_days",
              sv: "Dagar som en borttagen post finns kvar som gravsten innan den rensas, när alla aktiva enheter har hämtat den (standard 90, 0 = för alltid).",
              en: "Days a deleted record is kept as a tombstone before it is purged, once every active device has pulled it (default 90, 0 = for ever)."),
        Entry("server.tombstones.abstract", sv: "Gravstenar: borttagna poster som servern minns.",
              en: "Tombstones: deleted records the server remembers."),
        Entry("server.tombstones.purge.abstract", sv: "Rensa gravstenar äldre än horisonten nu (servern gör det också varje timme).",
              en: "Purge tombstones older than the horizon now (the server also does so every hour)."),
        Entry("server.tombstones.purge.discussion",
              sv: """
                  En gravsten rensas när den är äldre än horisonten och varje aktiv enhet har hämtat den. En enhet \
                  som inte hörts av inom horisonten väntar servern inte på: den hämtar allt på nytt vid nästa synk \
                  och behåller sina osynkade ändringar. Gravstenar i konflikt rensas inte.
                  """,
              en: """
                  A tombstone is purged when it is older than the horizon and every active device has pulled it. \
                  A device not heard from within the horizon is not waited for: it pulls everything again at its \
                  next sync and keeps its unsynced changes. Tombstones in conflict are not purged.
                  """),
        Entry("server.tombstones.purge.horizon_days",
              sv: "Horisonten i dagar (standard 90; 0 = rensa allt som alla aktiva enheter har hämtat).",
              en: "The horizon in days (default 90; 0 = purge all that every active device has pulled)."),
        Entry("server.tombstones.purged",
              sv: "Rensade gravstenar: {purged}. Väntar på enheter som inte hämtat än: {waiting}.",
              en: "Tombstones purged: {purged}. Waiting for devices that have not pulled yet: {waiting}."),

        Entry("server.restore.done", sv: "Databasen är återställd (ny inkarnation {incarnation}). Starta servern igen.",
              en: "The database is restored (new incarnation {incarnation}). Start the server again."),
        Entry("server.restore.kept", sv: "Den ersatta databasen finns kvar i {file}.",
              en: "The replaced database is kept in {file}."),

        // Runtime errors, by the stable code of SyncServerError.
        Entry("server.error.not_found", sv: "finns inte", en: "not found"),
        Entry("server.error.ambiguous_id", sv: "flera id:n börjar så; ange fler tecken", en: "several ids start so; give more characters"),
        Entry("server.error.restore_source", sv: "filen är ingen hel databas för forum-sync-servern",
              en: "the file is not an intact forum-sync server database"),
        Entry("server.error.not_recovered",
              sv: "posten är inte återhämtad från före återställningen än; låt enheterna synka först",
              en: "the record is not recovered from before the restore yet; let the devices sync first"),
        Entry("server.error.invalid_role", sv: "okänd roll; giltiga: facilitator, coordinator, admin",
              en: "unknown role; valid ones: facilitator, coordinator, admin"),
        Entry("server.error.unknown_municipality", sv: "kommunen finns inte i serverns lista", en: "the municipality is not in the server's list"),
        Entry("server.error.did_you_mean", sv: "menade du {names}?", en: "did you mean {names}?"),
        Entry("server.error.invalid_municipality", sv: "ange minst en kommun", en: "give at least one municipality"),
        Entry("server.error.invalid_name", sv: "enhetens namn får inte vara tomt", en: "the device name may not be empty"),
        Entry("server.error.unknown_value", sv: "fältet har inget värde med det id:t", en: "the field holds no value with that id"),
        Entry("server.error.invalid_value", sv: "fältet kan inte få det värdet", en: "the field cannot take that value"),
        Entry("server.error.invalid_json", sv: "värdet är inte giltig JSON", en: "the value is not valid JSON"),
        Entry("server.error.invalid_conflict_id", sv: "ett konflikt-id skrivs samling/id", en: "a conflict id is collection/id"),
        Entry("server.error.storage_error", sv: "databasen kunde inte läsas eller skrivas: {detail}",
              en: "the database could not be read or written: {detail}"),
        Entry("server.error.data_directory", sv: "datakatalogen kunde inte skapas", en: "the data directory could not be created"),
        Entry("server.error.no_database",
              sv: "det finns ingen serverdatabas i datakatalogen; ange rätt katalog med --data (forum-server serve eller device add skapar en ny)",
              en: "there is no server database in the data directory; give the right one with --data (forum-server serve or device add creates a new one)"),
        Entry("server.database.created", sv: "En ny serverdatabas skapades i {directory}.", en: "A new server database was created in {directory}."),
        Entry("server.error.bind_failed", sv: "kunde inte lyssna på adressen: {detail}", en: "could not listen on the address: {detail}"),
    ]
}
