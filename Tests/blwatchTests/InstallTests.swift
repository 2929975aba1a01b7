import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// `make install` into a temporary DESTDIR with the debug build (BINARY=, so no release build),
/// and the installed files used as an operator would.
@Suite(.enabled(if: Tool.required("make") && Tool.required("python3")))
struct InstallTests {
    /// A staging root and the files `make install` puts there for PREFIX=/usr/local.
    struct Stage {
        let directory: TemporaryDirectory
        var root: String { directory.path }
        var binary: String { root + "/usr/local/bin/blwatch" }
        var config: String { root + "/etc/blwatch/blwatch.yaml" }
        var manPage: String { root + "/usr/local/share/man/man1/blwatch.1" }
        var units: String { root + "/usr/local/lib/systemd/system" }

        init() throws {
            directory = try TemporaryDirectory(prefix: "blwatch-destdir")
        }

        func make(_ target: String, _ variables: [String] = []) async throws -> ExternalTool.Run {
            let binary = try CommandRun.binaryPath()
            let run = try await ExternalTool.run(
                "make",
                ["--no-print-directory", target, "DESTDIR=\(root)", "BINARY=\(binary)"] + variables
            )
            #expect(run.status == 0, "make \(target): \(run.stdout)\(run.stderr)")
            // BINARY= must never start a build, least of all a release build.
            #expect(!run.stdout.contains("swift build"), "\(run.stdout)")
            return run
        }

        /// Every file and symbolic link under the root, relative to it.
        func files() -> [String] {
            let enumerator = FileManager.default.enumerator(atPath: root)
            var found: [String] = []
            while let path = enumerator?.nextObject() as? String {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
                    !isDirectory.boolValue
                {
                    found.append(path)
                }
            }
            return found.sorted()
        }
    }

    @Test func theInstalledBinaryFindsItsCatalogAndDocumentation() async throws {
        let stage = try Stage()
        defer { stage.directory.remove() }
        _ = try await stage.make("install")

        let version = try await ExternalTool.run(stage.binary, ["--version"])
        #expect(version.status == 0 && version.stdout == BLWatchVersion.current + "\n")
        let lists = try await ExternalTool.run(stage.binary, ["lists"])
        #expect(lists.status == 0, "\(lists.stderr)")
        #expect(lists.stdout.hasPrefix("catalog: \(stage.root)/usr/local/share/blwatch/lists.json ("))
        #expect(lists.stdout.contains("*  spamhaus-zen"))

        let man = try String(contentsOfFile: stage.manPage, encoding: .utf8)
        #expect(man.count > 4_000)
        for needle in [
            ".Dt BLWATCH 1", ".Sh COMMANDS", ".Ss \"lists budget\"", "Fl -nagios", ".Sh EXIT STATUS", ".It 78",
        ] {
            #expect(man.contains(needle), "\(needle)")
        }
        let completions = [
            ("share/bash-completion/completions/blwatch", "_blwatch"),
            ("share/zsh/site-functions/_blwatch", "#compdef blwatch"),
            ("share/fish/vendor_completions.d/blwatch.fish", "complete -c 'blwatch'"),
        ]
        for (path, marker) in completions {
            let text = try String(contentsOfFile: stage.root + "/usr/local/" + path, encoding: .utf8)
            #expect(text.count > 2_000 && text.contains(marker) && text.contains("budget"), "\(path)")
        }

        let service = try String(contentsOfFile: stage.units + "/blwatch.service", encoding: .utf8)
        // The unit names the installed paths without DESTDIR: that is where they are at run time.
        #expect(service.contains("\nExecStart=/usr/local/bin/blwatch scan --quiet --config %d/blwatch.yaml\n"))
        #expect(service.contains("\nLoadCredential=blwatch.yaml:/etc/blwatch/blwatch.yaml\n"))
        #expect(!service.contains("@BINDIR@") && !service.contains("@SYSCONFDIR@"))
        #expect(FileManager.default.fileExists(atPath: stage.units + "/blwatch.timer"))
        let cron = try String(contentsOfFile: stage.root + "/usr/local/share/doc/blwatch/blwatch.cron", encoding: .utf8)
        #expect(cron.contains("flock -n /run/blwatch.lock blwatch scan --quiet"))

        let attributes = try FileManager.default.attributesOfItem(atPath: stage.config)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        #expect(try OperatorConfig.load(path: stage.config).targets.count == 3)
    }

