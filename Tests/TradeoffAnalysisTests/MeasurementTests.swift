import Foundation
import MLSCrypto
import Testing

@testable import TradeoffAnalysis

@Suite("measurements: spreads, floors, machine description and JSON")
struct MeasurementTests {
    @Test("quartiles interpolate linearly between order statistics (type 7, as R and NumPy)")
    func quartilesOfKnownSamples() throws {
        let six = try #require(Spread([41, 7, 39, 15, 40, 36]))
        #expect(six.lowerQuartile == 20.25)
        #expect(six.median == 37.5)
        #expect(six.upperQuartile == 39.75)
        #expect(six.interquartileRange == 19.5)
        #expect(six.count == 6)
        let four = try #require(Spread([4, 3, 2, 1]))
        #expect((four.lowerQuartile, four.median, four.upperQuartile) == (1.75, 2.5, 3.25))
        let odd = try #require(Spread([1, 2, 3, 4, 5, 6, 7, 8, 9]))
        #expect((odd.lowerQuartile, odd.median, odd.upperQuartile) == (3, 5, 7))
        let one = try #require(Spread([5]))
        #expect((one.lowerQuartile, one.median, one.upperQuartile, one.count) == (5, 5, 5, 1))
    }

    @Test("a spread of nothing, NaN or infinity does not exist, and measuring nothing throws noSamples")
    func emptyAndNonFiniteSpreads() {
        #expect(Spread([]) == nil)
        #expect(Spread([1, .nan]) == nil)
        #expect(Spread([.infinity]) == nil)
        #expect(throws: MeasurementError.noSamples("suite 1, mls, b = 32")) {
            try Measurements.spread([], "suite 1, mls, b = 32")
        }
        #expect(throws: MeasurementError.noSamples("x")) { try Measurements.spread([.nan], "x") }
        #expect(
            Measurements.Row(
                operation: "o", suite: 1, profile: "mls", bits: 8, nanoseconds: .nan,
                floorNanoseconds: nil) == nil)
        #expect(
            Measurements.Row(
                operation: "o", suite: 1, profile: "mls", bits: 8, nanoseconds: 5,
                floorNanoseconds: 0) == nil)
    }

    @Test("scaling multiplies every quantile; overlap compares inter-quartile ranges")
    func scalingAndOverlap() throws {
        let a = try #require(Spread([1, 2, 3, 4]))
        let doubled = a.scaled(by: 2)
        #expect((doubled.lowerQuartile, doubled.median, doubled.upperQuartile, doubled.count) == (3.5, 5, 6.5, 4))
        let apart = try #require(Spread([3, 4, 5, 6]))  // 3.75-5.25 against a's 1.75-3.25
        let inside = try #require(Spread([3, 3.1, 3.2, 3.3]))  // 3.075-3.225
        #expect(!a.overlaps(apart))
        #expect(a.overlaps(inside))
        #expect(inside.overlaps(a))
    }

    @Test("OpenSSL's capability text is read for the SHA extensions bit (CPUID 7 EBX bit 29)")
    func openSSLCapabilityParsing() {
        #expect(
            CryptoLibrary.openSSLSeesSHAExtensions(
                cpuInfo: "CPUINFO: OPENSSL_ia32cap=0x7ed8320b078bffff:0x40069c219c97a9") == true)
        #expect(
            CryptoLibrary.openSSLSeesSHAExtensions(
                cpuInfo: "CPUINFO: OPENSSL_ia32cap=0x7ed8320b078bffff:0x40069c019c97a9") == false)
        #expect(CryptoLibrary.openSSLSeesSHAExtensions(cpuInfo: "CPUINFO: N/A") == nil)
        #expect(CryptoLibrary.openSSLSeesSHAExtensions(cpuInfo: "OPENSSL_ia32cap=0x1:zz") == nil)
        #expect(CryptoLibrary.openSSLVersion.hasPrefix("OpenSSL "))
    }

    @Test("the CPU model and the SHA-NI, AVX2 and AES-NI flags are read from a /proc/cpuinfo text")
    func cpuinfoParsing() {
        let text = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC 7B13
            flags\t\t: fpu sse2 ssse3 aes avx avx2 sha_ni
            processor\t: 1
            model name\t: other
            """
        let (model, features) = MachineInfo.parse(cpuinfo: text)
        #expect(model == "AMD EPYC 7B13")
        #expect(features == ["sha_ni": true, "avx2": true, "aes_ni": true])
        let (noModel, none) = MachineInfo.parse(cpuinfo: "flags : fpu sse2")
        #expect(noModel == "unknown CPU")
        #expect(none == ["sha_ni": false, "avx2": false, "aes_ni": false])
    }

    @Test("the machine description names CPU features, compiler and library versions")
    func machineDescription() {
        // Built by hand: MachineInfo.current() would start pkg-config, which the sanitizer runs need not see.
        let info = MachineInfo(
            cpuModel: "AMD EPYC", cpuFeatures: ["sha_ni": true, "avx2": false, "aes_ni": true], cores: 2,
            operatingSystem: "Debian 12", swiftVersion: MachineInfo.compilerVersion, build: "release",
            libsodium: CryptoLibrary.sodiumVersion, openSSL: CryptoLibrary.openSSLVersion, openSSLUsesSHANI: true,
            libb2: "0.98.1")
        #expect(MachineInfo.compilerVersion.hasPrefix("6."))
        #expect(CryptoLibrary.sodiumVersion.hasPrefix("1.0."))
        let summary = info.summary
        for needle in [
            "AMD EPYC (sha_ni yes, avx2 no, aes_ni yes)", "Swift 6.", "#if compiler", "libsodium 1.0.",
            "OpenSSL 3.", "(uses SHA-NI)", "libb2 0.98.1 (pkg-config",
        ] {
            #expect(summary.contains(needle), "\(needle)")
        }
    }

    @Test("raw compressions of zero calls do nothing; the real floors of one round are positive and finite")
    func floorsArePositive() throws {
        try RawCompression.sha2Compressions(.sha256, count: 0)
        try RawCompression.blake2b512OneBlock(.libb2, count: -1)
        try RawCompression.sodiumHMACLevels(.sha512, levels: 0, leftInfo: [], rightInfo: [])
        var timing = try EvaluationTiming(rounds: 1, samplesPerRound: 1)
        let rows = try timing.rows(bits: 32, priorPunctures: 2)
        #expect(rows.count == 12)
        for row in rows where row.operation == "evaluate_and_puncture_fresh" {
            let floor = try #require(row.floor)
            let reference = try #require(row.reference)
            #expect(floor.time.median > 0 && floor.time.median.isFinite, "\(row.suite) \(row.profile)")
            #expect(reference.time.median > 0 && reference.time.median.isFinite)
            #expect(try #require(row.ratioSpread).median > 0)
            #expect(floor.name.contains(row.profile == "mls" ? "compressions" : "BLAKE2b-512"))
        }
        let primitives = timing.primitiveRows()
        #expect(primitives.count == 4)
        // Two configurations use each primitive (suites 1 and 3, 5 and 7), one batch each in the one round.
        #expect(primitives.allSatisfy { $0.time.median > 0 && $0.time.count == 2 })
    }
}
