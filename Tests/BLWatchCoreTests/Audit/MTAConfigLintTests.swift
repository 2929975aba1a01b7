import BLWatchCore
import Foundation
import Testing

/// `MTAConfigLint` on the saved configurations of `Fixtures/mtaconfig`.
struct MTAConfigLintTests {
    /// Each fixture, linted alone, with the kinds it must give.
    static let expected: [(file: String, kinds: [String])] = [
        ("exim-bP-remote_smtp.txt", ["eximHELOFromSender"]),
        ("exim4.conf.localmacros", ["eximHELOFromSender"]),
        ("exim-good.conf", []),
        ("postconf-bare.txt", ["postfixHELONotFQDN"]),
        ("main.cf", []),
        ("master.cf", ["postfixHELONotFQDN"]),
    ]

    @Test(arguments: expected)
    func lintsEachFixture(file: String, kinds: [String]) throws {
        let findings = try MTAConfigLint().lint(paths: [Fixtures.path("mtaconfig/\(file)")])
        #expect(findings.map(\.kind) == kinds)
        #expect(findings.allSatisfy { $0.source == .config && !$0.evidence.isEmpty })
    }

    @Test func everyConfigFixtureIsInTheTable() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("mtaconfig"))
        #expect(Set(files) == Set(Self.expected.map(\.file)))
    }

    @Test func debianMacroIsCriticalWithFileAndLine() throws {
        let path = Fixtures.path("mtaconfig/exim4.conf.localmacros")
        let finding = try #require(try MTAConfigLint().lint(paths: [path]).first)
        #expect(finding.severity == .critical)
        #expect(finding.subject == path)
        #expect(finding.evidence == ["\(path):9: REMOTE_SMTP_HELO_DATA = $sender_address_domain"])
        #expect(
            finding.title
                == "REMOTE_SMTP_HELO_DATA is built from $sender_address_domain: empty for bounces (null sender) and different per sender domain"
        )
        #expect(finding.fix.hasPrefix("set helo_data (Debian: REMOTE_SMTP_HELO_DATA) to a fixed FQDN"))
    }

    @Test func eximBPOutputNamesTheLine() throws {
        let findings = try MTAConfigLint().lint(paths: [Fixtures.path("mtaconfig/exim-bP-remote_smtp.txt")])
        #expect(findings.first?.evidence.first?.hasSuffix(":20: helo_data = ${lc:$sender_address_domain}") == true)
    }

    @Test func postconfResolvesMyhostname() throws {
        let path = Fixtures.path("mtaconfig/postconf-bare.txt")
        let finding = try #require(try MTAConfigLint().lint(paths: [path]).first)
        #expect(finding.severity == .warning)
        #expect(finding.title == "Postfix sends HELO \"server1\", which is not fully qualified")
        #expect(finding.evidence == ["\(path):2: smtp_helo_name = $myhostname", "\(path):1: myhostname = server1"])
    }

    @Test func masterCfOverridesResolveThroughMainCf() throws {
        let paths = ["main.cf", "master.cf"].map { Fixtures.path("mtaconfig/\($0)") }
        let findings = try MTAConfigLint().lint(paths: paths)
        #expect(findings.count == 1)
        #expect(
            findings.first?.title
                == "Postfix sends HELO \"bulk01\", which is not fully qualified (master.cf service bulk)"
        )
        #expect(findings.first?.evidence == ["\(paths[1]):19: -o smtp_helo_name=bulk01"])
    }

    @Test(arguments: [
        ("helo_data = $sender_address_domain", "eximHELOFromSender"),
        ("  helo_data = ${domain:$sender_address}", "eximHELOFromSender"),
        ("helo_data = ${if def:h_From: {${domain:$h_From:}}{$primary_hostname}}", "eximHELOFromSender"),
        ("helo_data = $domain", "eximHELOFromSender"),
        ("helo_data =", "eximHELOEmpty"),
        ("helo_data = \"\"", "eximHELOEmpty"),
        ("REMOTE_SMTP_HELO_DATA = ${sender_address_domain}", "eximHELOFromSender"),
        ("myhostname = localhost", "postfixHELONotFQDN"),
        ("smtp_helo_name =", "postfixHELONotFQDN"),
    ])
    func flags(line: String, kind: String) {
        #expect(MTAConfigLint().lint(text: line + "\n", name: "t").map(\.kind) == [kind])
    }

    @Test(arguments: [
        "helo_data = mail.example.org",
        "helo_data = $primary_hostname",
        "helo_data = ${lookup dnsdb{ptr=$sending_ip_address}{$value}{$primary_hostname}}",
        "# helo_data = $sender_address_domain",
        "headers_add = X-Domain: $sender_address_domain",
        "smtp_helo_name = [192.0.2.25]",
        "smtp_helo_name = $myhostname",
        "myhostname = mail.example.org",
        "random text with no settings",
    ])
    func passes(line: String) {
        #expect(MTAConfigLint().lint(text: line, name: "t").isEmpty)
    }

    @Test func eximContinuationLinesAreJoined() {
        let text = "helo_data = ${if eq{$sender_address}{}\\\n    {$primary_hostname}{$sender_address_domain}}\n"
        let findings = MTAConfigLint().lint(text: text, name: "exim.conf")
        #expect(findings.map(\.kind) == ["eximHELOFromSender"])
        #expect(findings.first?.evidence.first?.hasPrefix("exim.conf:1: helo_data = ") == true)
    }

    @Test func noReadableFileThrows() {
        #expect(throws: MTAAuditError.self) { try MTAConfigLint().lint(paths: ["/nonexistent/main.cf"]) }
    }
}