    @Test(.enabled(if: Tool.required("groff")))
    func theManPageRendersWithoutWarnings() async throws {
        let stage = try Stage()
        defer { stage.directory.remove() }
        _ = try await stage.make("install")
        let groff = try await ExternalTool.run("groff", ["-mandoc", "-Tutf8", "-ww", "-z", stage.manPage])
        #expect(groff.status == 0 && groff.stderr.isEmpty, "\(groff.stderr)")
        let text = try await ExternalTool.run("groff", ["-mandoc", "-Tutf8", "-P-cbou", stage.manPage])
        #expect(text.stdout.contains("blwatch lists budget [--ip ADDRESS...]"))
    }

    @Test func aSecondInstallKeepsTheOperatorsConfig() async throws {
        let stage = try Stage()
        defer { stage.directory.remove() }
        _ = try await stage.make("install")
        let mine = "targets:\n  - 198.51.100.25\n"
        try mine.write(toFile: stage.config, atomically: false, encoding: .utf8)

        let again = try await stage.make("install")
        #expect(again.stdout.contains("kept \(stage.config)"))
        #expect(try String(contentsOfFile: stage.config, encoding: .utf8) == mine)

        _ = try await stage.make("uninstall")
        #expect(stage.files() == ["etc/blwatch/blwatch.yaml"])
    }

    @Test func uninstallRemovesWhatInstallPut() async throws {
        let stage = try Stage()
        defer { stage.directory.remove() }
        _ = try await stage.make("install")
        #expect(
            stage.files() == [
                "etc/blwatch/blwatch.yaml", "usr/local/bin/blwatch", "usr/local/lib/systemd/system/blwatch.service",
                "usr/local/lib/systemd/system/blwatch.timer", "usr/local/share/bash-completion/completions/blwatch",
                "usr/local/share/blwatch/lists.json", "usr/local/share/doc/blwatch/INSTALL.md",
                "usr/local/share/doc/blwatch/blwatch.cron", "usr/local/share/doc/blwatch/blwatch.example.yaml",
                "usr/local/share/fish/vendor_completions.d/blwatch.fish", "usr/local/share/man/man1/blwatch.1",
                "usr/local/share/zsh/site-functions/_blwatch",
            ]
        )
        _ = try await stage.make("uninstall")
        // The unchanged example configuration goes too; nothing of blwatch stays.
        #expect(stage.files() == [])
    }

    @Test(.enabled(if: Tool.required("systemd-analyze")))
    func systemdAcceptsTheUnits() async throws {
        let stage = try Stage()
        defer { stage.directory.remove() }
        // No DESTDIR here: the units then name the staged binary and config, which exist.
        let run = try await ExternalTool.run(
            "make",
            [
                "--no-print-directory", "install", "PREFIX=\(stage.root)/usr/local", "SYSCONFDIR=\(stage.root)/etc",
                "BINARY=\(try CommandRun.binaryPath())",
            ]
        )
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let service = try String(contentsOfFile: stage.units + "/blwatch.service", encoding: .utf8)
        #expect(service.contains("ExecStart=\(stage.root)/usr/local/bin/blwatch scan"))
        // MANPATH lets verify find Documentation=man:blwatch(1) in the staged man page.
        let verify = try await ExternalTool.run(
            "systemd-analyze",
            ["verify", stage.units + "/blwatch.service", stage.units + "/blwatch.timer"],
            environment: ["MANPATH": stage.root + "/usr/local/share/man", "SYSTEMD_LOG_LEVEL": "notice"]
        )
        #expect(
            verify.status == 0 && verify.stderr.isEmpty && verify.stdout.isEmpty,
            "\(verify.stdout)\(verify.stderr)"
        )

        // And it would notice a broken unit.
        try (service + "Hardening=maybe\n").write(
            toFile: stage.units + "/blwatch.service",
            atomically: false,
            encoding: .utf8
        )
        let broken = try await ExternalTool.run(
            "systemd-analyze",
            ["verify", "--man=no", stage.units + "/blwatch.service"]
        )
        #expect(broken.stderr.contains("Unknown key 'Hardening'"))
    }
}
