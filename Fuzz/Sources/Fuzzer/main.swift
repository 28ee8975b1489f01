import Foundation
import HostileInputChecks

// One libFuzzer binary for every target; FUZZ_TARGET (FuzzCodec, FuzzPPRFState, FuzzUnprotectRFC,
// FuzzUnprotectPPRF, FuzzMessageJob, FuzzNumberParser) picks the invariant to check (HostileInputChecks, or the
// number parser's in NumberParserTarget.swift).
guard let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"],
    let check = numberParserCheck(target: name) ?? HostileInputChecks.check(target: name)
else {
    FileHandle.standardError.write(
        Data(
            ("set FUZZ_TARGET to FuzzCodec, FuzzPPRFState, FuzzUnprotectRFC, FuzzUnprotectPPRF, FuzzMessageJob or "
                + "FuzzNumberParser\n").utf8))
    exit(2)
}
nonisolated(unsafe) let selected = check

/// libFuzzer's driver: SwiftPM renames an executable's `main`, so the target provides its own and hands
/// control to libFuzzer (linked by -sanitize=fuzzer).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(
    runFuzzerDriver(&argc, &argv) { data, count in
        if let violation = selected(Array(UnsafeBufferPointer(start: data, count: count))) { fatalError(violation) }
        return 0
    })
