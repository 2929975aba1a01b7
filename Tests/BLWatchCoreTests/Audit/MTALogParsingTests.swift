import Testing

@testable import BLWatchCore

/// The pieces under `MTALogScanner`: headers, message ids, refusal texts.
struct MTALogParsingTests {
    @Test(arguments: [
        (
            "2025-03-04 10:15:02 1tpQ7a-0000000Ab3c-0Kq2 <= <>", MTALogLine.Origin.exim, "2025-03-04", 36_902,
            "1tpQ7a-0000000Ab3c-0Kq2 <= <>"
        ),
        (
            "2025-03-04 10:15:02.123 +0100 [4411] 1IWZoL-0004gE-Hg Completed", .exim, "2025-03-04", 36_902,
            "1IWZoL-0004gE-Hg Completed"
        ),
        (
            "Mar  4 10:15:03 server1 postfix/smtp[21877]: 9C1F23A0B2: to=<a@b>", .postfix, "--03-04", 36_903,
            "9C1F23A0B2: to=<a@b>"
        ),
        (
            "Mar 04 10:15:03 server1 postfix/qmgr[1020]: A4B7F3A0C1: from=<>", .postfix, "--03-04", 36_903,
            "A4B7F3A0C1: from=<>"
        ),
        ("Dec 31 23:59:59 h postfix-out/bounce[9]: X: y", .postfix, "--12-31", 86_399, "X: y"),
        (
            "2025-03-04T10:15:03.123456+01:00 server1 postfix/smtp[1]: ABCDEF: z", .postfix, "2025-03-04", 36_903,
            "ABCDEF: z"
        ),
        (
            "2025-03-04T10:15:03Z mail exim4[77]: [1/2] 1tpQ7a-0000000Ab3c-0Kq2 H=x", .eximSyslog, "2025-03-04", 36_903,
            "1tpQ7a-0000000Ab3c-0Kq2 H=x"
        ),
        (
            "Mar  4 10:15:03 mail exim[77]: 2025-03-04 10:15:03 1IWZoL-0004gE-Hg <= <>", .eximSyslog, "--03-04", 36_903,
            "1IWZoL-0004gE-Hg <= <>"
        ),
    ])
    func parsesHeaders(line: String, origin: MTALogLine.Origin, day: String, seconds: Int, text: String) throws {
        let entry = try #require(MTALogLine.parse(line))
        #expect(entry.origin == origin)
        #expect(entry.day == day)
        #expect(entry.seconds == seconds)
        #expect(entry.text == text)
    }

    @Test(arguments: [
        "501 5.5.4  https://support.google.com/mail/?p=helo - gsmtp)",
        "Mar  4 10:15:03 host dovecot: imap-login: Login",
        "2025-13-04 10:15:02 bad month",
        "2025-03-04 25:15:02 bad hour",
        "",
        "\u{FFFD}\u{0}\u{1F}garbage",
        "Mar",
    ])
    func rejectsOtherLines(line: String) {
        #expect(MTALogLine.parse(line) == nil)
    }

    @Test func splitPartsAreNumbered() throws {
        let entry = try #require(MTALogLine.parse("Mar  4 10:15:03 mail exim[77]: [2/3] rest of it"))
        #expect(entry.part == 2)
        #expect(entry.text == "rest of it")
    }

    @Test(arguments: [
        ("16VDhn-000000001bo-D342", true),
        ("1IWZoL-0004gE-Hg", true),
        ("1IWZoL-0004gE-H", false),
        ("1IWZoL-0004gE-Hg-", false),
        ("9C1F23A0B2", false),
    ])
    func recognisesEximMessageIDs(token: String, valid: Bool) {
        #expect(EximLogParser.isMessageID(Substring(token)) == valid)
    }

    @Test(arguments: [
        ("SMTP error from remote mail server after HELO : 501 Syntax: HELO hostname", MTALogReport.Cause.emptyHELO),
        ("SMTP error from remote mail server after EHLO : 501 5.5.4 Empty HELO/EHLO argument not allowed", .emptyHELO),
        ("Remote host closed connection in response to HELO  (EHLO response was: 501-5.5.4 ...)", .emptyHELO),
        ("Remote host closed connection in response to HELO ", .emptyHELO),
        ("host mx[1.2.3.4] refused to talk to me: 501 Syntax: EHLO hostname", .emptyHELO),
        ("after EHLO mail_1: 501 5.5.4 HELO/EHLO argument \"mail_1\" invalid, closing connection.", .heloSyntax),
        ("said: 501 5.5.2 <a_b>: Helo command rejected: Invalid name (in reply to RCPT TO command)", .heloSyntax),
        ("said: 504 5.5.2 <server1>: Helo command rejected: need fully-qualified hostname", .nonFQDN),
        ("said: 450 4.7.1 <server1>: Helo command rejected: Host not found", .unknownHELO),
        ("said: 550 5.7.1 <server1>: Helo command rejected: You are not me", .heloRejected),
        ("said: 550 5.7.1 Service unavailable, Client host [192.0.2.25] blocked using Spamhaus.", .blocklist),
        (
            "after RCPT TO:<a@b>: 550 5.7.1 Mail from IP 192.0.2.25 was rejected due to listing in Spamhaus SBL",
            .blocklist
        ),
        ("refused to talk to me: 554 5.7.1 Service unavailable; Client host [192.0.2.25] is on XBL", .blocklist),
    ])
    func classifiesRefusals(text: String, cause: MTALogReport.Cause) {
        #expect(MTARejectionText.cause(of: text) == cause)
    }

    @Test(arguments: [
        "said: 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown",
        "said: 452 4.2.2 The email account that you tried to reach is over quota. a640c23a62f3a-abcbl12345.23 - gsmtp",
        "refused to talk to me: 421 4.7.0 Try again later, closing connection.",
        "Remote host closed connection in response to HELO mail.example.org",
    ])
    func ignoresOtherErrors(text: String) {
        #expect(MTARejectionText.cause(of: text) == nil)
    }

    @Test func extractsListsAndAddresses() {
        let text =
            "554 5.7.1 Client host [192.0.2.25] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.25 (25.2.0.192.zen.spamhaus.org) XBL 5.7.1"
        #expect(MTARejectionText.lists(in: text) == ["ZEN", "Spamhaus", "XBL", "zen.spamhaus.org"])
        #expect(MTARejectionText.addresses(in: text) == ["192.0.2.25"])
    }
}
