/// Reads Exim mainlogs and Postfix mail logs, plain or gzip-rotated, and reports how remote
/// servers refused our mail: empty, malformed, short or unresolvable HELO names, and blocklists.
///
/// The format is recognised per line, so a syslog `mail.log` holding both MTAs works, and each
/// refusal is linked to its message to tell bounces (null sender) from normal mail — the
/// signature of `helo_data = $sender_address_domain`, whose HELO is empty exactly for bounces.
/// Input is never trusted: lines over 64 KiB are skipped and counted, binary garbage and CRLF are
/// tolerated, and a truncated `.gz` becomes a warning after its readable lines are counted.
///
/// ```swift
/// let report = try MTALogScanner().scan(paths: ["/var/log/exim4/mainlog", "/var/log/exim4/mainlog.1.gz"])
/// let empty = report.tally(.emptyHELO)   // empty.bounces, empty.normal, empty.onlyBounces
/// ```
public struct MTALogScanner: Sendable {
    /// The longest line read, in bytes; longer lines are skipped and counted.
    public var maxLineLength = 65_536

    /// Creates a scanner.
    public init() {}

    /// Reads every file and counts the refusals found.
    /// - Parameter paths: log files, plain or gzip-compressed, in any order.
    /// - Returns: the counts, findings, and a warning per file problem.
    /// - Throws: ``MTAAuditError`` when no file could be opened at all.
    public func scan(paths: [String]) throws -> MTALogReport {
        var report = MTALogReport()
        var collector = MTALogCollector()
        var opened = 0
        for path in paths {
            do {
                report.files.append(try scan(path: path, into: &collector, warnings: &report.warnings))
                opened += 1
            } catch let error as GzipLineReader.OpenError {
                report.warnings.append("\(error.path): cannot read: \(error.reason)")
            }
        }
        guard opened > 0 else { throw MTAAuditError.unreadable(paths: paths, warnings: report.warnings) }
        report.linesRead = report.files.reduce(0) { $0 + $1.lines }
        report.skippedLongLines = report.files.reduce(0) { $0 + $1.skippedLongLines }
        collector.count(into: &report)
        report.findings = MTALogFindings(collector: collector, report: report).findings()
        return report
    }

    private func scan(
        path: String,
        into collector: inout MTALogCollector,
        warnings: inout [String]
    ) throws -> MTALogReport.FileSummary {
        var assembler = EntryAssembler(path: path)
        let summary = try GzipLineReader(path: path, maxLineLength: maxLineLength).forEachLine { line in
            for event in assembler.take(line) { collector.add(event, file: path) }
        }
        for event in assembler.finish() { collector.add(event, file: path) }
        let file = MTALogReport.FileSummary(
            path: path,
            format: assembler.format,
            compressed: summary.compressed,
            lines: summary.lines,
            skippedLongLines: summary.skippedLongLines,
            unrecognizedLines: assembler.unrecognized
        )
        warnings.append(contentsOf: Self.warnings(for: file, problem: summary.problem))
        return file
    }

    private static func warnings(for file: MTALogReport.FileSummary, problem: GzipLineReader.Problem?) -> [String] {
        var warnings: [String] = []
        switch problem {
        case .truncated:
            warnings.append(
                "\(file.path): gzip data ends early (truncated file); counted the \(file.lines) lines before"
            )
        case .corrupt(let message):
            warnings.append("\(file.path): gzip data is corrupt (\(message)); counted the \(file.lines) lines before")
        case .readFailed(let message):
            warnings.append("\(file.path): read failed (\(message)); counted the \(file.lines) lines before")
        case nil: break
        }
        if file.skippedLongLines > 0 {
            warnings.append("\(file.path): skipped \(file.skippedLongLines) lines longer than 64 KiB")
        }
        if file.format == "unknown", file.lines > 0 {
            warnings.append("\(file.path): no Exim or Postfix log line recognised")
        }
        return warnings
    }
}

/// Joins Exim continuation lines to their entry, then hands each entry to its MTA's parser.
///
/// A line without a timestamp continues the previous Exim mainlog entry (Exim writes a raw
/// newline when it quotes a multi-line reply); a syslog part `[2/3]` continues the previous Exim
/// syslog entry. Elsewhere such a line is counted as unrecognised.
private struct EntryAssembler {
    let path: String
    private var pending: (entry: MTALogLine, line: String)?
    private var continuations = 0
    private var sawExim = false
    private var sawPostfix = false
    private(set) var unrecognized = 0
    /// The longest Exim entry once its continuation lines are joined, in bytes.
    private static let maxEntryLength = 16_384

    init(path: String) {
        self.path = path
    }

    var format: String {
        switch (sawExim, sawPostfix) {
        case (true, true): "exim+postfix"
        case (true, false): "exim"
        case (false, true): "postfix"
        case (false, false): "unknown"
        }
    }

    mutating func take(_ line: String) -> [MTALogEvent] {
        guard let entry = MTALogLine.parse(line) else {
            continueEntry(line, text: line)
            return []
        }
        if entry.origin == .eximSyslog, entry.part > 1, pending?.entry.origin == .eximSyslog {
            continueEntry(line, text: entry.text, joiner: "")
            return []
        }
        let events = finish()
        pending = (entry, line)
        continuations = 0
        if entry.origin == .postfix { sawPostfix = true } else { sawExim = true }
        return events
    }

    /// Flushes the pending entry.
    mutating func finish() -> [MTALogEvent] {
        guard let (entry, line) = pending else { return [] }
        pending = nil
        switch entry.origin {
        case .exim, .eximSyslog: return EximLogParser().events(in: entry, line: line)
        case .postfix: return PostfixLogParser().events(in: entry, line: line)
        }
    }

    /// Adds a continuation to an Exim entry: a raw line to a mainlog entry (`joiner` "\n"), a
    /// syslog part to a syslog entry (`joiner` ""). Anything else is unrecognised.
    private mutating func continueEntry(_ line: String, text: String, joiner: String = "\n") {
        if line.allSatisfy(\.isWhitespace) { return }
        let expected: MTALogLine.Origin = joiner.isEmpty ? .eximSyslog : .exim
        guard var current = pending, current.entry.origin == expected, continuations < 50,
            current.entry.text.utf8.count + text.utf8.count < Self.maxEntryLength
        else {
            unrecognized += 1
            return
        }
        current.entry.text += joiner + text
        current.line += "\n" + line
        pending = current
        continuations += 1
    }
}
